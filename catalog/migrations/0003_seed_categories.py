from django.db import migrations


def seed(apps, schema_editor):
    from catalog.categories import categories_load

    categories_load(category_model=apps.get_model("catalog", "Category"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
