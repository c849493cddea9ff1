"""Subcategories that named two things ("Lobster dan kerapu") become two; their products are
re-filed by the words of their names (else descriptions; unclear ones stay in the first half).
Then every product's search text is rebuilt: it is now made in Python (stems beside the words,
the category weighing more than the description, no business name)."""

from django.db import migrations


def split(apps, schema_editor):
    from catalog.categories import categories_split
    from catalog.search_index import search_vectors_write

    product_model = apps.get_model("catalog", "Product")
    categories_split(
        category_model=apps.get_model("catalog", "Category"), product_model=product_model
    )
    search_vectors_write(product_model=product_model)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0011_seed_search_vocabulary")]

    operations = [migrations.RunPython(split, migrations.RunPython.noop)]
