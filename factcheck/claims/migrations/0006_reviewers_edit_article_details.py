"""Reviewers may correct an article's details (title, address, publisher, author, date):
they paste the articles, so they know where each came from. Published claims keep theirs
(`article_update` refuses), and the history keeps every version."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="articles", codename="change_article"
    )
    for group in Group.objects.filter(name="Reviewer"):
        group.permissions.add(permission)


def backwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="articles", codename="change_article"
    )
    for group in Group.objects.filter(name="Reviewer"):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_verdict_claim_reviewed")]

    operations = [migrations.RunPython(forwards, backwards)]
