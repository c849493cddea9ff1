"""Demo businesses (DESIGN §8): R n D Handycraft, the nine exporting units of Lamongan from the
article (one of them the Parengan ikat-weaving cluster), and businesses of other East Java
regencies. Idempotent: looked up by slug."""

import datetime as dt
import io
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from accounts.models import User
from core.images import image_create
from core.models import OutboundEmail, Regency
from vendors.models import Certification, RegionalCoordinator, Vendor, VendorMember


@dataclass(frozen=True)
class DemoVendor:
    slug: str
    name: str
    regency: str  # Kemendagri code
    legal_form: str
    nib: str
    address: str
    description_id: str
    description_en: str
    year_founded: int
    employees: int
    monthly_capacity: str
    export_countries: tuple[str, ...] = ()
    cluster_members: int | None = None
    lamongan_exporter: bool = False


LAMONGAN = "35.24"
DEMO_VENDORS = [
    DemoVendor(
        "rnd-handycraft", "R n D Handycraft", LAMONGAN, "ud", "9120001000011",
        "Jl. Sunan Kalijaga, Lamongan",
        "Suvenir dan kerajinan tangan khas Lamongan: miniatur, gantungan kunci, dan hiasan dari "
        "bahan lokal.",
        "Souvenirs and handicrafts from Lamongan: miniatures, key rings and decorations made of "
        "local materials.",
        2012, 14, "3.000 suvenir", ("MY",),
    ),
    DemoVendor(
        "tenun-ikat-parengan", "Sentra Tenun Ikat Parengan", LAMONGAN, "koperasi", "9120001000028",
        "Desa Parengan, Kecamatan Maduran, Lamongan",
        "Sentra tenun ikat dengan 46 unit usaha penenun sarung ikat bermotif khas Parengan.",
        "An ikat-weaving centre of 46 small units weaving sarongs with Parengan's own motifs.",
        1980, 120, "2.000 sarung", ("QA", "SA", "MY"), cluster_members=46, lamongan_exporter=True,
    ),
    DemoVendor(
        "anyaman-bambu-sumberaji", "UD Anyaman Bambu Sumberaji", LAMONGAN, "ud", "9120001000035",
        "Desa Sumberaji, Kecamatan Sukodadi, Lamongan",
        "Anyaman bambu: keranjang, tampah, dan wadah serbaguna buatan tangan.",
        "Bamboo weaving: hand-made baskets, trays and storage boxes.",
        2005, 25, "4.000 keranjang", ("NL", "MY"), lamongan_exporter=True,
    ),
    DemoVendor(
        "pupuk-organik-tani-makmur", "CV Pupuk Organik Tani Makmur", LAMONGAN, "cv", "9120001000042",
        "Kecamatan Kembangbahu, Lamongan",
        "Pupuk organik granul dan kompos dari limbah pertanian.",
        "Granulated organic fertilizer and compost from farm waste.",
        2010, 30, "50 ton", ("MY",), lamongan_exporter=True,
    ),
    DemoVendor(
        "wingko-babat-sari-rasa", "UD Wingko Babat Sari Rasa", LAMONGAN, "ud", "9120001000059",
        "Kecamatan Babat, Lamongan",
        "Wingko babat, kue kelapa legendaris dari Babat, dalam kemasan tahan lama.",
        "Wingko babat, the coconut cake Babat is famous for, in long-life packs.",
        1998, 18, "20.000 bungkus", ("HK", "TW"), lamongan_exporter=True,
    ),
    DemoVendor(
        "konveksi-lamongan-jaya", "CV Konveksi Lamongan Jaya", LAMONGAN, "cv", "9120001000066",
        "Kecamatan Deket, Lamongan",
        "Konveksi kemeja, seragam, dan busana muslim.",
        "Garments: shirts, uniforms and modest wear.",
        2008, 40, "6.000 potong", ("SA",), lamongan_exporter=True,
    ),
    DemoVendor(
        "lobster-kerapu-paciran", "UD Lobster dan Kerapu Paciran", LAMONGAN, "ud", "9120001000073",
        "Kecamatan Paciran, Lamongan",
        "Lobster dan ikan kerapu hidup dan beku dari pesisir utara Lamongan.",
        "Live and frozen lobster and grouper from Lamongan's north coast.",
        2013, 22, "3 ton", ("HK", "TW"), lamongan_exporter=True,
    ),
    DemoVendor(
        "arang-batok-brondong", "UD Arang Batok Brondong", LAMONGAN, "ud", "9120001000080",
        "Kecamatan Brondong, Lamongan",
        "Arang tempurung kelapa dan briket untuk ekspor.",
        "Coconut-shell charcoal and briquettes for export.",
        2015, 16, "20 ton", ("SA", "EG"), lamongan_exporter=True,
    ),
    DemoVendor(
        "jagung-olahan-sugio", "UD Jagung Olahan Sugio", LAMONGAN, "ud", "9120001000097",
        "Kecamatan Sugio, Lamongan",
        "Olahan jagung: marning, tepung jagung, dan emping jagung.",
        "Processed corn: corn crackers, corn flour and corn flakes.",
        2011, 12, "8 ton", ("MY",), lamongan_exporter=True,
    ),
    DemoVendor(
        "keripik-ikan-mina-bahari", "UD Keripik Ikan Mina Bahari", LAMONGAN, "ud", "9120001000103",
        "Kecamatan Glagah, Lamongan",
        "Keripik dan kerupuk ikan bandeng serta udang dari tambak Lamongan.",
        "Milkfish and shrimp crackers from Lamongan's fish ponds.",
        2009, 15, "10.000 bungkus", ("MY", "HK"), lamongan_exporter=True,
    ),
    DemoVendor(
        "keripik-tempe-malang", "Keripik Tempe Sanan", "35.73", "perorangan", "9120001000110",
        "Sanan, Kota Malang",
        "Keripik tempe renyah dari sentra tempe Sanan.",
        "Crispy tempeh chips from the Sanan tempeh quarter.",
        2001, 10, "15.000 bungkus", ("NL",),
    ),
    DemoVendor(
        "kopi-ijen-banyuwangi", "CV Kopi Lereng Ijen", "35.10", "cv", "9120001000127",
        "Kecamatan Licin, Banyuwangi",
        "Kopi arabika lereng Ijen, biji sangrai dan bubuk.",
        "Arabica coffee from the slopes of Ijen, roasted beans and ground.",
        2014, 20, "2 ton", ("NL", "ZA"),
    ),
    DemoVendor(
        "tas-kulit-tanggulangin", "UD Tas Kulit Tanggulangin", "35.15", "ud", "9120001000134",
        "Kecamatan Tanggulangin, Sidoarjo",
        "Tas, dompet, dan sabuk kulit asli buatan pengrajin Tanggulangin.",
        "Genuine leather bags, wallets and belts by Tanggulangin craftspeople.",
        1995, 35, "1.500 tas", ("MY", "AE"),
    ),
    DemoVendor(
        "tenun-ikat-bandar-kidul", "Tenun Ikat Bandar Kidul", "35.71", "perorangan", "9120001000141",
        "Bandar Kidul, Kota Kediri",
        "Kain tenun ikat ATBM motif Kediri.",
        "Hand-loomed ikat cloth with Kediri motifs.",
        1990, 18, "600 kain", ("JP",),
    ),
]  # fmt: skip

