"""Demo-like data with every optional part filled in, for tests/test_pages_render.py.

`world_full()` makes a vendor with a logo, a certificate, products with photos, a live expo with
halls, a booth with a banner and a video link, sessions (live, upcoming, past), meetings,
inquiries with threads and a quote, deals, favourites, a finished export, and one row of every
model the admin lists. `world_empty()` makes only the people, so every list page renders empty.

Both return a `RenderWorld`: the users of each role and the objects a URL table needs.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User

ROLES = (
    "anonymous",
    "buyer",
    "owner",
    "member",
    "curator",
    "coordinator",
    "superuser",
)
LAMONGAN = "35.24"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@dataclass
class RenderWorld:
    users: dict[str, User | None]
    vendor: object
    objects: dict[str, object] = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _people() -> dict[str, User | None]:
    from tests.factories import BuyerProfileFactory, VerifiedUserFactory, regency
    from vendors.models import RegionalCoordinator

    buyer = BuyerProfileFactory(
        user__email="buyer@example.com", user__name="Aisyah Rahman", user__language="en"
    ).user
    owner = VerifiedUserFactory(email="owner@example.com", name="Pak Rudi", language="id")
    member = VerifiedUserFactory(email="member@example.com", name="Bu Sari", language="id")
    curator = VerifiedUserFactory(email="curator@example.com", name="Kurator", is_staff=True)
    curator.groups.add(Group.objects.get(name="Curator"))
    coordinator = VerifiedUserFactory(
        email="coordinator@example.com", name="Koordinator", is_staff=True
    )
    coordinator.groups.add(Group.objects.get(name="Regional coordinator"))
    RegionalCoordinator.objects.create(user=coordinator).regencies.set([regency(LAMONGAN)])
    superuser = VerifiedUserFactory(
        email="admin@example.com", name="Admin", is_staff=True, is_superuser=True
    )
    return {
        "anonymous": None,
        "buyer": buyer,
        "owner": owner,
        "member": member,
        "curator": curator,
        "coordinator": coordinator,
        "superuser": superuser,
    }


def _vendor(users, **kwargs):
    from tests.factories import VendorFactory, VendorMemberFactory

    vendor = VendorFactory(
        name="Sentra Tenun Ikat Parengan", slug="parengan", owner=users["owner"], **kwargs
    )
    VendorMemberFactory(vendor=vendor, user=users["member"])
    return vendor


def world_empty() -> RenderWorld:
    """People only: a vendor with no logo, products, booths, deals or inquiries; no expos."""
    users = _people()
    return RenderWorld(users=users, vendor=_vendor(users))


def world_full() -> RenderWorld:
    from buyers.services import unsubscribe_token
    from tests.buyers.factories import quote_message
    from tests.catalog.factories import ProductImageFactory, ready_image
    from tests.expo.factories import ExpoSessionFactory, OpenExpoFactory
    from tests.factories import (
        AvailabilitySlotFactory,
        BoothFactory,
        CertificationFactory,
        DealFactory,
        ExchangeRateFactory,
        ExpoFactory,
        FavouriteFactory,
        HallFactory,
        InquiryFactory,
        InquiryMessageFactory,
        MeetingFactory,
        ProductFactory,
        VendorFactory,
    )
    from vendors.services import invitation_token

    users = _people()
    now = timezone.now()
    vendor = _vendor(
        users,
        logo=ready_image(size=(400, 400)),
        address="Jl. Raya Parengan 12, Maduran",
        year_founded=1998,
        employees=12,
        monthly_capacity="400 sarung",
        export_countries=["QA", "SA"],
    )
    buyer_profile = users["buyer"].buyer_profile
    certification = CertificationFactory(vendor=vendor, number="ID3524000001")
    certification.document.save("certificate.pdf", ContentFile(PDF))
    products = [
        ProductFactory(vendor=vendor, name_id="Sarung tenun ikat", name_en="Ikat sarong"),
        ProductFactory(vendor=vendor, name_id="Selendang ikat", name_en="Ikat shawl"),
    ]
    for product in products:
        ProductImageFactory(product=product, alt_id="Sarung", alt_en="Sarong")
        ProductImageFactory(product=product)
    products[0].certifications.set([certification])
    draft = ProductFactory(vendor=vendor, status="draft", published_at=None)
    other_vendor = VendorFactory(name="Keripik Tempe Sanan", slug="sanan")
    other_product = ProductFactory(vendor=other_vendor)
    ProductImageFactory(product=other_product)

    expo = ExpoFactory(name="UMKM Virtual Expo Jawa Timur 2025", slug="jatim-2025")
    halls = [
        HallFactory(expo=expo, name_id="Paviliun Lamongan", name_en="Lamongan Pavilion"),
        HallFactory(expo=expo, name_id="Paviliun Kriya", name_en="Crafts Pavilion"),
    ]
    booth = BoothFactory(
        expo=expo,
        vendor=vendor,
        hall=halls[0],
        banner=ready_image(size=(1600, 500)),
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    booth.featured_products.set(products)
    BoothFactory(expo=expo, vendor=other_vendor, hall=halls[1])
    open_expo = OpenExpoFactory(name="UMKM Virtual Expo Jawa Timur 2026", slug="jatim-2026")
    past_expo = ExpoFactory(
        name="UMKM Virtual Expo Jawa Timur 2021",
        slug="jatim-2021",
        starts_at=now - dt.timedelta(days=400),
        ends_at=now - dt.timedelta(days=393),
        status="closed",
    )
    BoothFactory(expo=past_expo, vendor=vendor)
    live_session = ExpoSessionFactory(
        expo=expo,
        starts_at=now - dt.timedelta(minutes=20),
        speaker="Dinas Koperasi",
        stream_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    upcoming_session = ExpoSessionFactory(
        expo=expo, capacity=50, vendor=vendor, stream_url="https://us02web.zoom.us/j/123456789"
    )
    past_session = ExpoSessionFactory(
        expo=expo,
        starts_at=now - dt.timedelta(hours=5),
        recording_url="https://www.youtube.com/watch?v=abcdefghijk",
    )
    for session in (live_session, upcoming_session, past_session):
        session.registrations.add(users["buyer"])

    requested = MeetingFactory(
        slot=AvailabilitySlotFactory(expo=expo, vendor=vendor), buyer=buyer_profile
    )
    confirmed = MeetingFactory(
        slot=AvailabilitySlotFactory(expo=expo, vendor=vendor),
        buyer=buyer_profile,
        status="confirmed",
        meeting_url="https://meet.example.com/abc",
    )
    past_start = now - dt.timedelta(hours=3)
    held = MeetingFactory(
        slot=AvailabilitySlotFactory(
            expo=expo,
            vendor=vendor,
            starts_at=past_start,
            ends_at=past_start + dt.timedelta(minutes=30),
        ),
        buyer=buyer_profile,
        status="held",
        agenda="Prices for 500 pieces.",
        outcome_notes="Interested in 500 pieces.",
    )
    free_slot = AvailabilitySlotFactory(expo=expo, vendor=vendor)

    inquiry = InquiryFactory(buyer=buyer_profile, product=products[0], expo=expo)
    InquiryMessageFactory(inquiry=inquiry)
    quote_message(inquiry)
    InquiryMessageFactory(inquiry=inquiry, body="Thank you, we consider it.")
    closed_inquiry = InquiryFactory(buyer=buyer_profile, product=products[1], status="closed")
    InquiryMessageFactory(inquiry=closed_inquiry)
    foreign_inquiry = InquiryFactory(product=other_product)  # another buyer, another vendor
    InquiryMessageFactory(inquiry=foreign_inquiry)

    FavouriteFactory(user=users["buyer"], product=products[0])
    FavouriteFactory(user=users["buyer"], product=None, vendor=vendor)
    ExchangeRateFactory(currency="QAR", rate_idr=4100)
    ExchangeRateFactory(currency="USD", rate_idr=15000)
    deal = DealFactory(vendor=vendor, expo=expo, inquiry=inquiry, created_by=users["owner"])
    DealFactory(vendor=vendor, stage="loi", currency="IDR", amount=5_000_000, exchange_rate=1)
    from trade.models import RegencyExportStat

    RegencyExportStat.objects.create(
        regency=vendor.regency, year=2020, value_idr=43_742_000_000, units=9, source="Dinas"
    )
    invitation = vendor.invitations.create(email="new.staff@example.com", invited_by=users["owner"])
    member = vendor.members.get(user=users["member"])
    export = _ready_export(users["superuser"])
    return RenderWorld(
        users=users,
        vendor=vendor,
        objects={
            "other_vendor": other_vendor,
            "certification": certification,
            "products": products,
            "product": products[0],
            "photo": products[0].images.order_by("position").first(),
            "draft": draft,
            "other_product": other_product,
            "expo": expo,
            "hall": halls[0],
            "booth": booth,
            "open_expo": open_expo,
            "past_expo": past_expo,
            "session": upcoming_session,
            "requested_meeting": requested,
            "confirmed_meeting": confirmed,
            "held_meeting": held,
            "free_slot": free_slot,
            "inquiry": inquiry,
            "foreign_inquiry": foreign_inquiry,
            "deal": deal,
            "invitation": invitation,
            "invitation_token": invitation_token(invitation),
            "member": member,
            "export": export,
            "unsubscribe_token": unsubscribe_token(user=users["buyer"]),
        },
    )


def _ready_export(user):
    from core.exports import export_link
    from core.models import ReportExport

    export = ReportExport.objects.create(
        requested_by=user,
        model="vendors.Vendor",
        format="csv",
        status=ReportExport.Status.READY,
        row_count=1,
        finished_at=timezone.now(),
    )
    export.file.save("vendor.csv", ContentFile(b"name\nSentra Tenun Ikat Parengan\n"))
    export.token = export_link(export).rstrip("/").rsplit("/", 1)[-1]
    return export
