"""Demo products (DESIGN §8) for the demo businesses of vendors/demo.py, with photos drawn by
Pillow and processed in-process; `seed_scale(n)` adds n generated products for benchmarks."""

import datetime as dt
import io
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from catalog.categories import categories_load
from catalog.models import Category, Product, ProductImage, ProductViewDay
from catalog.services import product_certification_kinds_refresh, product_search_refresh
from core.images import image_copies, image_create
from core.models import Regency
from vendors.models import Certification, Vendor

# vendor slug → [(slug, category, name_id, name_en, description_id, description_en,
#                 price, price_max, unit, moq, capacity, lead days, hs, shelf days, colour)]
DEMO_PRODUCTS = {
    "rnd-handycraft": [
        ("miniatur-perahu-lamongan", "suvenir", "Miniatur perahu nelayan Lamongan", "Lamongan fishing boat miniature",
         "Miniatur perahu ijon-ijon khas pesisir Lamongan dari kayu mahoni.\n\nDicat tangan, cocok untuk cendera mata.",
         "A miniature of the ijon-ijon boats of the Lamongan coast, in mahogany.\n\nHand-painted; a fine souvenir.",
         85000, 150000, "piece", 20, 600, 14, "4420.10", None, (40, 90, 160)),
        ("gantungan-kunci-soto", "suvenir", "Gantungan kunci soto Lamongan", "Soto Lamongan key ring",
         "Gantungan kunci resin berbentuk semangkuk soto Lamongan.", "A resin key ring shaped like a bowl of soto Lamongan.",
         12000, None, "piece", 100, 3000, 7, "3926.40", None, (220, 170, 40)),
    ],
    "tenun-ikat-parengan": [
        ("sarung-tenun-ikat-parengan", "sarung-tenun", "Sarung tenun ikat Parengan", "Parengan woven ikat sarong",
         "Sarung tenun ikat ATBM motif Parengan, benang katun pilihan.\n\nSetiap lembar ditenun 3–5 hari oleh penenun sentra Parengan.",
         "Hand-loomed ikat sarong with Parengan motifs, fine cotton yarn.\n\nEach piece takes the centre's weavers 3 to 5 days.",
         250000, 450000, "piece", 10, 2000, 30, "6304.91", None, (140, 30, 40)),
        ("sarung-ikat-sutra", "sarung-tenun", "Sarung ikat sutra", "Silk ikat sarong",
         "Sarung tenun ikat dari benang sutra untuk acara istimewa.", "An ikat sarong woven from silk yarn for special occasions.",
         750000, None, "piece", 5, 200, 45, "6304.91", None, (120, 60, 120)),
    ],
    "anyaman-bambu-sumberaji": [
        ("keranjang-anyaman-bambu", "anyaman-bambu", "Keranjang anyaman bambu", "Woven bamboo basket",
         "Keranjang serbaguna dari anyaman bambu apus, dikeringkan dan diawetkan alami.",
         "A multi-purpose bamboo basket, naturally dried and preserved.",
         45000, 90000, "piece", 50, 4000, 21, "4602.19", None, (190, 150, 90)),
        ("tampah-bambu", "anyaman-bambu", "Tampah bambu", "Bamboo winnowing tray",
         "Tampah bulat anyaman bambu, diameter 40–60 cm.", "Round woven bamboo tray, 40 to 60 cm across.",
         25000, None, "piece", 100, 3000, 14, "4602.19", None, (200, 170, 110)),
    ],
    "pupuk-organik-tani-makmur": [
        ("pupuk-organik-granul", "pupuk", "Pupuk organik granul", "Granulated organic fertilizer",
         "Pupuk organik granul dari kompos limbah pertanian, kemasan karung 25 kg.",
         "Granulated organic fertilizer from composted farm waste, in 25 kg sacks.",
         60000, None, "sack", 100, 2000, 10, "3101.00", None, (90, 70, 40)),
    ],
    "wingko-babat-sari-rasa": [
        ("wingko-babat-original", "kue-tradisional", "Wingko babat original", "Original wingko babat coconut cake",
         "Wingko babat dari kelapa muda dan tepung ketan, dalam kemasan tahan lama.",
         "Wingko babat made of young coconut and glutinous rice flour, in long-life packs.",
         30000, None, "pack", 200, 20000, 7, "1905.90", 30, (210, 180, 120)),
    ],
    "konveksi-lamongan-jaya": [
        ("kemeja-batik-lamongan", "pakaian-jadi", "Kemeja batik Lamongan", "Lamongan batik shirt",
         "Kemeja batik cap motif bandeng Lamongan, katun primisima.", "A stamped batik shirt with Lamongan's milkfish motif, primisima cotton.",
         175000, 225000, "piece", 24, 6000, 21, "6205.20", None, (30, 60, 110)),
    ],
    "lobster-kerapu-paciran": [
        ("lobster-hidup-paciran", "lobster-kerapu", "Lobster hidup Paciran", "Live lobster from Paciran",
         "Lobster pasir hidup dari perairan Paciran, dikirim dengan kemasan oksigen.",
         "Live sand lobster from the Paciran coast, shipped in oxygen packs.",
         450000, 650000, "kg", 10, 3000, 3, "0306.32", 3, (180, 60, 40)),
        ("kerapu-beku", "kerapu", "Ikan kerapu beku", "Frozen grouper",
         "Ikan kerapu utuh beku cepat (IQF).", "Whole grouper, individually quick frozen (IQF).",
         120000, None, "kg", 50, 2000, 7, "0303.89", 365, (150, 120, 110)),
    ],
    "arang-batok-brondong": [
        ("arang-batok-kelapa", "arang-briket", "Arang batok kelapa", "Coconut-shell charcoal",
         "Arang tempurung kelapa kadar karbon tinggi untuk shisha dan barbeku.",
         "High-carbon coconut-shell charcoal for shisha and barbecue.",
         15000, None, "kg", 1000, 20000, 14, "4402.20", None, (40, 40, 45)),
    ],
    "jagung-olahan-sugio": [
        ("marning-jagung", "olahan-jagung", "Marning jagung pedas", "Spicy corn crackers (marning)",
         "Marning jagung goreng renyah dengan bumbu pedas.", "Crispy fried corn crackers with a spicy seasoning.",
         15000, None, "pack", 200, 8000, 7, "1904.10", 180, (230, 160, 30)),
    ],
    "keripik-ikan-mina-bahari": [
        ("kerupuk-bandeng", "kerupuk-ikan", "Kerupuk bandeng", "Milkfish crackers",
         "Kerupuk ikan bandeng tambak Lamongan, siap goreng.", "Ready-to-fry crackers made of Lamongan's pond milkfish.",
         20000, None, "pack", 100, 10000, 7, "1905.90", 270, (220, 200, 160)),
    ],
    "keripik-tempe-malang": [
        ("keripik-tempe-sanan", "camilan", "Keripik tempe Sanan", "Sanan tempeh chips",
         "Keripik tempe tipis dan renyah dari sentra Sanan, Malang.", "Thin, crispy tempeh chips from the Sanan quarter of Malang.",
         18000, None, "pack", 100, 15000, 5, "2106.90", 120, (200, 150, 70)),
    ],
    "kopi-ijen-banyuwangi": [
        ("kopi-arabika-ijen", "kopi", "Kopi arabika Ijen sangrai", "Ijen arabica coffee, roasted beans",
         "Biji kopi arabika lereng Ijen, proses natural, sangrai medium.", "Arabica beans from the Ijen slopes, natural process, medium roast.",
         120000, None, "kg", 20, 2000, 10, "0901.21", 365, (90, 50, 30)),
    ],
    "tas-kulit-tanggulangin": [
        ("tas-kulit-wanita", "tas-dompet", "Tas kulit sapi wanita", "Women's cowhide leather bag",
         "Tas tangan kulit sapi asli, jahitan tangan pengrajin Tanggulangin.", "A genuine cowhide handbag, hand-stitched in Tanggulangin.",
         350000, 550000, "piece", 10, 1500, 21, "4202.21", None, (120, 70, 40)),
    ],
    "tenun-ikat-bandar-kidul": [
        ("kain-tenun-ikat-kediri", "tenun-ikat", "Kain tenun ikat Kediri", "Kediri ikat cloth",
         "Kain tenun ikat ATBM motif Kediri, 2 meter.", "Hand-loomed ikat cloth with Kediri motifs, 2 metres.",
         300000, None, "piece", 5, 600, 30, "5208.59", None, (60, 100, 90)),
    ],
}  # fmt: skip


