"""The desk's figures in the API: the same charts as the Insight page, as JSON.

Editors, and tokens given `insight.view_insight`, only: the figures name people.
"""

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.api import ActionPermission, ConditionalMixin, choices_help, read_responses
from factcheck.insight.access import FULL
from factcheck.insight.charts import Chart
from factcheck.insight.figures import CHART_SLUGS, Period, insight_charts
from factcheck.insight.forms import LONGEST, PERIODS, PeriodForm


class SeriesSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(help_text="What the numbers count, e.g. `Dismissed` or a rating.")
    colour = serializers.CharField(help_text="#rrggbb, as on the page (ratings: the scale's).")
    values = serializers.ListField(
        child=serializers.FloatField(), help_text="One number per label, in the labels' order."
    )
    below = serializers.BooleanField(
        help_text="Drawn under the axis on the page (claims going out)."
    )


class NoteSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    values = serializers.ListField(child=serializers.CharField(), help_text="One per label.")


class PeriodSerializer(serializers.Serializer[Any]):
    start = serializers.DateField(help_text="First day, included.")
    end = serializers.DateField(help_text="Last day, included.")


class ChartSerializer(serializers.Serializer[Any]):
    slug = serializers.ChoiceField(choices=CHART_SLUGS)
    title = serializers.CharField()
    description = serializers.CharField(help_text="The chart in words, with its main numbers.")
    label_heading = serializers.CharField(help_text="What the labels are: Day, Week of, Outlet...")
    labels = serializers.ListField(
        child=serializers.CharField(),
        help_text="Days and Mondays of weeks as YYYY-MM-DD, months as YYYY-MM, or names.",
    )
    unit = serializers.CharField(help_text="`%`, ` h` (hours), or empty for counts.")
    series = SeriesSerializer(many=True)
    notes = NoteSerializer(many=True, help_text="Text columns, e.g. a claim's rating.")


class InsightSerializer(serializers.Serializer[Any]):
    period = PeriodSerializer()
    charts = ChartSerializer(many=True)


class ChartInPeriodSerializer(ChartSerializer):
    period = PeriodSerializer()


def chart_data(chart: Chart) -> dict[str, Any]:
    return {
        "slug": chart.slug,
        "title": chart.title,
        "description": chart.description,
        "label_heading": chart.label_heading,
        "labels": list(chart.labels),
        "unit": chart.unit,
        "series": [
            {"name": s.name, "colour": s.colour, "values": list(s.values), "below": s.below}
            for s in chart.series
        ],
        "notes": [{"name": name, "values": list(values)} for name, values in chart.notes],
    }


def period_from(request: Request) -> Period:
    form = PeriodForm(request.query_params)
    if not form.is_valid():
        raise ValidationError(
            {field: [str(message) for message in errors] for field, errors in form.errors.items()}
        )
    return form.range


def period_data(period: Period) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat()}


PERIOD_PARAMETERS = [
    OpenApiParameter(
        "period",
        OpenApiTypes.STR,
        description=f"{choices_help([*PERIODS, 'custom'])}: the last 7 or 30 days or 13 weeks, "
        "today included, or `from`-`to`. Default `30d`, or `custom` when `from` or `to` is "
        "given.",
    ),
    OpenApiParameter(
        "from",
        OpenApiTypes.DATE,
        description=f"First day of a custom period (YYYY-MM-DD); at most {LONGEST} days "
        "before `to`.",
    ),
    OpenApiParameter(
        "to", OpenApiTypes.DATE, description="Last day of a custom period, not in the future."
    ),
]


class InsightView(ConditionalMixin, APIView):
    """Every chart of the Insight page for a period."""

    permission_classes = [ActionPermission]
    required_perms: ClassVar[dict[str, str]] = {"get": FULL}

    @extend_schema(
        summary="The desk's figures, all charts",
        operation_id="insight_list",
        tags=["insight"],
        description="Claims in and out per day, time to publish per week, verdicts by rating "
        "per month, work per person, the outlets and claimants with most checked claims, the "
        "claims seen most often and the share of machine claims dismissed per week: the numbers "
        "behind the Insight page's charts. Editors, or a token with `insight.view_insight`.",
        parameters=PERIOD_PARAMETERS,
        responses=read_responses(InsightSerializer, 400, 403),
    )
    def get(self, request: Request) -> Response:
        period = period_from(request)
        charts = [chart_data(chart) for chart in insight_charts(period)]
        return Response({"period": period_data(period), "charts": charts})


class InsightChartView(ConditionalMixin, APIView):
    """One chart of the Insight page for a period."""

    permission_classes = [ActionPermission]
    required_perms: ClassVar[dict[str, str]] = {"get": FULL}

    @extend_schema(
        summary="The desk's figures, one chart",
        operation_id="insight_chart",
        tags=["insight"],
        description=f"One chart by its slug: {choices_help(CHART_SLUGS)}.",
        parameters=[
            OpenApiParameter(
                "slug", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(CHART_SLUGS)
            ),
            *PERIOD_PARAMETERS,
        ],
        responses=read_responses(ChartInPeriodSerializer, 400, 403, 404),
    )
    def get(self, request: Request, slug: str) -> Response:
        if slug not in CHART_SLUGS:
            raise Http404(
                _("No chart named %(slug)r; the charts: %(charts)s.")
                % {"slug": slug, "charts": ", ".join(CHART_SLUGS)}
            )
        period = period_from(request)
        (chart,) = insight_charts(period, slugs=[slug])
        return Response({"period": period_data(period), **chart_data(chart)})
