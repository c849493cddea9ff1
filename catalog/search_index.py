"""The products' search text (`Product.search_vector`), written from Python.

Written by `catalog.services.product_search_refresh` and by the migrations that rebuild it.
"""

from django.db import connection

from catalog.search_text import index_text, words

# The search text of a product, made in Python (`catalog.search_text`: the same words as a
# query's, with Indonesian stems beside them) and weighed: the name most (A), then the category
# (B), the description (C) and the region (D). The business's name is not in it: every product of
# "Rumah Batik Sari" would match "batik" (the results page finds businesses on its own). The top
# category weighs as the description (C): only the subcategory says what a product is.
# `simple` keeps exact words; English text also gets `english` stems ("baskets" → "basket").
SEARCH_VECTOR_SQL = """
UPDATE catalog_product p SET search_vector =
    setweight(to_tsvector('simple', d.name), 'A')
 || setweight(to_tsvector('english', d.name_en), 'A')
 || setweight(to_tsvector('simple', d.category), 'B')
 || setweight(to_tsvector('english', d.category_en), 'B')
 || setweight(to_tsvector('simple', d.description), 'C')
 || setweight(to_tsvector('english', d.description_en), 'C')
 || setweight(to_tsvector('simple', d.region), 'D')
FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[],
            %s::text[], %s::text[])
     AS d(id, name, name_en, category, category_en, description, description_en, region)
WHERE p.id = d.id
"""
SEARCH_BATCH = 2000
SEARCH_FIELDS = (
    "pk", "name_id", "name_en", "description_id", "description_en", "category__name_id",
    "category__name_en", "category__parent__name_id", "category__parent__name_en",
    "vendor__regency__name", "vendor__regency__province__name",
)  # fmt: skip


def _search_row(row) -> tuple:
    pk, name_id, name_en, desc_id, desc_en, cat_id, cat_en, parent_id, parent_en, reg, prov = row
    join = " ".join
    # The top category ("Produk kulit", "Kerajinan tangan") is broad by design: it weighs as the
    # description does (C), or every rattan bag would be "kulit" as much as its category "Tas"
    # is a bag. The subcategory names what the product is (B).
    return (
        pk,
        join([index_text(name_id or ""), index_text(name_en or "", indonesian=False)]),
        join(words(name_en or "")),
        join([index_text(cat_id or ""), index_text(cat_en or "", indonesian=False)]),
        join(words(cat_en or "")),
        join([index_text(desc_id or ""), index_text(desc_en or "", indonesian=False),
              index_text(parent_id or ""), index_text(parent_en or "", indonesian=False)]),
        join(words(join([desc_en or "", parent_en or ""]))),
        join(words(join([reg or "", prov or ""]))),
    )  # fmt: skip


def search_vectors_write(*, product_model, product_ids=None, vendor_id=None) -> None:
    """Write the search vectors of these products (all when no filter). Takes the model so that
    migrations can pass theirs."""
    products = product_model.objects.order_by("pk")
    if product_ids is not None:
        products = products.filter(pk__in=list(product_ids))
    if vendor_id is not None:
        products = products.filter(vendor_id=vendor_id)
    batch: list[tuple] = []
    for row in products.values_list(*SEARCH_FIELDS).iterator(chunk_size=SEARCH_BATCH):
        batch.append(_search_row(row))
        if len(batch) >= SEARCH_BATCH:
            _search_write(batch)
            batch = []
    if batch:
        _search_write(batch)


def _search_write(rows: list[tuple]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(SEARCH_VECTOR_SQL, [list(column) for column in zip(*rows, strict=True)])
