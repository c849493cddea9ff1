# Moved from expo: a database made before the move keeps its rows (the old table is adopted).

import django.utils.timezone
from django.db import migrations, models

from core.migration_ops import AdoptOrCreateModel


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_exchangerate"),
    ]

    operations = [
        AdoptOrCreateModel(
            name="VisitEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("booth", "Booth"), ("product", "Product")], max_length=8
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                ("visitor", models.CharField(max_length=32)),
                ("at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
            ],
            options={
                "verbose_name": "page view",
                "verbose_name_plural": "page views",
            },
            old_table="expo_visitevent",
            old_app_label="expo",
            old_names={},
        ),
    ]
