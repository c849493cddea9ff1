"""Curators score booth applications: the "Curator" group may add, change and view the scores
(the booth's change page shows them inline; without these rights the inline did not appear)."""

from django.db import migrations

from core.migration_ops import group_permissions_add

CODENAMES = ["view_boothscore", "add_boothscore", "change_boothscore"]


def grant(apps, schema_editor) -> None:
    group_permissions_add(apps, "expo", {"Curator": CODENAMES})


def revoke(apps, schema_editor) -> None:
    group = apps.get_model("auth", "Group").objects.filter(name="Curator").first()
    if group is not None:
        Permission = apps.get_model("auth", "Permission")
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="expo", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("expo", "0007_session_links_and_reminders"),
        ("vendors", "0002_curator_and_coordinator_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
