"""What every figure shares: the period, the colours, and the events read from history."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from factcheck.articles.models import Article
from factcheck.claims.models import Claim, Verdict
from factcheck.insight.charts import number

TOP = 10  # outlets, claimants, claims seen most often
TOP_REASONS = 5  # dismiss reasons with their own colour; the rest are "Other reasons"
PEOPLE = 20
NO_RATING = "#9ca3af"
# Our own colours for what is not a rating: in (blues), out (greys and green), people.
EXTRACTED, BY_HAND, DISMISSED, PUBLISHED = "#1d4ed8", "#60a5fa", "#9ca3af", "#15803d"
MEDIAN, P90 = "#1d4ed8", "#93c5fd"
WORK = ("#1d4ed8", "#0d9488", "#15803d", "#d97706")
REASONS = ("#7c3aed", "#db2777", "#0891b2", "#ca8a04", "#4b5563", "#cbd5e1")

ClaimHistory: Any = Claim.history.model
VerdictHistory: Any = Verdict.history.model


@dataclass(frozen=True)
class Period:
    """Whole days, `start` to `end` inclusive, in the site's time zone."""

    start: date
    end: date

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def weeks(self) -> list[date]:
        """The Mondays of the weeks the period touches."""
        first = self.start - timedelta(days=self.start.weekday())
        return [first + timedelta(weeks=i) for i in range((self.end - first).days // 7 + 1)]

    def months(self) -> list[date]:
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months

    def __str__(self) -> str:
        return _("%(start)s to %(end)s") % {
            "start": date_format(self.start, "j M Y"),
            "end": date_format(self.end, "j M Y"),
        }


def _between(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.since, f"{field}__lt": period.until})


def _day(value: Any) -> date:
    """A truncated date as it comes back: a date, or a datetime for TruncWeek/TruncMonth."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _counted_by(
    rows: QuerySet[Any], field: str, period: Period, trunc: type[Func], key: str
) -> defaultdict[Any, dict[date, float]]:
    """How many of `rows` fell in the period, per value of `key` and per day, week or month
    (`trunc`) of `field`: the counts the charts' series are filled from."""
    counts: defaultdict[Any, dict[date, float]] = defaultdict(dict)
    grouped = (
        rows.filter(_between(field, period))
        .annotate(bucket=trunc(field))
        .values("bucket", key)
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in grouped:
        counts[row[key]][_day(row["bucket"])] = row["n"]
    return counts


def _with_previous(history: Any, field: str, period: Period) -> QuerySet[Any]:
    """History rows of the period with `was`: the same object's value of `field` in the
    row before (None for a first row). Deletions are not events of the desk."""
    previous = (
        history.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values(field)[:1]
    )
    return (
        history.objects.filter(_between("history_date", period))
        .exclude(history_type="-")
        # Never NULL, so that comparing it is one lookup of the row before, not two.
        .annotate(was=Coalesce(Subquery(previous), Value("")))
        .order_by()
    )


def _became(rows: QuerySet[Any], field: str) -> QuerySet[Any]:
    """The rows where `field` changed to its value."""
    return rows.exclude(was=F(field))


def _of_claim(field: str) -> Subquery:
    """A field of a verdict's claim (or, through it, its article) looked up per verdict.

    The periods' verdicts are a few thousand of many; a join lets PostgreSQL choose to
    read every claim, where these lookups by primary key read only theirs."""
    rows: QuerySet[Any]
    if field.startswith("article__"):
        rows = Article.objects.filter(claims=OuterRef("claim_id"))
        field = field.removeprefix("article__")
    else:
        rows = Claim.objects.filter(pk=OuterRef("claim_id"))
    return Subquery(rows.order_by().values(field)[:1])


def _fill(labels: Sequence[date], counts: Mapping[date, float]) -> tuple[float, ...]:
    return tuple(counts.get(label, 0) for label in labels)


def _claims(n: float) -> str:
    return ngettext("%(count)s claim", "%(count)s claims", int(n)) % {"count": number(n)}


def _tick(day: date) -> str:
    """A day or a week's Monday under a column, in the active language ("3 Mar")."""
    return date_format(day, "j M")


# Events read from the history: one pass per table serves the flows and the work


@dataclass(frozen=True)
class ClaimEvents:
    """Claims dismissed and published per day, and claims taken per person."""

    out: dict[str, dict[date, int]]  # status -> day -> claims that reached it
    taken: dict[int, int]  # person -> claims they took


def claim_events(period: Period) -> ClaimEvents:
    """A claim is taken when it moves from new to checking: credited to its assignee if
    it has one (an editor assigned it), else to whoever moved it (by drafting a verdict,
    marking a repeat). It goes out when its status becomes dismissed or published."""
    rows = (
        _became(
            _with_previous(ClaimHistory, "status", period).filter(
                status__in=[Claim.Status.DISMISSED, Claim.Status.PUBLISHED, Claim.Status.CHECKING]
            ),
            "status",
        )
        .annotate(
            day=TruncDate("history_date"),
            taker=Case(
                When(
                    status=Claim.Status.CHECKING,
                    was=Claim.Status.NEW,
                    then=Coalesce("assignee_id", "history_user_id"),
                ),
                default=None,
                output_field=IntegerField(),
            ),
        )
        .values("day", "status", "taker")
        .annotate(n=Count("history_id"))
    )
    out: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    taken: dict[int, int] = defaultdict(int)
    for row in rows:
        if row["status"] == Claim.Status.CHECKING:
            if row["taker"] is not None:
                taken[row["taker"]] += row["n"]
        else:
            out[row["status"]][_day(row["day"])] += row["n"]
    return ClaimEvents(out, taken)


@dataclass(frozen=True)
class VerdictEvents:
    written: dict[int, int]  # person -> verdicts they submitted for approval
    sent_back: dict[int, int]  # person (an editor) -> verdicts they sent back


def verdict_events(period: Period) -> VerdictEvents:
    submitted = Q(state=Verdict.State.SUBMITTED) & ~Q(was=Verdict.State.SUBMITTED)
    sent_back = Q(state=Verdict.State.DRAFT, was=Verdict.State.SUBMITTED)
    rows = (
        _with_previous(VerdictHistory, "state", period)
        .filter(submitted | sent_back)
        .exclude(history_user_id=None)
        .values("history_user_id", "state")
        # A verdict submitted again after being sent back was written once.
        .annotate(n=Count("history_id"), verdicts=Count("id", distinct=True))
    )
    written: dict[int, int] = {}
    back: dict[int, int] = {}
    for row in rows:
        if row["state"] == Verdict.State.SUBMITTED:
            written[row["history_user_id"]] = row["verdicts"]
        else:
            back[row["history_user_id"]] = row["n"]
    return VerdictEvents(written, back)
