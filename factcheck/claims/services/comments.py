"""Comments on a claim, and the mentions they carry."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from factcheck.claims.models import Claim, Comment
from factcheck.claims.services.common import MENTION, Actor, _clean_text, _event
from factcheck.versioning import require as _require


@transaction.atomic
def comment_add(*, claim: Claim, actor: Actor, body: str) -> Comment:
    user = _require(actor, "claims.add_comment", _("comment on claims"))
    comment = Comment.objects.create(
        claim=claim, author=user, body=_clean_text(body, _("Comment"), max_chars=10_000)
    )
    names = {name.rstrip(".") for name in MENTION.findall(comment.body)}
    if names:
        # Only people on the desk: a mention must not reveal the claim to anyone else.
        mentioned = [
            person.pk
            for person in User.objects.filter(username__in=names, is_active=True)
            if person.has_perm("claims.view_claim")
        ]
        _event("mentioned", claim, actor, mentioned, f"mention:{comment.pk}")
    return comment