def _photo_bytes(color: tuple[int, int, int], seed: int) -> bytes:
    """A simple product-like picture: a coloured object on a light background."""
    rng = random.Random(seed)  # noqa: S311 - repeatable drawings, not secrets
    # 640 px wide: two renditions only, so the whole demo seeds in a few seconds.
    im = PILImage.new("RGB", (640, 480), (244, 240, 232))
    draw = ImageDraw.Draw(im)
    draw.rounded_rectangle((128, 88, 512, 392), radius=48, fill=color)
    for _ in range(6):  # a woven / printed pattern
        y = rng.randint(112, 368)
        draw.line((144, y, 496, y), fill=tuple(min(255, c + 60) for c in color), width=8)
    buffer = io.BytesIO()
    im.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _add_photo(product: Product, color, seed: int) -> None:
    upload = SimpleUploadedFile("demo.jpg", _photo_bytes(color, seed), content_type="image/jpeg")
    image = image_create(upload=upload, process_now=True)
    ProductImage.objects.create(
        product=product, image=image, position=0, alt_id=product.name_id, alt_en=product.name_en
    )


@transaction.atomic
def seed() -> list[Product]:
    """Create or update the demo products (by slug); photos only for products that lack one."""
    categories_load(category_model=Category)
    categories = {c.slug: c for c in Category.objects.all()}
    vendors = {v.slug: v for v in Vendor.objects.filter(slug__in=DEMO_PRODUCTS)}
    products = []
    now = timezone.now()
    for vendor_slug, rows in DEMO_PRODUCTS.items():
        vendor = vendors.get(vendor_slug)
        if vendor is None:
            continue
        for index, row in enumerate(rows):
            (slug, category, name_id, name_en, desc_id, desc_en, price, price_max, unit, moq,
             capacity, lead, hs, shelf, color) = row  # fmt: skip
            product, _ = Product.objects.update_or_create(
                slug=slug,
                defaults={
                    "vendor": vendor, "category": categories[category], "name_id": name_id,
                    "name_en": name_en, "description_id": desc_id, "description_en": desc_en,
                    "price_min_idr": Decimal(price),
                    "price_max_idr": Decimal(price_max) if price_max else None,
                    "unit": unit, "moq": moq, "monthly_capacity": capacity, "lead_time_days": lead,
                    "hs_code": hs, "shelf_life_days": shelf,
                    "export_markets": list(vendor.export_countries),
                    "status": Product.Status.PUBLISHED, "featured": index == 0,
                },
            )  # fmt: skip
            if product.published_at is None:
                Product.objects.filter(pk=product.pk).update(published_at=now)
            if not product.images.exists():
                _add_photo(product, color, seed=product.pk)
            products.append(product)
    product_search_refresh(product_ids=[p.pk for p in products])
    seed_desk(products)
    return products


