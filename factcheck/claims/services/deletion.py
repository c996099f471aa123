"""Deleting (only the admin offers it): what may go without breaking the record."""

from django.db.models import Model

from factcheck.claims.models import Claim, Source, Verdict


def may_delete(obj: Model) -> bool:
    """Deleting is for mistakes, not for work that was done. A verdict is never deleted:
    corrections are new versions and the old ones stay readable. A claim with a verdict,
    or published, keeps its record; so do the sources of a published claim, its evidence.
    Everything else may go, for whoever has the delete permission."""
    if isinstance(obj, Verdict):
        return False
    if isinstance(obj, Claim):
        return obj.status != Claim.Status.PUBLISHED and not obj.verdicts.exists()
    if isinstance(obj, Source):
        return not Claim.objects.filter(pk=obj.claim_id, status=Claim.Status.PUBLISHED).exists()
    return True
