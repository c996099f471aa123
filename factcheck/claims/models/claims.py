"""Claims, and the QuerySet every claim list reads through."""

import re
from typing import Any

from django.conf import settings
from django.db import connections, models
from django.db.models import BooleanField, Count, F, OuterRef, Q, TextField, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, NullIf, RowNumber
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy, pgettext_lazy
from simple_history.models import HistoricalRecords

from factcheck.articles.models import Article
from factcheck.claims.models.search import SEARCH_VECTOR, normalise_figures
from factcheck.claims.normalise import normalise
from factcheck.history import ActorName

User = settings.AUTH_USER_MODEL

# The sort options of every claim list (web and API), each ending in a unique key so pages
# never overlap.
ORDERINGS: dict[str, tuple[str, ...]] = {
    "-score": ("-score", "-created_at", "-id"),
    "score": ("score", "created_at", "id"),
    "-created": ("-created_at", "-id"),
    "created": ("created_at", "id"),
    "article": ("article_id", "start", "id"),
}


class ClaimQuerySet(models.QuerySet["Claim"]):
    def visible_to(self, user: Any) -> "ClaimQuerySet":
        # The desk's work is for the desk: an account without its roles (a data
        # consumer's) sees published verdicts only, on the public pages and exports.
        if not (user.is_authenticated and user.has_perm("claims.view_claim")):
            return self.none()
        return self

    def with_status(self, status: str) -> "ClaimQuerySet":
        return self.filter(status=status)

    def new(self) -> "ClaimQuerySet":
        # Claims the machine proposed as low priority wait in their own queue.
        return self.filter(status=Claim.Status.NEW, low_priority=False)

    def low_priority(self) -> "ClaimQuerySet":
        return self.filter(status=Claim.Status.NEW, low_priority=True)

    def awaiting_approval(self) -> "ClaimQuerySet":
        # A submitted verdict, whether the claim's first or a correction of a published one.
        return self.filter(
            models.Exists(Verdict.objects.filter(claim=OuterRef("pk"), state="submitted"))
        )

    def published(self) -> "ClaimQuerySet":
        return self.filter(status=Claim.Status.PUBLISHED)

    def with_article(self) -> "ClaimQuerySet":
        """With their article's details (its language, title...) but not its text."""
        return self.select_related("article").defer(
            "article__body", "article__raw", "article__boilerplate"
        )

    def untouched_proposals(self) -> "ClaimQuerySet":
        """The machine's proposals nobody has worked on yet: new, never edited, assigned
        or marked a repeat, with no verdict, comment or source."""
        return self.filter(
            ~models.Exists(Verdict.objects.filter(claim=OuterRef("pk"))),
            ~models.Exists(Comment.objects.filter(claim=OuterRef("pk"))),
            ~models.Exists(Source.objects.filter(claim=OuterRef("pk"))),
            origin=Claim.Origin.MACHINE,
            status=Claim.Status.NEW,
            version=1,
            assignee__isnull=True,
            duplicate_of__isnull=True,
        )

    def assigned_to(self, user: Any) -> "ClaimQuerySet":
        return self.filter(assignee=user)

    def open(self) -> "ClaimQuerySet":
        """Claims someone still has to work on: neither dismissed nor published."""
        return self.filter(
            status__in=[Claim.Status.NEW, Claim.Status.CHECKING, Claim.Status.AWAITING_APPROVAL]
        )

    def sent_back_to(self, user: Any) -> "ClaimQuerySet":
        """Claims whose verdict this person drafted and an editor sent back with a note."""
        return self.with_draft_by(user).exclude(return_note="")

    def drafts_of(self, user: Any) -> "ClaimQuerySet":
        """Claims with a draft verdict of this person's, not sent back."""
        return self.with_draft_by(user).filter(return_note="")

    def with_draft_by(self, user: Any) -> "ClaimQuerySet":
        drafts = Verdict.objects.filter(claim=OuterRef("pk"), state="draft", author=user)
        return self.filter(models.Exists(drafts))

    def repeats_to_publish(self) -> "ClaimQuerySet":
        """Claims marked as repeats of a claim with a published verdict, waiting for an
        editor (not the one who marked them) to publish them in one step."""
        return self.filter(
            status__in=[Claim.Status.NEW, Claim.Status.CHECKING],
            duplicate_of__status=Claim.Status.PUBLISHED,
        )

    def recently_published(self) -> "ClaimQuerySet":
        return (
            self.published()
            .annotate(
                last_published_at=models.Max(
                    "verdicts__published_at", filter=Q(verdicts__state="published")
                )
            )
            .order_by(F("last_published_at").desc(nulls_last=True), "-id")
        )

    def search(self, text: str) -> "ClaimQuerySet":
        """Claims matching every word of `text` in their statement, quote, claimant or
        article title. PostgreSQL: full-text search with English stemming ("vaccines"
        finds "vaccine") over an indexed document whose figures are written without
        thousands separators ("500,000" and "500 000" find "500000"). SQLite (the demo):
        a substring match per word on the same fields."""
        text = normalise_figures(text)
        if not text.split():
            return self
        if connections[self.db].vendor != "postgresql":
            return self._search_substrings(text)
        query = "websearch_to_tsquery('english', %s)"
        # A plain filter on the stored document: the planner either reads every match
        # from the GIN index and sorts them (a rare word, a figure) or walks the list in
        # its order and tests each row until a page is full (a common word), whichever
        # its statistics say is cheaper. When the document was an expression, testing a
        # row meant rebuilding it from the text (seconds at 100,000 claims), so the
        # matches were always read first, and a search grew with its matches.
        matches_claim = RawSQL(f"{SEARCH_VECTOR} @@ {query}", [text], BooleanField())
        # Words may be split between the claim and its article's title. The titles that
        # hold any of the words are few, so their ids go into the query as a list, which
        # PostgreSQL combines with the document's GIN index instead of scanning claims.
        words = [word for word in re.findall(r"\w+", text) if word.isalnum()]
        articles: list[int] = []
        if words:
            title_has_a_word = RawSQL(
                "to_tsvector('english', title) @@ to_tsquery('english', %s)",
                [" | ".join(f"'{word}'" for word in words)],
                BooleanField(),
            )
            articles = list(Article.objects.filter(title_has_a_word).values_list("pk", flat=True))
        if not articles:
            return self.filter(matches_claim)
        with_title = RawSQL(
            f"({SEARCH_VECTOR} || to_tsvector('english', coalesce((SELECT a.title FROM "
            f"articles_article a WHERE a.id = claims_claim.article_id), ''))) @@ {query}",
            [text],
            BooleanField(),
        )
        return self.filter(matches_claim | (Q(article_id__in=articles) & Q(with_title)))

    def _search_substrings(self, text: str) -> "ClaimQuerySet":
        queryset = self
        for word in text.split():
            queryset = queryset.filter(
                Q(statement__icontains=word)
                | Q(quote__icontains=word)
                | Q(claimant__icontains=word)
                | Q(article__title__icontains=word)
            )
        return queryset

    def grouped(self) -> "ClaimQuerySet":
        """One row per group of repeats (claims with the same normalised statement, within
        an article or across articles): its most check-worthy member, with `repeats` set
        to the size of the group within this queryset."""
        key = Coalesce(NullIf(F("normalised"), Value("")), Cast("id", TextField()))
        best_first = [F("score").desc(), F("created_at").desc(), F("id").desc()]
        return self.annotate(
            repeats=Window(Count("id"), partition_by=[key]),
            group_rank=Window(RowNumber(), partition_by=[key], order_by=best_first),
        ).filter(group_rank=1)

    def repeats_of(self, claim: "Claim") -> "ClaimQuerySet":
        """The other claims that say the same thing, word for word once normalised."""
        if not claim.normalised:
            return self.none()
        return self.filter(normalised=claim.normalised).exclude(pk=claim.pk)

    def with_new_repeats(self, ids: list[int]) -> list[int]:
        """`ids` and the new claims repeating them: a queue item stands for its group."""
        statements = self.filter(pk__in=ids).exclude(normalised="").values("normalised")
        members = self.new().filter(normalised__in=statements).values_list("pk", flat=True)
        return sorted({*ids, *members})

    def ranked(self) -> "ClaimQuerySet":
        """Most check-worthy first, then newest: the order every queue starts in."""
        return self.order_by(*ORDERINGS["-score"])

    def with_rating(self, slug: str) -> "ClaimQuerySet":
        """Claims whose current verdict (open or published) has the rating of this slug."""
        current = Verdict.objects.current().filter(claim=OuterRef("pk"), rating__slug=slug)
        return self.filter(models.Exists(current))

    def for_listing(self) -> "ClaimQuerySet":
        """What a list of claims shows, in a fixed number of queries however long it is:
        the article (without its text), the assignee and the current verdict's rating."""
        current = Verdict.objects.current().select_related("rating").order_by("-number")
        return (
            self.select_related("article", "assignee")
            .defer("article__body", "article__raw", "article__boilerplate")
            .prefetch_related(
                models.Prefetch("verdicts", queryset=current, to_attr="current_verdicts")
            )
        )


