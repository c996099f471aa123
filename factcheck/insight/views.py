"""The Insight page and its CSV downloads: a period form, the charts, nothing to change."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from factcheck.insight.access import insight_reader, require_full_insight
from factcheck.insight.charts import Chart, csv_text, svg, table_html
from factcheck.insight.figures import CHART_SLUGS, insight_charts
from factcheck.insight.forms import PeriodForm


@dataclass(frozen=True)
class Figure:
    chart: Chart
    svg: SafeString
    table: SafeString
    csv_url: str


def chart_svg(chart: Chart) -> SafeString:
    """The chart drawn, in the active language. charts.py escapes every text it writes
    (outlets, claimants and statements are the desk's input), so it is marked safe."""
    return mark_safe(svg(chart, no_data=_("Nothing in this period.")))


def figure_of(chart: Chart, csv_url: str) -> Figure:
    """The chart drawn and tabled (escaped by charts.py, as `chart_svg` says)."""
    table = table_html(
        chart,
        no_data=_("Nothing in this period."),
        caption=_("%(title)s: the numbers") % {"title": chart.title},
    )
    return Figure(chart, chart_svg(chart), mark_safe(table), csv_url)


def period_query(form: PeriodForm) -> str:
    """The query string naming the form's period, for the download links."""
    query = QueryDict(mutable=True)
    query["period"] = form.cleaned_data["period"]
    if query["period"] == "custom":
        query["from"] = form.range.start.isoformat()
        query["to"] = form.range.end.isoformat()
    return query.urlencode()


@login_required
def insight(request: HttpRequest) -> HttpResponse:
    full = insight_reader(request.user)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return render(request, "insight/insight.html", {"form": form, "full": full}, status=400)
    # A reviewer's work chart shows their own work only.
    only = None if full else request.user
    charts = insight_charts(form.range, only=only)  # type: ignore[arg-type]
    query = period_query(form)
    figures = [figure_of(chart, f"{chart.slug}.csv?{query}") for chart in charts]
    context = {"form": form, "full": full, "figures": figures, "period": form.range}
    return render(request, "insight/insight.html", context)


@login_required
def insight_csv(request: HttpRequest, slug: str) -> HttpResponse:
    require_full_insight(request.user)
    if slug not in CHART_SLUGS:
        raise Http404(_("No such chart."))
    form = PeriodForm(request.GET)
    if not form.is_valid():
        message = " ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")
    (chart,) = insight_charts(form.range, slugs=[slug])
    response = HttpResponse(csv_text(chart), content_type="text/csv; charset=utf-8")
    name = f"{slug}-{form.range.start}-{form.range.end}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