HIDDEN_SLUG = "demo-jamu-klaim-menyembuhkan"
DRAFT_SLUG = "demo-miniatur-perahu-draf"
HIDDEN_REASON = (
    "Klaim 'menyembuhkan segala penyakit' tidak diizinkan BPOM. Hapus klaim itu lalu ajukan lagi."
)


def seed_desk(products: list[Product]) -> None:
    """What the dashboards and the curators' desk show: product views over the last days (the
    statistics page), a product a curator hid (the desk's queue) and, at the demo owner's
    business, a draft without a photo or English text (the dashboard home's to-do list)."""
    today = timezone.localdate()
    for index, product in enumerate(products):
        for days_ago in range(1, 8):
            ProductViewDay.objects.update_or_create(
                product=product,
                day=today - dt.timedelta(days=days_ago),
                defaults={
                    "views": 12 + (index * 7 + days_ago * 5) % 40,
                    "unique_visitors": 8 + (index * 3 + days_ago * 2) % 25,
                },
            )
    vendors = {v.slug: v for v in Vendor.objects.filter(slug__in=DEMO_PRODUCTS)}
    categories = {c.slug: c for c in Category.objects.filter(slug__in=["jamu-herbal", "suvenir"])}
    owner_vendor = vendors.get("rnd-handycraft")
    if owner_vendor is not None and "suvenir" in categories:
        Product.objects.get_or_create(
            slug=DRAFT_SLUG,
            defaults={
                "vendor": owner_vendor, "category": categories["suvenir"],
                "name_id": "Miniatur perahu nelayan (draf)", "name_en": "",
                "description_id": "Miniatur perahu nelayan Lamongan dari kayu.",
                "price_min_idr": Decimal(45000), "unit": Product.Unit.PIECE, "moq": 10,
            },
        )  # fmt: skip
    jamu_vendor = vendors.get("wingko-babat-sari-rasa")
    if jamu_vendor is not None and "jamu-herbal" in categories:
        Product.objects.update_or_create(
            slug=HIDDEN_SLUG,
            defaults={
                "vendor": jamu_vendor, "category": categories["jamu-herbal"],
                "name_id": "Jamu sehat serbaguna", "name_en": "All-purpose herbal drink",
                "description_id": "Jamu yang diklaim menyembuhkan segala penyakit.",
                "description_en": "A herbal drink claimed to cure every disease.",
                "price_min_idr": Decimal(25000), "unit": Product.Unit.PACK, "moq": 50,
                "status": Product.Status.HIDDEN, "hidden_reason": HIDDEN_REASON,
                "hidden_at": timezone.now() - dt.timedelta(days=2),
            },
        )  # fmt: skip


