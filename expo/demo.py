"""The demo expo (DESIGN §8): two editions of the East Java virtual expo — the first (2021) closed
and kept as an archive, the second live now and named after the year it is held in — with themed halls and Paviliun Lamongan, approved
booths of the demo businesses, curation scores, sessions, meeting slots, meetings of the demo
buyers and deals recorded against the expo. Idempotent: everything is looked up by natural keys.
"""

import datetime as dt
import io
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from accounts.models import User
from buyers.demo import DEMO_BUYERS
from buyers.models import BuyerProfile
from catalog.models import Product
from core.images import image_create
from core.models import Regency
from expo.models import (
    AvailabilitySlot,
    Booth,
    BoothScore,
    BoothVisitDay,
    Expo,
    ExpoSession,
    Hall,
    Meeting,
)
from vendors.models import Vendor

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
CURATOR = "kurator@demo.expo-umkm.id"
COORDINATOR = "koordinator.lamongan@demo.expo-umkm.id"

HALLS = [
    # slug, Indonesian, English, kind
    ("kriya-tenun", "Kriya dan Tenun", "Crafts and Weaving", Hall.Kind.THEME),
    ("pangan-olahan", "Pangan Olahan", "Processed Food", Hall.Kind.THEME),
    ("agro-perikanan", "Agro dan Perikanan", "Agriculture and Fisheries", Hall.Kind.THEME),
    ("paviliun-lamongan", "Paviliun Lamongan", "Lamongan Pavilion", Hall.Kind.REGION),
]
# Businesses outside Lamongan go to a themed hall.
THEME_OF = {
    "keripik-tempe-malang": "pangan-olahan",
    "kopi-ijen-banyuwangi": "agro-perikanan",
    "tas-kulit-tanggulangin": "kriya-tenun",
    "tenun-ikat-bandar-kidul": "kriya-tenun",
}
TAGLINES = {
    "rnd-handycraft": (
        "Suvenir khas Lamongan dari Jl. Sunan Kalijaga",
        "Lamongan souvenirs from Jl. Sunan Kalijaga",
    ),
    "tenun-ikat-parengan": (
        "Sarung tenun ikat Parengan, 46 unit penenun",
        "Parengan ikat sarongs from 46 weaving units",
    ),
}
BANNER_COLOURS = ["#8a3b12", "#1f6f5c", "#2b4c7e", "#7a5c12", "#6b2d5c", "#3d6b1f"]
JATIM = "UMKM Virtual Expo Jawa Timur"
# Placeholder links (the demo never contacts these hosts; the pages load nothing before a click).
DEMO_VIDEO = "https://www.youtube.com/watch?v=UMKMexpo001"
DEMO_LIVE_STREAM = "https://www.youtube.com/live/UMKMlive001"
DEMO_ZOOM = "https://us06web.zoom.us/j/81234567890"
DEMO_MEET = "https://meet.google.com/umk-expo-jtm"
DEMO_RECORDING = "https://www.youtube.com/watch?v=UMKMrec0001"
# The first edition was held in March 2021. The second is live whenever the demo is seeded, so
# its name and slug carry the year it is held in; older seeds called it "… 2021 · II".
ARCHIVE_SLUG = "umkm-virtual-expo-jawa-timur-2021-i"
LIVE_SLUG_PATTERN = r"^umkm-virtual-expo-jawa-timur-([0-9]{4}|2021-ii)$"


def live_starts_at(now: dt.datetime) -> dt.datetime:
    """The live edition opened yesterday at 08:00 WIB."""
    today = now.astimezone(WIB).replace(hour=0, minute=0, second=0, microsecond=0)
    return today - dt.timedelta(days=1) + dt.timedelta(hours=8)


def live_slug(now: dt.datetime | None = None) -> str:
    return f"umkm-virtual-expo-jawa-timur-{live_starts_at(now or timezone.now()).year}"


def _edition(slug: str, name: str, **fields) -> Expo:
    expo, _ = Expo.objects.update_or_create(slug=slug, defaults={"name": name, **fields})
    return expo


def _banner(vendor: Vendor, index: int):
    """A wide banner drawn locally (no network)."""
    im = PILImage.new("RGB", (1280, 400), BANNER_COLOURS[index % len(BANNER_COLOURS)])
    draw = ImageDraw.Draw(im)
    for x in range(0, 1280, 80):  # a woven-looking stripe pattern
        draw.rectangle([x, 320, x + 40, 400], fill="#f3e9d2")
    draw.text((48, 150), vendor.name, fill="#ffffff", font_size=64)
    buffer = io.BytesIO()
    im.save(buffer, "PNG")
    upload = SimpleUploadedFile(f"{vendor.slug}.png", buffer.getvalue(), content_type="image/png")
    return image_create(upload=upload, process_now=True)  # no worker needed for the demo


