"""A claim's life: every article it appeared in, and a chart of appearances over time.

An appearance is an article: the one the claim was checked in, every article whose claim
the matcher found repeating it (unless someone dismissed the match), and every claim
marked by hand as its repeat. One row per article, oldest first.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.insight.charts import Chart, Series
from factcheck.monitoring.models import Sighting

CHART_COLOUR = "#1d4f91"
DAILY_UP_TO = 31  # days: a longer life is drawn per week, so the columns stay readable


@dataclass(frozen=True)
class Appearance:
    article_id: int
    title: str
    outlet: str
    url: str
    seen_at: datetime  # the article's date, or when we got it
    how: str  # "checked here", "matched (87%)", "marked as a repeat"
    published: bool  # listed in the ClaimReview's `appearance`

    @property
    def day(self) -> date:
        return timezone.localdate(self.seen_at)


def original_of(claim: Claim) -> Claim:
    """Appearances belong to the claim that was checked, not to one of its repeats."""
    if claim.duplicate_of_id and claim.duplicate_of is not None:
        return claim.duplicate_of
    return claim


def _appearance(article: Article, how: str, published: bool) -> Appearance:
    return Appearance(
        article_id=article.pk,
        title=str(article),
        outlet=article.publisher or (urlsplit(article.url).hostname or "" if article.url else ""),
        url=article.url or "",
        seen_at=article.published_at or article.created_at,
        how=how,
        published=published,
    )


def claim_appearances(claim: Claim) -> list[Appearance]:
    original = original_of(claim)
    found: dict[int, Appearance] = {
        original.article_id: _appearance(original.article, _("checked here"), True)
    }
    repeats = Claim.objects.filter(duplicate_of=original).select_related("article")
    for repeat in repeats:
        published = repeat.status == Claim.Status.PUBLISHED
        how = _("published as an appearance") if published else _("marked as a repeat")
        found.setdefault(repeat.article_id, _appearance(repeat.article, how, published))
    sightings = (
        Sighting.objects.filter(original=original)
        .exclude(status=Sighting.Status.DISMISSED)
        .select_related("claim__article")
    )
    for sighting in sightings:
        found.setdefault(
            sighting.claim.article_id,
            _appearance(sighting.claim.article, sighting.matched_how, False),
        )
    return sorted(found.values(), key=lambda a: (a.seen_at, a.article_id))


def appearances_chart(appearances: list[Appearance]) -> Chart:
    """Appearances per day, or per week (from Monday) when the life is longer than a month."""
    if not appearances:
        return Chart(
            "appearances", _("Appearances over time"), _("No appearances yet."), _("Day"), (), ()
        )
    first, last = appearances[0].day, max(a.day for a in appearances)
    weekly = (last - first).days >= DAILY_UP_TO
    if weekly:
        first -= timedelta(days=first.weekday())
    step = timedelta(days=7 if weekly else 1)
    counts: dict[date, int] = {}
    for appearance in appearances:
        day = appearance.day
        key = day - timedelta(days=day.weekday()) if weekly else day
        counts[key] = counts.get(key, 0) + 1
    buckets = []
    current = first
    while current <= last:
        buckets.append(current)
        current += step
    unit = "week" if weekly else "day"
    busiest = max(counts.values())
    span = {
        "count": len(appearances),
        "start": date_format(first, "j M Y"),
        "end": date_format(last, "j M Y"),
        "most": busiest,
    }
    return Chart(
        slug="appearances",
        title=_("Appearances per week") if weekly else _("Appearances per day"),
        description=(
            _("%(count)s articles from %(start)s to %(end)s; at most %(most)s in one week.")
            if weekly
            else _("%(count)s articles from %(start)s to %(end)s; at most %(most)s in one day.")
        )
        % span,
        label_heading=_("Week of") if weekly else _("Day"),
        labels=tuple(f"{b:%Y-%m-%d}" for b in buckets),
        ticks=tuple(date_format(b, "j M") for b in buckets),
        series=(
            Series(_("Articles"), CHART_COLOUR, tuple(float(counts.get(b, 0)) for b in buckets)),
        ),
        extra={"per": unit},
    )