class Claim(models.Model):
    class Type(models.TextChoices):
        QUANTITY = "quantity", pgettext_lazy("claim type", "Quantity")
        SUPERLATIVE = "superlative", pgettext_lazy("claim type", "Superlative")
        CAUSAL = "causal", pgettext_lazy("claim type", "Causal")
        PREDICTION = "prediction", pgettext_lazy("claim type", "Prediction")
        RULE = "rule", pgettext_lazy("claim type", "Rule")
        EVENT = "event", pgettext_lazy("claim type", "Event")
        STATEMENT = "statement", pgettext_lazy("claim type", "Statement")
        PERSONAL_EXPERIENCE = (
            "personal_experience",
            pgettext_lazy("claim type", "Personal experience"),
        )
        OTHER = "other", pgettext_lazy("claim type", "Other")

    class ClaimantKind(models.TextChoices):
        UNKNOWN = "", gettext_lazy("Unknown")  # no claimant, or a name that does not tell
        PERSON = "person", gettext_lazy("Person")
        ORGANISATION = "organisation", gettext_lazy("Organisation")

    class Origin(models.TextChoices):
        MACHINE = "machine", gettext_lazy("Machine")
        HUMAN = "human", gettext_lazy("Human")

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("claim status", "New")
        DISMISSED = "dismissed", pgettext_lazy("claim status", "Dismissed")
        CHECKING = "checking", pgettext_lazy("claim status", "Checking")
        AWAITING_APPROVAL = "awaiting_approval", pgettext_lazy("claim status", "Awaiting approval")
        PUBLISHED = "published", pgettext_lazy("claim status", "Published")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    start = models.PositiveIntegerField(verbose_name=gettext_lazy("start"))
    end = models.PositiveIntegerField(verbose_name=gettext_lazy("end"))
    quote = models.TextField(
        help_text=gettext_lazy("The exact text of the article at start:end."),
        verbose_name=gettext_lazy("quote"),
    )
    statement = models.TextField(
        help_text=gettext_lazy("Self-contained wording of the claim."),
        verbose_name=gettext_lazy("statement"),
    )
    normalised = models.TextField(
        blank=True,
        editable=False,
        help_text=gettext_lazy("The statement as similar-claim lookup sees it."),
    )
    type = models.CharField(
        max_length=24, choices=Type, default=Type.OTHER, verbose_name=gettext_lazy("type")
    )
    claimant = models.CharField(max_length=200, blank=True, verbose_name=gettext_lazy("claimant"))
    claimant_kind = models.CharField(
        max_length=12,
        choices=ClaimantKind,
        blank=True,
        help_text=gettext_lazy("Whether the claimant is a person or an organisation, when known."),
        verbose_name=gettext_lazy("claimant kind"),
    )
    claimant_same_as = models.URLField(
        max_length=500,
        blank=True,
        help_text=gettext_lazy(
            "A page that identifies the claimant (Wikipedia, Wikidata, an official "
            "site): ClaimReview's author.sameAs."
        ),
        verbose_name=gettext_lazy("claimant same as"),
    )
    score = models.FloatField(
        default=0.0,
        help_text=gettext_lazy("Check-worthiness, 0 to 1."),
        verbose_name=gettext_lazy("score"),
    )
    low_priority = models.BooleanField(
        default=False,
        db_index=True,
        help_text=gettext_lazy(
            "Proposed by the machine with a score below CLAIM_LOW_PRIORITY_BELOW."
        ),
        verbose_name=gettext_lazy("low priority"),
    )
    extra_spans = models.JSONField(
        default=list,
        blank=True,
        help_text=gettext_lazy(
            "[[start, end], ...]: where the same sentence appears again in the article."
        ),
        verbose_name=gettext_lazy("extra spans"),
    )
    reasons = models.JSONField(default=list, blank=True)
    facts = models.JSONField(default=list, blank=True)
    origin = models.CharField(
        max_length=8, choices=Origin, default=Origin.MACHINE, verbose_name=gettext_lazy("origin")
    )
    status = models.CharField(
        max_length=20,
        choices=Status,
        default=Status.NEW,
        db_index=True,
        verbose_name=gettext_lazy("status"),
    )
    dismiss_reason = models.TextField(blank=True, verbose_name=gettext_lazy("dismiss reason"))
    return_note = models.TextField(
        blank=True,
        help_text=gettext_lazy("Why an editor sent the claim back."),
        verbose_name=gettext_lazy("return note"),
    )
    assignee = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
        verbose_name=gettext_lazy("assignee"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        verbose_name=gettext_lazy("duplicate of"),
    )
    # A repeat is published on the strength of the match, so two people must see it: the
    # one who marked it and the editor who confirms it (a constraint, like the four-eyes
    # rule on verdicts).
    duplicate_marked_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("duplicate marked by"),
    )
    duplicate_confirmed_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("duplicate confirmed by"),
    )
    version = models.PositiveIntegerField(default=1, help_text=gettext_lazy("Optimistic lock."))
    created_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("created by"),
    )
    # Indexed for the desk's figures (factcheck.insight): claims in per day, per week.
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    # The history is read by claim (`id`), by person (`history_user`), by date and through
    # the Insight indexes (factcheck.insight migration 0002), never by these fields: an
    # index on each made every history row (a thousand for a bulk action) cost ten more
    # index entries for nothing.
    history = HistoricalRecords(
        excluded_fields=["updated_at", "normalised"],
        bases=[ActorName],
        no_db_index=[
            "article",
            "assignee",
            "created_by",
            "created_at",
            "duplicate_of",
            "duplicate_marked_by",
            "duplicate_confirmed_by",
            "low_priority",
            "status",
        ],
    )
    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("claim")
        verbose_name_plural = gettext_lazy("claims")
        ordering = ["article_id", "start", "id"]
        # Every list's default order (ORDERINGS["-score"]): a first page is 50 entries read.
        indexes = [models.Index(fields=["-score", "-created_at", "-id"], name="claim_ranked")]
        permissions = [
            ("assign_claim", "Can assign claims to others"),
            ("dismiss_claim", "Can dismiss claims"),
            ("take_claim", "Can take claims (assign them to themselves)"),
            ("reopen_claim", "Can reopen dismissed claims"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="claim_score_0_1"
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=F("id")), name="claim_not_duplicate_of_itself"
            ),
            models.CheckConstraint(
                condition=~Q(status="dismissed") | ~Q(dismiss_reason=""),
                name="claim_dismissed_has_reason",
            ),
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_span_unique"),
            models.CheckConstraint(
                condition=Q(duplicate_confirmed_by__isnull=True)
                | ~Q(duplicate_confirmed_by=F("duplicate_marked_by")),
                name="claim_repeat_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return self.statement[:80]

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Kept here so no writer can forget it; bulk_create callers set it themselves.
        self.normalised = normalise(self.statement)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "statement" in update_fields:
            kwargs["update_fields"] = {*update_fields, "normalised"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("claim_detail", args=[self.pk])

    # The claim before and after this one in its article, in reading order (as the reader
    # lists them): the claim page's "previous" and "next" links and keys.
    @cached_property
    def previous_in_article(self) -> "Claim | None":
        earlier = Q(start__lt=self.start) | Q(start=self.start, id__lt=self.pk)
        siblings = Claim.objects.filter(article_id=self.article_id).filter(earlier)
        return siblings.order_by("-start", "-id").only("id").first()

    @cached_property
    def next_in_article(self) -> "Claim | None":
        later = Q(start__gt=self.start) | Q(start=self.start, id__gt=self.pk)
        siblings = Claim.objects.filter(article_id=self.article_id).filter(later)
        return siblings.order_by("start", "id").only("id").first()


# Last, because verdicts.py imports Claim for its foreign key: the package imports this
# module first, so Claim exists by the time verdicts.py asks for it. The QuerySet methods
# above use Verdict only when they run.
from factcheck.claims.models.comments import Comment  # noqa: E402
from factcheck.claims.models.sources import Source  # noqa: E402
from factcheck.claims.models.verdicts import Verdict  # noqa: E402