LOGO_COLOURS = ["#8a3b12", "#1f6f5c", "#2b4c7e", "#7a5c12", "#6b2d5c", "#3d6b1f", "#5c3d1f"]


def _logo(vendor: Vendor, index: int):
    """A round monogram drawn locally (no network), processed here (no worker needed)."""
    im = PILImage.new("RGB", (480, 480), "#f7f3ea")
    draw = ImageDraw.Draw(im)
    draw.ellipse([24, 24, 456, 456], fill=LOGO_COLOURS[index % len(LOGO_COLOURS)])
    initials = "".join(word[0] for word in vendor.name.split() if word[0].isupper())[:3]
    draw.text((240, 240), initials, fill="#ffffff", font_size=150, anchor="mm")
    buffer = io.BytesIO()
    im.save(buffer, "PNG")
    upload = SimpleUploadedFile(f"{vendor.slug}.png", buffer.getvalue(), content_type="image/png")
    return image_create(upload=upload, process_now=True)


def seed(*, owner: User, staff: User, coordinator: User) -> list[Vendor]:
    """Create or update the demo businesses; `owner` owns R n D Handycraft, `staff` works there,
    `coordinator` is Lamongan's regional coordinator."""
    regencies = {
        r.code: r for r in Regency.objects.filter(code__in={v.regency for v in DEMO_VENDORS})
    }
    vendors = []
    for index, demo in enumerate(DEMO_VENDORS):
        vendor, _ = Vendor.objects.update_or_create(
            slug=demo.slug,
            defaults={
                "name": demo.name,
                "regency": regencies[demo.regency],
                "legal_form": demo.legal_form,
                "nib": demo.nib,
                "address": demo.address,
                "whatsapp": f"+62812{demo.nib[-7:]}",
                "description_id": demo.description_id,
                "description_en": demo.description_en,
                "year_founded": demo.year_founded,
                "employees": demo.employees,
                "monthly_capacity": demo.monthly_capacity,
                "export_countries": list(demo.export_countries),
                "is_cluster": demo.cluster_members is not None,
                "cluster_members": demo.cluster_members,
                "status": Vendor.Status.VERIFIED,
                "onboarding_step": 6,
            },
        )
        if vendor.logo_id is None:
            vendor.logo = _logo(vendor, index)
            vendor.save(update_fields=["logo"])
        vendors.append(vendor)
    VendorMember.objects.get_or_create(
        vendor=vendors[0], user=owner, defaults={"role": VendorMember.Role.OWNER}
    )
    lamongan = regencies[LAMONGAN]
    RegionalCoordinator.objects.get_or_create(user=coordinator)[0].regencies.set([lamongan])
    seed_team_and_certifications(vendors=vendors, staff=staff, coordinator=coordinator)
    seed_curators_queue(regency=lamongan)
    return vendors


