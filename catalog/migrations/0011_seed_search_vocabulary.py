from django.db import migrations

from core.migration_ops import group_permissions_add


def seed(apps, schema_editor):
    from catalog.search_text import words
    from catalog.vocabulary import STARTER_SYNONYMS, STARTER_VARIANTS

    variant_model = apps.get_model("catalog", "SearchVariant")
    synonym_model = apps.get_model("catalog", "SearchSynonym")
    for row in STARTER_VARIANTS:
        spellings = ", ".join(" ".join(words(part)) for part in row.split(","))
        variant_model.objects.get_or_create(words=spellings)
    for term, means in STARTER_SYNONYMS:
        synonym_model.objects.get_or_create(term=" ".join(words(term)), defaults={"means": means})


CURATOR_PERMISSIONS = [
    "view_searchvariant", "add_searchvariant", "change_searchvariant", "delete_searchvariant",
    "view_searchsynonym", "add_searchsynonym", "change_searchsynonym", "delete_searchsynonym",
    "view_searchlog",
]  # fmt: skip


def curators_edit_the_vocabulary(apps, schema_editor):
    """Curators keep the vocabulary and read what buyers did not find."""
    group_permissions_add(apps, "catalog", {"Curator": CURATOR_PERMISSIONS})


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0010_search_vocabulary_and_log"),
        ("vendors", "0002_curator_and_coordinator_groups"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(curators_edit_the_vocabulary, migrations.RunPython.noop),
    ]
