"""The "editors" group: the model permissions an editor needs, through the admin and the API."""

from django.db import migrations

EDITABLE = ["actor", "agreement", "signatory", "agreementlink", "commitment", "deadline", "source"]
PERMISSIONS = [f"{action}_{model}" for model in EDITABLE for action in ("add", "change", "delete", "view")] + [
    "add_statuschange",
    "view_statuschange",
    "view_event",
    "view_sweeprecord",
]


def create_editors(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make ours exist now.
    config = apps.get_app_config("agreements")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="agreements", codename__in=PERMISSIONS)
    )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
