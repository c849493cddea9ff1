"""Deals and official export figures, moved here from vendors (a database made before the move
keeps its rows: the old tables are adopted)."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import core.countries
import core.money
from core.migration_ops import AdoptOrCreateModel, group_permissions_add

# What the groups of vendors/migrations/0002 may do with the moved models.
GROUP_PERMISSIONS = {
    "Curator": {"regencyexportstat": ["view", "add", "change"], "deal": ["view"]},
    "Regional coordinator": {"regencyexportstat": ["view", "add", "change"], "deal": ["view"]},
}


def grant_group_permissions(apps, schema_editor) -> None:
    group_permissions_add(
        apps,
        "trade",
        {
            group: [f"{a}_{m}" for m, actions in models_.items() for a in actions]
            for group, models_ in GROUP_PERMISSIONS.items()
        },
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("buyers", "0004_digest_sent_at"),
        ("core", "0004_exchangerate"),
        ("expo", "0003_matching_constraints_and_statistics"),
        ("vendors", "0002_curator_and_coordinator_groups"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        AdoptOrCreateModel(
            name='Deal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stage', models.CharField(choices=[('loi', 'Letter of intent'), ('mou', 'Memorandum of understanding'), ('order', 'Order'), ('shipped', 'Shipped (exported)')], max_length=8, verbose_name='stage')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=16, validators=[django.core.validators.MinValueValidator(0)], verbose_name='amount')),
                ('currency', models.CharField(choices=core.money.currency_choices, default='IDR', max_length=3, verbose_name='currency')),
                ('amount_idr', models.DecimalField(decimal_places=0, max_digits=18, verbose_name='value in rupiah')),
                ('exchange_rate', models.DecimalField(decimal_places=6, max_digits=18, verbose_name='rupiah per unit')),
                ('destination_country', models.CharField(choices=core.countries.country_choices, max_length=2, verbose_name='destination country')),
                ('date', models.DateField(verbose_name='date')),
                ('buyer_name', models.CharField(blank=True, max_length=200, verbose_name='buyer')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('expo', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='deals', to='expo.expo', verbose_name='expo')),
                ('inquiry', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='deals', to='buyers.inquiry', verbose_name='inquiry')),
                ('meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='deals', to='expo.meeting', verbose_name='meeting')),
                ('vendor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deals', to='vendors.vendor')),
            ],
            options={
                'indexes': [models.Index(fields=['stage', 'date'], name='trade_deal_stage_date')],
                'verbose_name': 'deal',
                'verbose_name_plural': 'deals',
                'ordering': ['-date', '-created_at'],
            },
            old_table="vendors_deal",
            old_app_label="vendors",
            old_names={'trade_deal_stage_date': 'vendors_dea_stage_8cda25_idx'},
        ),
        AdoptOrCreateModel(
            name='RegencyExportStat',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                ('value_idr', models.DecimalField(decimal_places=0, max_digits=18, verbose_name='export value (rupiah)')),
                ('units', models.PositiveIntegerField(blank=True, null=True, verbose_name='exporting units')),
                ('source', models.CharField(blank=True, max_length=255, verbose_name='source')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('entered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('regency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='export_stats', to='core.regency', verbose_name='regency or city')),
            ],
            options={
                'verbose_name': 'official regency export figure',
                'verbose_name_plural': 'official regency export figures',
                'ordering': ['regency', '-year'],
                'constraints': [models.UniqueConstraint(fields=('regency', 'year'), name='trade_export_stat_once')],
            },
            old_table="vendors_regencyexportstat",
            old_app_label="vendors",
            old_names={'trade_export_stat_once': 'vendors_export_stat_once'},
        ),
        migrations.RunPython(grant_group_permissions, migrations.RunPython.noop),
    ]
