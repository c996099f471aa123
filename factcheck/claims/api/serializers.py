"""What the claims API reads and writes: serializers validate and shape; services decide."""

from typing import Any

from django.contrib.auth.models import User
from rest_framework import serializers

from factcheck.claims import services
from factcheck.claims.claimreview import CLAIM_REVIEWED_MAX
from factcheck.claims.matching import ClaimMatch
from factcheck.claims.models import Claim, Comment, Rating, Source, Verdict
from factcheck.claims.services import SUMMARY_MAX_CHARS
from factcheck.factchecks.api import FactCheckSerializer


class ClaimSerializer(serializers.ModelSerializer[Claim]):
    assignee: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    facts = serializers.ListField(child=serializers.DictField(), read_only=True)
    claimant_same_as = serializers.CharField(
        read_only=True, help_text="A page that identifies the claimant; empty when none."
    )

    class Meta:
        model = Claim
        fields = [
            "id", "article", "start", "end", "extra_spans", "quote", "statement", "type",
            "claimant", "claimant_kind", "claimant_same_as", "score", "low_priority", "reasons",
            "facts", "origin",
            "status", "dismiss_reason", "return_note", "assignee", "duplicate_of", "version",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class ClaimUpdateSerializer(serializers.Serializer[Any]):
    """The fields a PATCH may carry; the services decide what the workflow allows."""

    statement = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    type = serializers.ChoiceField(choices=Claim.Type.choices, required=False)
    claimant = serializers.CharField(required=False, allow_blank=True, max_length=200)
    claimant_kind = serializers.ChoiceField(
        choices=Claim.ClaimantKind.choices, required=False, allow_blank=True
    )
    claimant_same_as = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="A page that identifies the claimant; ClaimReview's author.sameAs.",
    )
    status = serializers.ChoiceField(
        choices=Claim.Status.choices,
        required=False,
        help_text="`dismissed` (with `dismiss_reason`) dismisses, `new` restores a dismissed "
        "claim. The other statuses follow from work on the claim and its verdict.",
    )
    dismiss_reason = serializers.CharField(required=False, allow_blank=True)
    assignee = serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.all(),
        required=False,
        allow_null=True,
        help_text="Username of the reviewer to assign. Anyone on the desk may take a free "
        "claim (their own username) or give back their own (null); editors assign anyone.",
    )


class BulkSerializer(serializers.Serializer[Any]):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        allow_empty=False,
        max_length=services.BULK_MAX_CLAIMS,
        help_text="The claims to act on.",
    )
    action = serializers.ChoiceField(choices=services.BULK_ACTIONS)
    reason = serializers.CharField(
        required=False, allow_blank=True, help_text="Why they are dismissed (`dismiss`)."
    )
    assignee = serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.all(),
        required=False,
        allow_null=True,
        help_text="Username the claims go to (`assign`, editors).",
    )


class BulkResultSerializer(serializers.Serializer[Any]):
    changed = serializers.IntegerField(help_text="How many claims changed.")


class SimilarClaimSerializer(serializers.Serializer[Any]):
    """A claim in another article that says the same thing, and why we think so."""

    id = serializers.IntegerField(source="claim.pk")
    statement = serializers.CharField(source="claim.statement")
    status = serializers.ChoiceField(choices=Claim.Status.choices, source="claim.status")
    article = serializers.IntegerField(source="claim.article_id")
    score = serializers.FloatField(help_text="0 to 1, best match highest.")
    reasons = serializers.ListField(child=serializers.CharField())


class ClaimMatchSerializer(serializers.Serializer[Any]):
    """A fact-check that may already check the claim: one of ours, or another's."""

    kind = serializers.ChoiceField(choices=["ours", "external"])
    confidence = serializers.FloatField(help_text="0 to 1, calibrated.")
    already_checked = serializers.BooleanField(
        help_text="Confident enough to show as already checked (else possibly related)."
    )
    reasons = serializers.ListField(child=serializers.CharField())
    claim = serializers.IntegerField(source="claim.pk", allow_null=True, default=None)
    rating = serializers.SerializerMethodField()
    factcheck = FactCheckSerializer(allow_null=True)

    def get_rating(self, match: ClaimMatch) -> str | None:
        if match.verdict is not None:
            return str(match.verdict.rating)
        return match.factcheck.rating if match.factcheck else None


