# Moved from expo: a database made before the move keeps its rows (the old table is adopted).

import django.db.models.deletion
from django.db import migrations, models

from core.migration_ops import AdoptOrCreateModel


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_seed_categories"),
    ]

    operations = [
        AdoptOrCreateModel(
            name="ProductViewDay",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(verbose_name="day")),
                ("views", models.PositiveIntegerField(default=0, verbose_name="views")),
                (
                    "unique_visitors",
                    models.PositiveIntegerField(default=0, verbose_name="unique visitors"),
                ),
                (
                    "product",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="view_days",
                        to="catalog.product",
                    ),
                ),
            ],
            options={
                "verbose_name": "product views per day",
                "verbose_name_plural": "product views per day",
                "ordering": ["-day"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("product", "day"), name="catalog_product_view_day_once"
                    )
                ],
            },
            old_table="expo_productviewday",
            old_app_label="expo",
            old_names={"catalog_product_view_day_once": "expo_product_view_day_once"},
        ),
    ]
