"""Every field of our models has a translated label: the admin, its filters and exports show it
in the curator's language (no "Nominated by" on an Indonesian page)."""

from django.apps import apps
from django.utils.functional import Promise

OURS = {"core", "accounts", "vendors", "catalog", "buyers", "expo", "trade", "reports"}


def test_every_model_and_field_label_is_translatable():
    untranslated = []
    for model in apps.get_models():
        if model._meta.app_label not in OURS:
            continue
        if not isinstance(model._meta.verbose_name, Promise):
            untranslated.append(model._meta.label)
        untranslated += [
            f"{model._meta.label}.{field.name}"
            for field in model._meta.get_fields()
            if field.concrete and not field.auto_created
            if not isinstance(field.verbose_name, Promise)
        ]
    assert untranslated == []