def _sessions(expo: Expo, first_day: dt.datetime) -> None:
    plan = [
        (
            ExpoSession.Kind.OPENING,
            "Pembukaan oleh Gubernur Jawa Timur",
            "Opening by the Governor of East Java",
            "Pemprov Jawa Timur",
            0,
            9,
            60,
        ),
        (
            ExpoSession.Kind.TALK,
            "Izin, sertifikasi dan dokumen ekspor untuk UMKM",
            "Permits, certification and export documents for small businesses",
            "Bank Indonesia Jawa Timur",
            0,
            13,
            90,
        ),
        (
            ExpoSession.Kind.WORKSHOP,
            "Kemasan yang siap ekspor",
            "Export-ready packaging",
            "Universitas Airlangga",
            1,
            10,
            120,
        ),
        (
            ExpoSession.Kind.DEMO,
            "Demo langsung: menenun sarung ikat Parengan",
            "Live demo: weaving a Parengan ikat sarong",
            "Sentra Tenun Ikat Parengan",
            1,
            15,
            60,
        ),
        (
            ExpoSession.Kind.MATCHING,
            "Temu bisnis dengan diaspora Qatar, Mesir dan Afrika Selatan",
            "Business matching with the diaspora in Qatar, Egypt and South Africa",
            "KBRI Doha · KBRI Kairo · KBRI Pretoria",
            2,
            14,
            120,
        ),
    ]
    for kind, title_id, title_en, speaker, day, hour, minutes in plan:
        starts = (first_day + dt.timedelta(days=day)).replace(hour=hour, minute=0)
        ExpoSession.objects.update_or_create(
            expo=expo,
            title_en=title_en,
            defaults={
                "kind": kind,
                "title_id": title_id,
                "speaker": speaker,
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(minutes=minutes),
                "capacity": 300,
            },
        )


