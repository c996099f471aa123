"""The Reviewer and Editor groups with their permissions, and the default rating scale."""

from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

REVIEWER = [
    "articles.add_article", "articles.view_article",
    "claims.add_claim", "claims.change_claim", "claims.view_claim",
    "claims.add_source", "claims.change_source", "claims.view_source",
    "claims.add_verdict", "claims.change_verdict", "claims.view_verdict",
    "claims.add_comment", "claims.view_comment", "claims.view_rating",
]
EDITOR = REVIEWER + [
    "articles.change_article",
    "claims.assign_claim", "claims.dismiss_claim", "claims.publish_verdict",
    "claims.delete_source",
]
# label, value (None: no numeric value), colour, description
SCALE = [
    ("True", 7, "#15803d", "The claim is accurate and nothing significant is missing."),
    ("Mostly true", 6, "#65a30d", "Accurate but needs clarification or additional information."),
    ("Mixed", 4, "#ca8a04", "Partly accurate and partly not."),
    ("Misleading", 3, "#ea580c", "Contains some truth but gives a wrong impression."),
    ("Mostly false", 2, "#dc2626", "Mostly inaccurate, with an element of truth."),
    ("False", 1, "#991b1b", "The claim is inaccurate."),
    ("Unverifiable", None, "#6b7280", "There is not enough evidence to rate the claim."),
]


def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for app_config in apps.get_app_configs():
        app_config.models_module = True  # create_permissions skips apps without it
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in (("Reviewer", REVIEWER), ("Editor", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    Rating = apps.get_model("claims", "Rating")
    for order, (label, value, colour, description) in enumerate(SCALE):
        Rating.objects.get_or_create(
            slug=label.lower().replace(" ", "-"),
            defaults={"label": label, "value": value, "colour": colour,
                      "description": description, "order": order},
        )


def backwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=["Reviewer", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