class DuplicateSerializer(serializers.Serializer[Any]):
    original = serializers.PrimaryKeyRelatedField(
        queryset=Claim.objects.all(),
        allow_null=True,
        help_text="The claim this one repeats (null clears the mark).",
    )
    publish = serializers.BooleanField(
        default=False,
        help_text="Editors: publish this claim with the original's verdict (someone else "
        "must have marked it as this repeat).",
    )


class SourceSerializer(serializers.ModelSerializer[Source]):
    final_url = serializers.CharField(
        read_only=True, help_text="Where the address led after redirects; empty until archived."
    )
    added_by: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Source
        fields = [
            "id", "claim", "url", "title", "publisher", "published_on", "excerpt", "stance",
            "added_by", "snapshot_status", "final_url", "http_status", "fetched_at", "sha256",
            "snapshot_title", "failure_reason", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class SourceCreateSerializer(serializers.Serializer[Any]):
    url = serializers.CharField(max_length=2000, help_text="http(s) address of the evidence.")
    title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200)
    published_on = serializers.DateField(required=False, allow_null=True)
    excerpt = serializers.CharField(required=False, allow_blank=True)
    stance = serializers.ChoiceField(choices=Source.Stance.choices, required=False)


class VerdictSerializer(serializers.ModelSerializer[Verdict]):
    rating: serializers.SlugRelatedField[Rating] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    rating_label = serializers.CharField(source="rating.label", read_only=True)
    author: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    approver: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Verdict
        fields = [
            "id", "claim", "number", "state", "rating", "rating_label", "summary",
            "claim_reviewed", "explanation", "correction_note", "withdraw_reason", "author",
            "approver",
            "submitted_at", "published_at", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class VerdictDraftSerializer(serializers.Serializer[Any]):
    claim = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.all())
    rating = serializers.SlugRelatedField(slug_field="slug", queryset=Rating.objects.all())
    summary = serializers.CharField(
        allow_blank=True,
        max_length=SUMMARY_MAX_CHARS,
        help_text=f"One line, at most {SUMMARY_MAX_CHARS} characters.",
    )
    claim_reviewed = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=CLAIM_REVIEWED_MAX,
        help_text=f"The claim in at most {CLAIM_REVIEWED_MAX} characters, ClaimReview's "
        "claimReviewed; needed to publish. Left out: proposed from the statement.",
    )
    explanation = serializers.CharField(required=False, allow_blank=True)
    correction_note = serializers.CharField(
        required=False, allow_blank=True, help_text="Required when correcting a published verdict."
    )


class VerdictUpdateSerializer(serializers.Serializer[Any]):
    rating = serializers.SlugRelatedField(
        slug_field="slug", queryset=Rating.objects.all(), required=False
    )
    summary = serializers.CharField(required=False, allow_blank=True, max_length=SUMMARY_MAX_CHARS)
    claim_reviewed = serializers.CharField(
        required=False, allow_blank=True, max_length=CLAIM_REVIEWED_MAX
    )
    explanation = serializers.CharField(required=False, allow_blank=True)
    correction_note = serializers.CharField(required=False, allow_blank=True)


class UnpublishSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(
        max_length=2000, help_text="Why it leaves the public record; kept in the history."
    )


class SendBackSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(allow_blank=True, help_text="What the reviewer should fix.")


class ExportRowSerializer(serializers.Serializer[Any]):
    """Documentation only: one published verdict in the JSON export (and a CSV row)."""

    verdict_id = serializers.IntegerField()
    claim_id = serializers.IntegerField()
    version = serializers.IntegerField(help_text="1, then 2... for corrections.")
    claim = serializers.CharField(help_text="The claim's statement.")
    claimant = serializers.CharField()
    claim_type = serializers.ChoiceField(choices=Claim.Type.choices)
    rating = serializers.CharField(help_text="The rating's label.")
    rating_value = serializers.IntegerField(allow_null=True)
    summary = serializers.CharField()
    explanation = serializers.CharField()
    correction_note = serializers.CharField()
    article_title = serializers.CharField()
    article_url = serializers.CharField(allow_null=True)
    article_published_at = serializers.DateTimeField(allow_null=True)
    first_published_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(help_text="When this version was published.")
    url = serializers.URLField(help_text="The public page.")


class RatingSerializer(serializers.ModelSerializer[Rating]):
    class Meta:
        model = Rating
        fields = ["slug", "label", "value", "order", "colour", "description"]
        read_only_fields = fields


class CommentSerializer(serializers.ModelSerializer[Comment]):
    author: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = Comment
        fields = ["id", "claim", "author", "body", "created_at"]
        read_only_fields = fields


class CommentCreateSerializer(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=10_000, help_text="Plain text.")