def seed() -> None:
    now = timezone.now()
    today = now.astimezone(WIB).replace(hour=0, minute=0, second=0, microsecond=0)
    archive = _edition(
        ARCHIVE_SLUG,
        f"{JATIM} 2021 · I",
        theme_id="Produk unggulan daerah untuk diaspora",
        theme_en="Regional champions for the diaspora",
        description_id="Edisi pertama 2021: UMKM Jawa Timur dikurasi BI untuk pasar ekspor.",
        description_en="First 2021 edition: East Java small businesses curated by BI for export.",
        applications_open_at=dt.datetime(2021, 2, 1, 8, tzinfo=WIB),
        applications_close_at=dt.datetime(2021, 3, 1, 17, tzinfo=WIB),
        starts_at=dt.datetime(2021, 3, 22, 8, tzinfo=WIB),
        ends_at=dt.datetime(2021, 3, 28, 17, tzinfo=WIB),
        status=Expo.Status.CLOSED,
    )
    starts_at = live_starts_at(now)
    slug = live_slug(now)
    earlier = Expo.objects.filter(slug__regex=LIVE_SLUG_PATTERN).exclude(slug=slug).first()
    if earlier and not Expo.objects.filter(slug=slug).exists():  # seeded in an earlier year
        earlier.slug = slug
        earlier.save(update_fields=["slug"])
    live = _edition(
        slug,
        f"{JATIM} {starts_at.year}",
        theme_id="Ayo beli produk Lamongan",
        theme_en="Buy from Lamongan",
        description_id="Edisi kedua: temu bisnis lintas zona waktu dengan pembeli di luar negeri.",
        description_en="Second edition: business matching across time zones with buyers abroad.",
        applications_open_at=today - dt.timedelta(days=60),
        applications_close_at=today - dt.timedelta(days=30),
        starts_at=starts_at,
        ends_at=today + dt.timedelta(days=6, hours=17),
        status=Expo.Status.LIVE,
    )
    lamongan = Regency.objects.filter(code="35.24").first()
    halls = {}
    for expo in (archive, live):
        for position, (slug, name_id, name_en, kind) in enumerate(HALLS):
            halls[expo.pk, slug], _ = Hall.objects.update_or_create(
                expo=expo,
                slug=slug,
                defaults={
                    "name_id": name_id,
                    "name_en": name_en,
                    "kind": kind,
                    "position": position,
                    "regency": lamongan if kind == Hall.Kind.REGION else None,
                },
            )
    _sessions(archive, archive.starts_at.astimezone(WIB))
    # The live edition: the opening runs right now, the rest follows.
    _sessions(live, today - dt.timedelta(days=1))
    ExpoSession.objects.filter(expo=live, kind=ExpoSession.Kind.OPENING).update(
        starts_at=now - dt.timedelta(minutes=30),
        ends_at=now + dt.timedelta(minutes=60),
        stream_url=DEMO_LIVE_STREAM,  # live now on YouTube: Watch, click-to-load
    )
    # Yesterday's talk is over: its recording shows instead of the stream.
    ExpoSession.objects.filter(expo=live, kind=ExpoSession.Kind.TALK).update(
        stream_url=DEMO_VIDEO, recording_url=DEMO_RECORDING
    )
    # Parengan's weaving demo is hosted by the business (its booth lists it), on Zoom: Join.
    ExpoSession.objects.filter(expo=live, kind=ExpoSession.Kind.DEMO).update(
        stream_url=DEMO_ZOOM,
        vendor=Vendor.objects.filter(slug="tenun-ikat-parengan").first(),
    )
    ExpoSession.objects.filter(expo=live, kind=ExpoSession.Kind.MATCHING).update(
        stream_url=DEMO_MEET
    )
    ExpoSession.objects.filter(expo=archive, kind=ExpoSession.Kind.OPENING).update(
        recording_url=DEMO_RECORDING
    )

    curator = User.objects.filter(email=CURATOR).first()
    coordinator = User.objects.filter(email=COORDINATOR).first()
    vendors = list(Vendor.objects.filter(status=Vendor.Status.VERIFIED, slug__in=_demo_slugs()))
    for index, vendor in enumerate(vendors):
        hall_slug = THEME_OF.get(vendor.slug, "paviliun-lamongan")
        tagline = TAGLINES.get(
            vendor.slug, (vendor.description_id[:150], vendor.description_en[:150])
        )
        for expo in (archive, live):
            booth = Booth.objects.filter(expo=expo, vendor=vendor).first()
            if booth is None:
                hall = halls[expo.pk, hall_slug]
                booth = Booth.objects.create(
                    expo=expo,
                    vendor=vendor,
                    preferred_hall=hall,
                    hall=hall,
                    number=Booth.objects.filter(hall=hall).count() + 1,
                    tagline_id=tagline[0],
                    tagline_en=tagline[1],
                    video_url=DEMO_VIDEO if index < 2 else "",
                    status=Booth.Status.APPROVED,
                    nominated_by=coordinator
                    if vendor.regency_id == getattr(lamongan, "pk", None)
                    else None,
                    nominated_at=expo.applications_close_at if coordinator else None,
                    decided_by=curator,
                    decided_at=expo.applications_close_at,
                    decision_note="Selamat bergabung di Expo UMKM.",
                )
            if booth.banner_id is None:
                # Each booth its own: replacing one booth's banner deletes the old image.
                booth.banner = _banner(vendor, index)
                booth.save(update_fields=["banner"])
            booth.featured_products.set(Product.objects.public().filter(vendor=vendor)[:12])
            if curator is not None:
                BoothScore.objects.get_or_create(
                    booth=booth,
                    curator=curator,
                    defaults={
                        "originality": 3 + index % 3,
                        "quality_capacity": 4,
                        "packaging": 3 + (index + 1) % 3,
                        "legality": 4 + index % 2,
                        "comment": "Produk orisinal; lengkapi label bahasa Inggris.",
                    },
                )
        if index < 4:  # archive statistics of the first edition
            archive_booth = Booth.objects.get(expo=archive, vendor=vendor)
            for day in range(7):
                BoothVisitDay.objects.update_or_create(
                    booth=archive_booth,
                    day=(archive.starts_at + dt.timedelta(days=day)).date(),
                    defaults={"visits": 40 + 9 * day + 5 * index, "unique_visitors": 25 + 6 * day},
                )

    _matching(archive, live, vendors, now)
    _live_visits(live, vendors, today.date())
    _open_call(vendors, today)


OPEN_CALL_SLUG = "demo-open-call"


def _live_visits(live: Expo, vendors: list[Vendor], today: dt.date) -> None:
    """Visits of the live edition's booths on the days before today (today's come from real
    visits, recounted every minute under `make run`)."""
    booths = Booth.objects.filter(expo=live, vendor__in=vendors).order_by("pk")
    for index, booth in enumerate(booths):
        for days_ago in range(1, 6):
            BoothVisitDay.objects.update_or_create(
                booth=booth,
                day=today - dt.timedelta(days=days_ago),
                defaults={
                    "visits": 30 + (index * 11 + days_ago * 7) % 50,
                    "unique_visitors": 18 + (index * 5 + days_ago * 3) % 30,
                },
            )


