"""Every product's search text is rebuilt: the top category ("Produk kulit", "Kerajinan
tangan") now weighs as the description does, not as the subcategory (catalog/search_index.py)."""

from django.db import migrations


def rebuild(apps, schema_editor):
    from catalog.search_index import search_vectors_write

    search_vectors_write(product_model=apps.get_model("catalog", "Product"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0013_more_starter_vocabulary")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
