"""The seeded two-level category tree: the article's products and common export categories.

(slug, Indonesian name, English name, is food, children); a child inherits nothing but sits
under its parent. Used by the data migration and by the demo.

A subcategory names one kind of product: a search for one half of "Lobster dan kerapu" found the
other half too. `CATEGORY_SPLITS` says how the compound ones were split (the first half kept
the slug) and how their products are re-filed (the migration `split_compound_categories`).
"""

import re
import unicodedata

CATEGORY_TREE = [
    ("kerajinan", "Kerajinan tangan", "Handicrafts", False, [
        ("tenun-ikat", "Tenun ikat", "Ikat weaving", False),
        ("sarung-tenun", "Sarung tenun", "Woven sarongs", False),
        ("anyaman-bambu", "Anyaman bambu", "Bamboo weaving", False),
        ("anyaman-rotan", "Anyaman rotan", "Rattan weaving", False),
        ("suvenir", "Suvenir dan cendera mata", "Souvenirs and gifts", False),
        ("dekorasi-rumah", "Dekorasi rumah", "Home decor", False),
        ("ukiran-kayu", "Ukiran kayu", "Wood carving", False),
        ("perhiasan", "Perhiasan", "Jewellery", False),
        ("aksesori", "Aksesori", "Accessories", False),
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
        ("madu-gula", "Madu", "Honey", True),
        ("gula-aren", "Gula aren", "Palm sugar", True),
    ]),
    ("perikanan", "Hasil perikanan", "Fish and seafood", True, [
        ("lobster-kerapu", "Lobster", "Lobster", True),
        ("kerapu", "Ikan kerapu", "Grouper", True),
        ("ikan-olahan", "Ikan olahan", "Processed fish", True),
        ("kerupuk-ikan", "Kerupuk ikan", "Fish crackers", True),
        ("udang", "Udang", "Shrimp", True),
    ]),
    ("pertanian", "Pertanian dan perkebunan", "Agriculture and plantation", False, [
        ("pupuk", "Pupuk", "Fertilizer", False),
        ("arang-briket", "Arang", "Charcoal", False),
        ("briket", "Briket", "Briquettes", False),
        ("kelapa-olahan", "Olahan kelapa", "Coconut products", False),
        ("bibit-tanaman", "Bibit dan benih", "Seedlings and seeds", False),
        ("tanaman-hias", "Tanaman hias", "Ornamental plants", False),
    ]),
    ("mebel", "Mebel", "Furniture", False, [
        ("mebel-kayu", "Mebel kayu", "Wooden furniture", False),
        ("mebel-rotan", "Mebel rotan", "Rattan furniture", False),
        ("mebel-bambu", "Mebel bambu", "Bamboo furniture", False),
    ]),
    ("produk-kulit", "Produk kulit", "Leather goods", False, [
        ("tas-dompet", "Tas", "Bags", False),
        ("dompet", "Dompet", "Wallets", False),
        ("alas-kaki", "Sepatu", "Shoes", False),
        ("sandal", "Sandal", "Sandals", False),
        ("sabuk-kulit", "Sabuk kulit", "Leather belts", False),
        ("aksesori-kulit", "Aksesori kulit", "Leather accessories", False),
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


# old slug → (words of the first half, slug of the second half, words of the second half).
# A product moves to the second half when its name (else its description) has a word of the
# second half and none of the first; anything unclear stays in the first half.
CATEGORY_SPLITS = {
    "tenun-ikat": ("kain cloth fabric", "sarung-tenun", "sarung sarong sarongs"),
    "anyaman-bambu": ("bambu bamboo", "anyaman-rotan", "rotan rattan"),
    "perhiasan": (
        "perhiasan kalung gelang cincin anting perak emas jewellery jewelry necklace bracelet "
        "ring earrings silver gold",
        "aksesori",
        "aksesori aksesoris accessories accessory bros brooch jepit hairpin",
    ),
    "madu-gula": ("madu honey", "gula-aren", "gula sugar aren"),
    "lobster-kerapu": ("lobster", "kerapu", "kerapu grouper"),
    "ikan-olahan": (
        "abon asap presto pindang asin smoked salted floss nugget bakso",
        "kerupuk-ikan",
        "kerupuk krupuk crackers cracker",
    ),
    "arang-briket": ("", "briket", "briket briquettes briquette"),
    "bibit-tanaman": (
        "bibit benih seed seeds seedlings",
        "tanaman-hias",
        "hias ornamental anggrek orchid bonsai",
    ),
    "mebel-rotan": ("rotan rattan", "mebel-bambu", "bambu bamboo"),
    "tas-dompet": ("tas bag bags handbag ransel backpack", "dompet", "dompet wallet wallets purse"),
    "alas-kaki": ("sepatu shoe shoes boots", "sandal", "sandal sandals selop slippers"),
    "sabuk-kulit": (
        "sabuk belt belts",
        "aksesori-kulit",
        "aksesori accessories gantungan keychain strap",
    ),
}


def _words(*texts: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", " ".join(t or "" for t in texts).lower())
    return set(re.findall(r"[a-z]+", plain))


def split_half(old_slug: str, *, name: str, description: str) -> str:
    """The slug a product of a split category belongs to (its name decides, else its
    description, else it stays in the first half)."""
    first, second_slug, second = CATEGORY_SPLITS[old_slug]
    for text in (name, description):
        found = _words(text)
        if found & set(second.split()) and not found & set(first.split()):
            return second_slug
        if found & set(first.split()):
            return old_slug
    return old_slug


def categories_split(*, category_model, product_model) -> int:
    """Load the split tree, then re-file the products of each split category; returns how many
    products moved."""
    categories_load(category_model=category_model)
    by_slug = {c.slug: c for c in category_model.objects.all()}
    moved = 0
    for old_slug in CATEGORY_SPLITS:
        products = product_model.objects.filter(category__slug=old_slug)
        for product in products.only(
            "pk", "name_id", "name_en", "description_id", "description_en"
        ):
            slug = split_half(
                old_slug,
                name=f"{product.name_id} {product.name_en}",
                description=f"{product.description_id} {product.description_en}",
            )
            if slug != old_slug:
                product_model.objects.filter(pk=product.pk).update(category=by_slug[slug])
                moved += 1
    return moved
