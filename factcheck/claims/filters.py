"""The one set of claim filters and sort options, used by the claim list page and by
`GET /api/v1/claims/`, so a search means the same thing through both doors."""

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrPromise

from factcheck.api import SinceFilter
from factcheck.articles.access import articles_for_user
from factcheck.articles.models import language_choices
from factcheck.claims.forms import Select, checkers
from factcheck.claims.models import ORDERINGS, Claim, ClaimQuerySet, Rating

ASSIGNEE_ME = "me"
ASSIGNEE_NOBODY = "nobody"
RECENT_ARTICLES = 30  # the article filter offers the latest ones (and the one chosen)
DEFAULT_ORDERING = "-score"
ORDERING_CHOICES = [
    ("-score", gettext_lazy("Most check-worthy")),
    ("-created", gettext_lazy("Newest")),
    ("created", gettext_lazy("Oldest")),
    ("score", gettext_lazy("Least check-worthy")),
    ("article", gettext_lazy("Article")),
]
assert {value for value, _ in ORDERING_CHOICES} == set(ORDERINGS)


# The dashboard's queues, each also a filter of the claim list: slug -> (title, filter).
# Each returns the queue in its dashboard order; the claim list may sort it otherwise.
QUEUES: dict[str, tuple[StrPromise, Any]] = {
    "new": (
        gettext_lazy("New claims"),
        lambda claims, user: claims.new().grouped().ranked(),
    ),
    "mine": (
        gettext_lazy("Assigned to me"),
        lambda claims, user: claims.assigned_to(user).open().order_by("-updated_at", "-id"),
    ),
    "sent_back": (
        gettext_lazy("Sent back to me"),
        lambda claims, user: claims.sent_back_to(user).order_by("-updated_at", "-id"),
    ),
    "drafts": (
        gettext_lazy("My drafts"),
        lambda claims, user: claims.drafts_of(user).order_by("-updated_at", "-id"),
    ),
    "awaiting": (
        gettext_lazy("Awaiting approval"),
        lambda claims, user: claims.awaiting_approval().order_by("updated_at", "id"),
    ),
    "repeats": (
        gettext_lazy("Repeats of checked claims"),
        lambda claims, user: claims.repeats_to_publish().order_by("updated_at", "id"),
    ),
    "published": (
        gettext_lazy("Recently published"),
        lambda claims, user: claims.recently_published(),
    ),
    "low_priority": (
        gettext_lazy("Low priority"),
        lambda claims, user: claims.low_priority().ranked(),
    ),
}
# Queues for editors only: the decisions in them are theirs.
EDITOR_QUEUES = {"awaiting"}
# Shown folded on the dashboard: the extractor thought little of them.
FOLDED_QUEUES = {"low_priority"}


