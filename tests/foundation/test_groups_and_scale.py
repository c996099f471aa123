import pytest
from django.contrib.auth.models import Group

from factcheck.claims.models import Rating

pytestmark = pytest.mark.django_db


def perms(group: str) -> set[str]:
    return {
        f"{app}.{code}"
        for app, code in Group.objects.get(name=group).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_reviewers_can_check_take_and_dismiss_but_not_publish_assign_or_reopen() -> None:
    reviewer = perms("Reviewer")
    assert {
        "articles.add_article",
        "claims.change_claim",
        "claims.add_source",
        "claims.add_verdict",
    } <= reviewer
    assert {"claims.take_claim", "claims.dismiss_claim"} <= reviewer
    assert not {"claims.publish_verdict", "claims.assign_claim", "claims.reopen_claim"} & reviewer


def test_editors_can_do_what_reviewers_do_and_approve_assign_and_reopen() -> None:
    assert perms("Reviewer") < perms("Editor")
    assert {
        "claims.publish_verdict",
        "claims.assign_claim",
        "claims.dismiss_claim",
        "claims.reopen_claim",
    } <= perms("Editor")


def test_default_rating_scale_runs_from_true_to_unverifiable() -> None:
    scale = list(Rating.objects.values_list("label", "value"))
    assert [label for label, _ in scale] == [
        "True",
        "Mostly true",
        "Mixed",
        "Misleading",
        "Mostly false",
        "False",
        "Unverifiable",
    ]
    assert dict(scale)["Unverifiable"] is None
    values = [v for _, v in scale if v is not None]
    assert values == sorted(values, reverse=True)
