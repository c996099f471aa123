"""Self-service triage: reviewers take claims (assign them to themselves) and dismiss
them with a reason; editors also assign to others and reopen dismissed claims."""

from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

REVIEWER_GAINS = ["claims.take_claim", "claims.dismiss_claim"]
EDITOR_GAINS = ["claims.take_claim", "claims.dismiss_claim", "claims.reopen_claim"]


def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    for app_config in apps.get_app_configs():
        app_config.models_module = True  # create_permissions skips apps without it
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in (("Reviewer", REVIEWER_GAINS), ("Editor", EDITOR_GAINS)):
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def backwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewer = Group.objects.filter(name="Reviewer").first()
    if reviewer is not None:
        reviewer.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="claims", codename__in=["take_claim", "dismiss_claim"]
            )
        )


class Migration(migrations.Migration):
    dependencies = [("claims", "0011_claimant_same_as")]
    operations = [
        migrations.AlterModelOptions(
            name="claim",
            options={
                "ordering": ["article_id", "start", "id"],
                "permissions": [
                    ("assign_claim", "Can assign claims to others"),
                    ("dismiss_claim", "Can dismiss claims"),
                    ("take_claim", "Can take claims (assign them to themselves)"),
                    ("reopen_claim", "Can reopen dismissed claims"),
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
