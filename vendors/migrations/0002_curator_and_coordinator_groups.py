"""The "Curator" and "Regional coordinator" groups with their model permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATOR = {
    "vendors": {
        "vendor": ["view", "change"],
        "vendorreview": ["view"],
        "certification": ["view", "change"],
        "vendormember": ["view"],
        "regionalcoordinator": ["view"],
    },
    "catalog": {"product": ["view", "change"], "category": ["view"]},
    "expo": {"booth": ["view", "change"], "expo": ["view"], "hall": ["view"]},
    "core": {"exchangerate": ["view", "add", "change"], "regency": ["view"], "province": ["view"]},
}
# Coordinators act on their regencies only (RegionScopedAdminMixin does the scoping).
COORDINATOR = {
    "vendors": {
        "vendor": ["view", "change"],
        "vendorreview": ["view"],
        "certification": ["view"],
        "vendormember": ["view"],
    },
    "catalog": {"product": ["view", "change"]},
    "expo": {"booth": ["view"]},
    "core": {"regency": ["view"], "province": ["view"]},
}
GROUPS = {"Curator": CURATOR, "Regional coordinator": COORDINATOR}


def create_groups(apps, schema_editor) -> None:
    # Permissions are normally created after all migrations ran; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, spec in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [
            (app, f"{action}_{model}")
            for app, models in spec.items()
            for model, actions in models.items()
            for action in actions
        ]
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in codenames
            ]
        )


def remove_groups(apps, schema_editor) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("vendors", "0001_initial"),
        ("catalog", "0002_initial"),
        ("expo", "0002_initial"),
        ("core", "0004_exchangerate"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
