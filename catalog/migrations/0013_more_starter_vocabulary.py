"""The second batch of the starter vocabulary (catalog/vocabulary.py): more spelling groups and the
everyday English of the catalogue's categories. Adds what is missing; keeps what curators edited."""

import importlib

from django.db import migrations


def seed(apps, schema_editor):
    importlib.import_module("catalog.migrations.0011_seed_search_vocabulary").seed(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0012_split_compound_categories")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
