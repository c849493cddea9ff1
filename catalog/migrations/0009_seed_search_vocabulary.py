from django.db import migrations


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


class Migration(migrations.Migration):
    dependencies = [("catalog", "0008_search_vocabulary_and_log")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
