"""The seeded two-level category tree: the article's products and common export categories.

(slug, Indonesian name, English name, is food, children); a child inherits nothing but sits
under its parent. Used by the data migration and by the demo.
"""

CATEGORY_TREE = [
    ("kerajinan", "Kerajinan tangan", "Handicrafts", False, [
        ("tenun-ikat", "Tenun ikat dan sarung tenun", "Ikat weaving and woven sarongs", False),
        ("anyaman-bambu", "Anyaman bambu dan rotan", "Bamboo and rattan weaving", False),
        ("suvenir", "Suvenir dan cendera mata", "Souvenirs and gifts", False),
        ("dekorasi-rumah", "Dekorasi rumah", "Home decor", False),
        ("ukiran-kayu", "Ukiran kayu", "Wood carving", False),
        ("perhiasan", "Perhiasan dan aksesori", "Jewellery and accessories", False),
    ]),
    ("tekstil-busana", "Tekstil dan busana", "Textiles and garments", False, [
        ("batik", "Batik", "Batik", False),
        ("pakaian-jadi", "Pakaian jadi dan konveksi", "Garments and apparel", False),
        ("busana-muslim", "Busana muslim", "Modest wear", False),
        ("kain-tenun", "Kain tenun", "Woven fabrics", False),
    ]),
    ("makanan-minuman", "Makanan dan minuman", "Food and beverages", True, [
        ("camilan", "Camilan dan makanan ringan", "Snacks", True),
        ("olahan-jagung", "Olahan jagung", "Processed corn", True),
        ("kue-tradisional", "Kue tradisional", "Traditional cakes", True),
        ("kopi", "Kopi", "Coffee", True),
        ("teh", "Teh", "Tea", True),
        ("rempah", "Rempah dan bumbu", "Spices and seasonings", True),
        ("sambal-saus", "Sambal dan saus", "Chilli sauces and condiments", True),
        ("madu-gula", "Madu dan gula aren", "Honey and palm sugar", True),
    ]),
    ("perikanan", "Hasil perikanan", "Fish and seafood", True, [
        ("lobster-kerapu", "Lobster dan kerapu", "Lobster and grouper", True),
        ("ikan-olahan", "Ikan olahan dan kerupuk ikan", "Processed fish and fish crackers", True),
        ("udang", "Udang", "Shrimp", True),
    ]),
    ("pertanian", "Pertanian dan perkebunan", "Agriculture and plantation", False, [
        ("pupuk", "Pupuk", "Fertilizer", False),
        ("arang-briket", "Arang dan briket", "Charcoal and briquettes", False),
        ("kelapa-olahan", "Olahan kelapa", "Coconut products", False),
        ("bibit-tanaman", "Bibit dan tanaman hias", "Seeds and ornamental plants", False),
    ]),
    ("mebel", "Mebel", "Furniture", False, [
        ("mebel-kayu", "Mebel kayu", "Wooden furniture", False),
        ("mebel-rotan", "Mebel rotan dan bambu", "Rattan and bamboo furniture", False),
    ]),
    ("produk-kulit", "Produk kulit", "Leather goods", False, [
        ("tas-dompet", "Tas dan dompet", "Bags and wallets", False),
        ("alas-kaki", "Sepatu dan sandal", "Shoes and sandals", False),
        ("sabuk-kulit", "Sabuk dan aksesori kulit", "Belts and leather accessories", False),
    ]),
    ("kosmetik-herbal", "Kosmetik dan herbal", "Cosmetics and herbal products", False, [
        ("jamu-herbal", "Jamu dan minuman herbal", "Jamu and herbal drinks", True),
        ("perawatan-tubuh", "Sabun dan perawatan tubuh", "Soap and body care", False),
        ("minyak-atsiri", "Minyak atsiri", "Essential oils", False),
    ]),
]  # fmt: skip


def categories_load(*, category_model) -> int:
    """Create or update the tree by slug (idempotent); returns the number of categories."""
    count = 0
    for position, (slug, name_id, name_en, is_food, children) in enumerate(CATEGORY_TREE):
        parent, _ = category_model.objects.update_or_create(
            slug=slug,
            defaults={"name_id": name_id, "name_en": name_en, "is_food": is_food,
                      "position": position, "parent": None},
        )  # fmt: skip
        count += 1
        for child_position, (child_slug, child_id, child_en, child_food) in enumerate(children):
            category_model.objects.update_or_create(
                slug=child_slug,
                defaults={"name_id": child_id, "name_en": child_en, "is_food": child_food,
                          "position": child_position, "parent": parent},
            )  # fmt: skip
            count += 1
    return count
