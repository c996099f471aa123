from django.db import models


class Insight(models.Model):
    """No table and no rows: the holder of the permission to read all of the desk's figures
    (everyone's work, the CSV downloads and the API). Editors have it; reviewers see the
    page without them."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_insight", "Can see all of the desk's figures and download them")]

    def __str__(self) -> str:
        return "Desk insight"
