"""Curators score booth applications: the "Curator" group may add, change and view the scores
(the booth's change page shows them inline; without these rights the inline did not appear)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_boothscore", "add_boothscore", "change_boothscore"]


def grant(apps, schema_editor) -> None:
    app_config = apps.get_app_config("expo")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name="Curator").first()
    if group is None:
        return
    Permission = apps.get_model("auth", "Permission")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="expo", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor) -> None:
    group = apps.get_model("auth", "Group").objects.filter(name="Curator").first()
    if group is not None:
        Permission = apps.get_model("auth", "Permission")
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="expo", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("expo", "0005_labels"),
        ("vendors", "0002_curator_and_coordinator_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