def _open_call(vendors: list[Vendor], today: dt.datetime) -> None:
    """The next edition takes booth applications for three more weeks: two businesses applied
    (the curators score them on their desk); the demo owner's business has not yet (its
    dashboard home shows the deadline)."""
    expo = _edition(
        OPEN_CALL_SLUG,
        f"{JATIM} {(today + dt.timedelta(days=70)).year} · Ekspor",
        theme_id="Siap ekspor ke Timur Tengah",
        theme_en="Ready to export to the Middle East",
        description_id="Edisi berikutnya: pendaftaran booth dibuka.",
        description_en="The next edition: booth applications are open.",
        applications_open_at=today - dt.timedelta(days=5),
        applications_close_at=today + dt.timedelta(days=21, hours=17),
        starts_at=today + dt.timedelta(days=70, hours=8),
        ends_at=today + dt.timedelta(days=76, hours=17),
        status=Expo.Status.APPLICATIONS_OPEN,
    )
    for vendor in [v for v in vendors if v.slug != "rnd-handycraft"][:2]:
        booth, created = Booth.objects.get_or_create(
            expo=expo,
            vendor=vendor,
            defaults={
                "tagline_id": vendor.description_id[:150],
                "tagline_en": vendor.description_en[:150],
                "status": Booth.Status.APPLIED,
            },
        )
        if created:
            Booth.objects.filter(pk=booth.pk).update(created_at=today - dt.timedelta(days=3))


def _demo_slugs() -> list[str]:
    from vendors.demo import DEMO_VENDORS

    return [v.slug for v in DEMO_VENDORS]


def _slots(expo: Expo, vendor: Vendor, days: list[dt.datetime], hours=(9, 10, 14, 15)):
    member = vendor.members.order_by("role").first()
    slots = [
        AvailabilitySlot(
            expo=expo,
            vendor=vendor,
            member=member,
            starts_at=day.replace(hour=hour, minute=minute),
            ends_at=day.replace(hour=hour, minute=minute) + dt.timedelta(minutes=30),
        )
        for day in days
        for hour in hours
        for minute in (0, 30)
    ]
    AvailabilitySlot.objects.bulk_create(slots, ignore_conflicts=True)
    return list(AvailabilitySlot.objects.filter(expo=expo, vendor=vendor).order_by("starts_at"))


def _meeting(slot, buyer, status, agenda, url="", notes=""):
    meeting = Meeting.objects.filter(slot=slot, buyer=buyer).first()
    if meeting is None and not slot.meetings.filter(status__in=Meeting.ACTIVE).exists():
        meeting = Meeting.objects.create(
            slot=slot,
            buyer=buyer,
            vendor=slot.vendor,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            status=status,
            agenda=agenda,
            meeting_url=url,
            outcome_notes=notes,
        )
    return meeting


def _matching(archive: Expo, live: Expo, vendors: list[Vendor], now: dt.datetime) -> None:
    by_slug = {v.slug: v for v in vendors}
    buyers = {
        b.user.email: b
        for b in BuyerProfile.objects.select_related("user").filter(
            user__email__in=[d.email for d in DEMO_BUYERS]
        )
    }
    rnd, parengan = by_slug.get("rnd-handycraft"), by_slug.get("tenun-ikat-parengan")
    if not (rnd and parengan and len(buyers) >= 3):
        return
    tomorrow = (now.astimezone(WIB) + dt.timedelta(days=1)).replace(second=0, microsecond=0)
    live_days = [tomorrow + dt.timedelta(days=n) for n in range(3)]
    for vendor in vendors[:6]:
        _slots(live, vendor, live_days)
    past_day = archive.starts_at.astimezone(WIB) + dt.timedelta(days=2)
    archive_slots = _slots(archive, rnd, [past_day], hours=(10,))
    doha = buyers.get("buyer.doha@demo.expo-umkm.id")
    cairo = buyers.get("cairo@demo.expo-umkm.id")
    capetown = buyers.get("capetown@demo.expo-umkm.id")
    kl = buyers.get("kualalumpur@demo.expo-umkm.id")
    _meeting(
        archive_slots[0], kl, Meeting.Status.HELD,
        "Souvenir pernikahan untuk 2.000 tamu di Kuala Lumpur.",
        "https://meet.google.com/demo-held", "Setuju contoh 50 pcs; lanjut pesanan.",
    )  # fmt: skip
    rnd_slots = AvailabilitySlot.objects.filter(expo=live, vendor=rnd).order_by("starts_at")
    parengan_slots = AvailabilitySlot.objects.filter(expo=live, vendor=parengan).order_by(
        "starts_at"
    )
    _meeting(
        rnd_slots[0], doha, Meeting.Status.CONFIRMED,
        "Gantungan kunci untuk Warung Nusantara Doha, 500 pcs.", "https://meet.google.com/demo-doha",
    )  # fmt: skip
    _meeting(parengan_slots[1], cairo, Meeting.Status.REQUESTED, "Sarung ikat untuk PPI Mesir.")
    _meeting(parengan_slots[4], capetown, Meeting.Status.REQUESTED, "Sarongs for Cape Town shops.")