class ClaimFilter(django_filters.FilterSet):
    queue = django_filters.ChoiceFilter(
        method="filter_queue",
        label=gettext_lazy("Queue"),
        choices=[(slug, title) for slug, (title, _) in QUEUES.items()],
        empty_label=gettext_lazy("Any queue"),
        widget=Select,
        help_text=gettext_lazy("One of the dashboard's queues."),
    )
    q = django_filters.CharFilter(
        method="filter_q",
        label=gettext_lazy("Search"),
        help_text=gettext_lazy(
            "Words in the statement, quote, claimant or article title (all of them)."
        ),
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("Words in the claim")}
        ),
    )
    # Status, type and origin are named here, not from their model fields: django-filter
    # keeps a label it derives in the language of the first request that built the form.
    status = django_filters.ChoiceFilter(
        choices=Claim.Status.choices,
        label=gettext_lazy("Status"),
        empty_label=gettext_lazy("Any status"),
        widget=Select,
    )
    type = django_filters.ChoiceFilter(
        choices=Claim.Type.choices,
        label=gettext_lazy("Type"),
        empty_label=gettext_lazy("Any type"),
        widget=Select,
    )
    origin = django_filters.ChoiceFilter(
        choices=Claim.Origin.choices,
        label=gettext_lazy("Origin"),
        empty_label=gettext_lazy("Any origin"),
        widget=Select,
    )
    article = django_filters.NumberFilter(
        field_name="article_id", help_text=gettext_lazy("Article id.")
    )
    language = django_filters.CharFilter(
        field_name="article__language",
        label=gettext_lazy("Language"),
        help_text=gettext_lazy("ISO 639-1 code of the language of the claim's article."),
    )
    assignee = django_filters.CharFilter(
        method="filter_assignee",
        label=gettext_lazy("Assignee"),
        help_text=gettext_lazy("Username of the assignee, `me` or `nobody`."),
    )
    rating = django_filters.CharFilter(
        method="filter_rating",
        label=gettext_lazy("Rating"),
        help_text=gettext_lazy("Slug of the rating of the claim's current verdict."),
    )
    claimant = django_filters.CharFilter(
        field_name="claimant", lookup_expr="icontains", label=gettext_lazy("Claimant")
    )
    score_min = django_filters.NumberFilter(
        field_name="score",
        lookup_expr="gte",
        label=gettext_lazy("Score from"),
        min_value=0,
        max_value=1,
    )
    score_max = django_filters.NumberFilter(
        field_name="score",
        lookup_expr="lte",
        label=gettext_lazy("Score to"),
        min_value=0,
        max_value=1,
    )
    created_after = django_filters.DateFilter(
        field_name="created_at__date",
        lookup_expr="gte",
        label=gettext_lazy("Found from"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    created_before = django_filters.DateFilter(
        field_name="created_at__date",
        lookup_expr="lte",
        label=gettext_lazy("Found until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    updated_since = SinceFilter(field_name="updated_at")
    ordering = django_filters.ChoiceFilter(
        method="filter_ordering",
        label=gettext_lazy("Sort by"),
        choices=ORDERING_CHOICES,
        empty_label=None,
        widget=Select,
        help_text=gettext_lazy(
            "`-score` (most check-worthy first), `score`, `-created` (newest), "
            "`created` (oldest) or `article`; ties go newest first."
        ),
    )

    # The claim list page sets it: its form offers people and articles by name.
    for_page = False

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_queue(self, queryset: Any, name: str, value: str) -> Any:
        return QUEUES[value][1](queryset, getattr(self.request, "user", None))

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.search(value)

    def filter_assignee(self, queryset: QuerySet[Claim], name: str, value: str) -> Any:
        if value == ASSIGNEE_ME:
            user = getattr(self.request, "user", None)
            return queryset.filter(assignee=user if user and user.is_authenticated else None)
        if value == ASSIGNEE_NOBODY:
            return queryset.filter(assignee=None)
        return queryset.filter(assignee__username=value)

    def filter_rating(self, queryset: ClaimQuerySet, name: str, value: str) -> Any:
        # A superseded or withdrawn verdict is history: only the current one counts.
        return queryset.with_rating(value)

    def filter_ordering(self, queryset: QuerySet[Claim], name: str, value: str) -> Any:
        return queryset.order_by(*ORDERINGS[value])

    @property
    def form(self) -> forms.Form:
        """For the web page: choices that name people and articles, for the desk only."""
        if not hasattr(self, "_form"):
            form = super().form
            user = getattr(self.request, "user", None)
            if self.for_page:
                self._choices_for_page(form, user)
            self._form = form
        return self._form

    def _choices_for_page(self, form: forms.Form, user: Any) -> None:
        desk = user is not None and user.has_perm("claims.view_claim")
        form.fields["assignee"] = forms.ChoiceField(
            label=_("Assignee"),
            required=False,
            widget=Select,
            choices=[
                ("", _("Anyone")),
                (ASSIGNEE_ME, _("Me")),
                (ASSIGNEE_NOBODY, _("Nobody")),
                *((u.get_username(), u.get_username()) for u in (checkers() if desk else [])),
            ],
        )
        form.fields["rating"] = forms.ChoiceField(
            label=_("Rating"),
            required=False,
            widget=Select,
            choices=[("", _("Any rating")), *Rating.objects.values_list("slug", "label")],
        )
        form.fields["language"] = forms.ChoiceField(
            label=_("Language"),
            required=False,
            widget=Select,
            choices=[("", _("Any language")), *(language_choices() if desk else [])],
        )
        articles = articles_for_user(self.request).only("id", "title", "url")
        recent = list(articles.order_by("-created_at", "-id")[:RECENT_ARTICLES])
        chosen = str(self.data.get("article", ""))
        if chosen.isdigit() and int(chosen) not in {a.pk for a in recent}:
            recent += list(articles.filter(pk=int(chosen)))
        form.fields["article"] = forms.TypedChoiceField(
            label=_("Article"),
            required=False,
            coerce=int,
            widget=Select,
            choices=[("", _("Any article")), *((a.pk, str(a)) for a in recent)],
        )


def claim_filter_for_page(data: Any, request: Any, queryset: QuerySet[Claim]) -> ClaimFilter:
    """The filters as the claim list page uses them: most check-worthy first unless asked
    otherwise, and a value that does not validate is left out rather than refused."""
    data = data.copy()
    if data.get("ordering") not in ORDERINGS:
        data["ordering"] = DEFAULT_ORDERING
    filters = ClaimFilter(data, queryset=queryset, request=request)
    filters.for_page = True
    return filters
