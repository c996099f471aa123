"""The permission to read all of the desk's figures, given to the Editor group."""

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

CODENAME = "view_insight"
NAME = "Can see all of the desk's figures and download them"


def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # Made here rather than left to post_migrate, so the group can be given it now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="insight", model="insight")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME}
    )
    editors, _ = Group.objects.get_or_create(name="Editor")
    editors.permissions.add(permission)


def backwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="insight", codename=CODENAME
    ).delete()


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("claims", "0002_groups_and_rating_scale"),
    ]

    operations = [
        migrations.CreateModel(
            name="Insight",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
            ],
            options={
                "managed": False,
                "default_permissions": (),
                "permissions": [("view_insight", NAME)],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
