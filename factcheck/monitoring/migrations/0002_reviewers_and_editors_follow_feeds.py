"""Reviewers and editors follow feeds and see the "Seen again" queue; both may dismiss a
match. Publishing an appearance needs `claims.publish_verdict` (editors)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps as Apps

DESK = ["view_feed", "add_feed", "change_feed", "view_sighting", "change_sighting"]
GRANTS = {"Reviewer": DESK, "Editor": DESK}


def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    app_config = apps.get_app_config("monitoring")
    app_config.models_module = True  # create_permissions skips apps without it
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="monitoring", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_feeds_items_and_sightings"),
        ("claims", "0002_groups_and_rating_scale"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
