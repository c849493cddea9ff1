"""A small, fixed edition whose every report figure is known (see the numbers in each test)."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from buyers.models import Inquiry
from expo.models import Booth, Meeting
from tests.factories import (
    AvailabilitySlotFactory,
    BoothFactory,
    CategoryFactory,
    DealFactory,
    ExpoFactory,
    HallFactory,
    InquiryFactory,
    MeetingFactory,
    ProductFactory,
    VendorFactory,
    regency,
)
from tests.reports.factories import staff_user
from trade.models import Deal


@dataclass
class Edition:
    expo: object
    vendors: dict
    products: dict
    halls: dict


@pytest.fixture
def staff(db):
    return staff_user(name="Sari Kurator", language="en")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def edition(db) -> Edition:
    expo = ExpoFactory(name="UMKM Virtual Expo Jawa Timur 2021 · I", slug="jatim-2021-i")
    lamongan_hall = HallFactory(
        expo=expo, name_id="Paviliun Lamongan", name_en="Lamongan Pavilion", position=0
    )
    craft_hall = HallFactory(
        expo=expo, name_id="Paviliun Kriya", name_en="Crafts Pavilion", position=1
    )
    weaving = CategoryFactory(name_id="Tenun", name_en="Weaving", slug="report-weaving")
    snacks = CategoryFactory(name_id="Camilan", name_en="Snacks", slug="report-snacks")
    ikat = VendorFactory(name="Sentra Tenun Ikat Parengan", slug="parengan")
    bamboo = VendorFactory(name="UD Anyaman Bambu Sumberaji", slug="sumberaji")
    tempeh = VendorFactory(name="Keripik Tempe Sanan", slug="sanan", regency=regency("35.73"))
    late = VendorFactory(name="UD Terlambat", slug="terlambat")
    sarong = ProductFactory(
        vendor=ikat,
        category=weaving,
        name_id="Sarung tenun ikat",
        name_en="Ikat sarong",
        slug="sarung",
    )
    basket = ProductFactory(
        vendor=bamboo,
        category=weaving,
        name_id="Keranjang bambu",
        name_en="Bamboo basket",
        slug="keranjang",
    )
    chips = ProductFactory(
        vendor=tempeh,
        category=snacks,
        name_id="Keripik tempe",
        name_en="Tempeh chips",
        slug="keripik",
        price_min_idr=Decimal(15000),
    )
    ikat_booth = BoothFactory(
        expo=expo,
        vendor=ikat,
        hall=lamongan_hall,
        number=1,
        tagline_id="Tenun ikat warisan Parengan",
        tagline_en="Ikat weaving from Parengan",
    )
    ikat_booth.featured_products.set([sarong])
    BoothFactory(expo=expo, vendor=bamboo, hall=lamongan_hall, number=2)
    tempeh_booth = BoothFactory(
        expo=expo,
        vendor=tempeh,
        hall=craft_hall,
        number=1,
        tagline_id="Renyah dari Sanan",
        tagline_en="Crispy from Sanan",
    )
    tempeh_booth.featured_products.set([chips])
    BoothFactory(expo=expo, vendor=late, hall=craft_hall, number=2, status=Booth.Status.APPLIED)

    for _ in range(3):
        InquiryFactory(product=sarong, expo=expo, destination_country="QA")
    InquiryFactory(product=chips, expo=expo, destination_country="NL")
    InquiryFactory(product=sarong, expo=None)  # outside the expo: not counted there

    statuses = [
        (ikat, Meeting.Status.REQUESTED), (ikat, Meeting.Status.REQUESTED),
        (ikat, Meeting.Status.CONFIRMED), (ikat, Meeting.Status.HELD),
        (tempeh, Meeting.Status.HELD), (tempeh, Meeting.Status.HELD),
        (bamboo, Meeting.Status.NO_SHOW), (bamboo, Meeting.Status.DECLINED),
    ]  # fmt: skip
    for vendor, status in statuses:
        MeetingFactory(slot=AvailabilitySlotFactory(expo=expo, vendor=vendor), status=status)

    DealFactory(
        vendor=ikat,
        expo=expo,
        stage=Deal.Stage.SHIPPED,
        amount=Decimal(1000),
        destination_country="QA",
    )
    DealFactory(
        vendor=ikat,
        expo=expo,
        stage=Deal.Stage.ORDER,
        amount=Decimal(500),
        destination_country="SA",
    )
    DealFactory(
        vendor=tempeh,
        expo=expo,
        stage=Deal.Stage.LOI,
        amount=Decimal(2000000),
        currency="IDR",
        exchange_rate=Decimal(1),
        destination_country="NL",
    )
    DealFactory(
        vendor=tempeh,
        expo=expo,
        stage=Deal.Stage.SHIPPED,
        amount=Decimal(10000000),
        currency="IDR",
        exchange_rate=Decimal(1),
        destination_country="QA",
    )
    DealFactory(vendor=bamboo, expo=None, stage=Deal.Stage.SHIPPED)  # not from the expo
    assert Inquiry.objects.count() == 5
    return Edition(
        expo=expo,
        vendors={"ikat": ikat, "bamboo": bamboo, "tempeh": tempeh, "late": late},
        products={"sarong": sarong, "basket": basket, "chips": chips},
        halls={"lamongan": lamongan_hall, "craft": craft_hall},
    )
