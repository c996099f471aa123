"""The claim page's appearances and the dashboard's most-seen claims, as template tags,
so the claims pages show them without the claims views knowing this app."""

from typing import Any

from django import template

from factcheck.claims.models import Claim
from factcheck.insight.views import chart_svg
from factcheck.monitoring.appearances import appearances_chart, claim_appearances
from factcheck.monitoring.services import claims_seen_most

register = template.Library()


@register.inclusion_tag("monitoring/_appearances.html")
def claim_appearances_card(claim: Claim) -> dict[str, Any]:
    appearances = claim_appearances(claim)
    chart = appearances_chart(appearances)
    return {"appearances": appearances, "chart": chart, "chart_svg": chart_svg(chart)}


@register.inclusion_tag("monitoring/_seen_most.html")
def seen_most_often() -> dict[str, Any]:
    return {"seen": claims_seen_most(days=7)}