# Words for generated products: (category slug, Indonesian name, English name).
SCALE_WORDS = [
    ("sarung-tenun", "Sarung tenun ikat", "Woven ikat sarong"),
    ("anyaman-bambu", "Keranjang anyaman bambu", "Bamboo basket"),
    ("suvenir", "Suvenir miniatur", "Miniature souvenir"),
    ("camilan", "Keripik singkong", "Cassava chips"),
    ("olahan-jagung", "Tepung jagung", "Corn flour"),
    ("pupuk", "Pupuk kompos", "Compost fertilizer"),
    ("briket", "Briket arang", "Charcoal briquettes"),
    ("pakaian-jadi", "Kemeja katun", "Cotton shirt"),
    ("lobster-kerapu", "Lobster beku", "Frozen lobster"),
    ("kopi", "Kopi robusta", "Robusta coffee"),
    ("rempah", "Jahe bubuk", "Ground ginger"),
    ("mebel-kayu", "Kursi kayu jati", "Teak chair"),
    ("dompet", "Dompet kulit", "Leather wallet"),
    ("batik", "Kain batik tulis", "Hand-drawn batik cloth"),
    ("jamu-herbal", "Jamu kunyit asam", "Turmeric tamarind jamu"),
    ("dekorasi-rumah", "Lampu hias rotan", "Rattan lamp"),
]
ADJECTIVES = [("premium", "premium"), ("motif klasik", "classic motif"), ("ukuran besar", "large"),
              ("kemasan ekspor", "export pack"), ("handmade", "handmade"), ("organik", "organic")]  # fmt: skip