WAITING_EMAIL = "batik.sumberrejo@demo.expo-umkm.id"


def seed_curators_queue(*, regency: Regency) -> None:
    """Work waiting on the curators' desk (the admin's front page): a business that submitted
    its registration four days ago, and an email that could not be delivered (a mistyped
    address). Not among the public demo businesses."""
    now = timezone.now()
    vendor, _ = Vendor.objects.update_or_create(
        slug="batik-tulis-sumberrejo",
        defaults={
            "name": "Batik Tulis Sumberrejo",
            "regency": regency,
            "legal_form": Vendor.LegalForm.PERORANGAN,
            "nib": "9120001000899",
            "address": "Desa Sumberrejo, Kecamatan Paciran, Lamongan",
            "whatsapp": "+6281200000899",
            "description_id": "Batik tulis pesisiran dengan motif ikan dan perahu.",
            "description_en": "",
            "status": Vendor.Status.SUBMITTED,
            "onboarding_step": 6,
            "submitted_at": now - dt.timedelta(days=4),
        },
    )
    user = User.objects.filter(email=WAITING_EMAIL).first() or User.objects.create_user(
        WAITING_EMAIL, None, name="Siti Aminah", language="id"
    )
    VendorMember.objects.get_or_create(
        vendor=vendor, user=user, defaults={"role": VendorMember.Role.OWNER}
    )
    if vendor.logo_id is None:
        vendor.logo = _logo(vendor, len(DEMO_VENDORS))
        vendor.save(update_fields=["logo"])
    OutboundEmail.objects.get_or_create(
        kind="vendor_submitted",
        to=["batik.sumberejo@gmial.com"],
        defaults={
            "from_email": "Expo UMKM <noreply@expo-umkm.id>",
            "subject": "Pendaftaran Batik Tulis Sumberrejo sudah kami terima",
            "body_text": "Terima kasih, pendaftaran Anda sedang diperiksa kurator.",
            "status": OutboundEmail.Status.FAILED,
            "attempts": 5,
            "last_error": "550 5.1.1 The email account that you tried to reach does not exist.",
            "created_at": now - dt.timedelta(days=3),
        },
    )


# (vendor slug, kind, number): certifications the demo businesses hold.
DEMO_CERTIFICATIONS = [
    ("rnd-handycraft", "pirt", "P-IRT 2063524010045"),
    ("tenun-ikat-parengan", "sni", "SNI 8891:2020-0142"),
    ("wingko-babat-sari-rasa", "halal", "ID35110000412350122"),
    ("wingko-babat-sari-rasa", "bpom_md", "BPOM RI MD 233513001234"),
    ("keripik-ikan-mina-bahari", "halal", "ID35110000512870223"),
    ("arang-batok-brondong", "other", "COA-BRD-2024-07"),
    ("kopi-ijen-banyuwangi", "organic", "ORG-ID-0917-2023"),
]
# A one-page placeholder standing in for a scanned certificate.
DEMO_CERTIFICATE_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def seed_team_and_certifications(*, vendors: list[Vendor], staff: User, coordinator: User) -> None:
    """Certifications (with a placeholder document) and a staff member."""
    by_slug = {vendor.slug: vendor for vendor in vendors}
    for slug, kind, number in DEMO_CERTIFICATIONS:
        certification, created = Certification.objects.get_or_create(
            vendor=by_slug[slug],
            kind=kind,
            number=number,
            defaults={"expires_on": dt.date(2028, 12, 31)},
        )
        if created or not certification.document:
            certification.document.save("certificate.pdf", ContentFile(DEMO_CERTIFICATE_PDF))
    VendorMember.objects.get_or_create(
        vendor=by_slug["rnd-handycraft"], user=staff, defaults={"role": VendorMember.Role.STAFF}
    )
    group = Group.objects.filter(name="Regional coordinator").first()
    if group is not None:  # created by a migration; absent only after a test flush
        coordinator.groups.add(group)
