from django.db import migrations


def load(apps, schema_editor):
    from core.services import regions_load

    regions_load(
        province_model=apps.get_model("core", "Province"),
        regency_model=apps.get_model("core", "Regency"),
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    # Re-running is harmless (update on conflict); unapplying keeps the rows other tables point to.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