def seed_scale(n: int, *, per_vendor: int = 20, batch: int = 5000) -> int:
    """Add `n` generated published products over n/per_vendor generated verified vendors.

    A third of the vendors have exported; a quarter hold a halal and a tenth an SNI
    certificate, which half of their products carry (so that the filters have real data).
    Fast on purpose (bulk inserts, one search-vector update): every product shares the renditions
    of one processed photo instead of processing its own.
    """
    rng = random.Random(n)  # noqa: S311 - repeatable data, not secrets
    categories = {c.slug: c for c in Category.objects.all()}
    provinces = dict(Regency.objects.values_list("pk", "province_id"))
    regencies = list(provinces)
    start = Vendor.objects.filter(slug__startswith="scale-").count()
    vendor_count = max(1, n // per_vendor)
    vendors = Vendor.objects.bulk_create([
        Vendor(name=f"UMKM Skala {start + i}", slug=f"scale-{start + i}",
               nib=f"{8000000000000 + start + i}", regency_id=rng.choice(regencies),
               status=Vendor.Status.VERIFIED, onboarding_step=6,
               export_countries=["MY"] if i % 3 == 0 else [])
        for i in range(vendor_count)
    ], batch_size=batch)  # fmt: skip
    certifications = Certification.objects.bulk_create([
        Certification(vendor=vendor, kind=kind, number=f"SCALE-{kind.upper()}-{vendor.pk}")
        for i, vendor in enumerate(vendors)
        for kind, every, at in (("halal", 4, 1), ("sni", 10, 2))
        if i % every == at
    ], batch_size=batch)  # fmt: skip
    by_vendor: dict[int, list[Certification]] = {}
    for certification in certifications:
        by_vendor.setdefault(certification.vendor_id, []).append(certification)
    template = image_create(
        upload=SimpleUploadedFile("scale.jpg", _photo_bytes((120, 90, 60), 1)), process_now=True
    )
    now = timezone.now()
    created_ids: list[int] = []
    for offset in range(0, n, batch):
        size = min(batch, n - offset)
        products = []
        for i in range(offset, offset + size):
            category, name_id, name_en = SCALE_WORDS[i % len(SCALE_WORDS)]
            adj_id, adj_en = ADJECTIVES[(i // len(SCALE_WORDS)) % len(ADJECTIVES)]
            vendor = vendors[i % len(vendors)]
            price = Decimal(rng.randrange(10, 2000) * 1000)
            products.append(Product(
                vendor=vendor, category=categories[category],
                name_id=f"{name_id} {adj_id} {vendor.name}", name_en=f"{adj_en.capitalize()} {name_en.lower()}",
                slug=f"scale-{start}-{i}", description_id=f"{name_id} {adj_id} buatan {vendor.name}.",
                description_en=f"{adj_en.capitalize()} {name_en.lower()} made by {vendor.name}.",
                price_min_idr=price, moq=rng.choice((1, 10, 50, 100)), status=Product.Status.PUBLISHED,
                shelf_life_days=180, published_at=now, unit=Product.Unit.PIECE, is_public=True,
                province_id=provinces[vendor.regency_id], export_ready=bool(vendor.export_countries),
            ))  # fmt: skip
        Product.objects.bulk_create(products, batch_size=batch)
        images = image_copies(image=template, count=len(products))
        ProductImage.objects.bulk_create(
            [ProductImage(product=p, image=img) for p, img in zip(products, images, strict=True)],
            batch_size=batch,
        )
        Product.certifications.through.objects.bulk_create([
            Product.certifications.through(product_id=p.pk, certification_id=c.pk)
            for i, p in enumerate(products, start=offset)
            # Every other product of each business, alternating between neighbouring businesses
            # so that the certified products spread over the newest-first order.
            if (i // len(vendors) + (i % len(vendors)) // 4) % 2 == 0
            for c in by_vendor.get(p.vendor_id, ())
        ], batch_size=batch)  # fmt: skip
        created_ids += [p.pk for p in products]
    product_search_refresh(product_ids=created_ids)
    product_certification_kinds_refresh(product_ids=created_ids)
    with connection.cursor() as cursor:
        # Fresh statistics, or the planner takes 5,000 verified vendors for 2 (nested loops).
        for table in ("vendors_vendor", "catalog_product", "catalog_productimage", "core_image",
                      "vendors_certification", "catalog_product_certifications"):  # fmt: skip
            cursor.execute(f"ANALYZE {table}")
    return len(created_ids)
