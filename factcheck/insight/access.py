"""Who may read the desk's figures: one rule for the page, the downloads and the API."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

FULL = "insight.view_insight"


def insight_reader(user: Any) -> bool:
    """True for whoever sees every figure (editors, and tokens given the permission),
    False for the desk's other members, who see a read-only page where the work chart
    shows their own work only; anyone else is refused."""
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied(_("Log in to see the desk's figures."))
    if user.has_perm(FULL):
        return True
    if user.has_perm("claims.view_claim"):
        return False
    raise PermissionDenied(_("The desk's figures are for the desk's reviewers and editors."))


def require_full_insight(user: Any) -> None:
    if not insight_reader(user):
        raise PermissionDenied(_("Downloading the desk's figures is for editors."))
