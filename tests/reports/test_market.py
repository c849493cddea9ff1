"""Item 5: demand by country × category, and the businesses that make it."""

from django.utils import translation

from catalog.models import Product
from reports.selectors import market_demand, market_vendors
from tests.factories import (
    BuyerProfileFactory,
    CategoryFactory,
    FavouriteFactory,
    InquiryFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
)
from vendors.models import Vendor


def _market(db):
    crafts = CategoryFactory(name_id="Kerajinan", name_en="Handicrafts", slug="kerajinan")
    bamboo = CategoryFactory(
        parent=crafts, name_id="Anyaman bambu", name_en="Bamboo weaving", slug="anyaman-bambu"
    )
    food = CategoryFactory(name_id="Makanan", name_en="Food", slug="makanan")
    weaver = VendorFactory(name="UD Anyaman Bambu Sumberaji", export_countries=["NL"])
    other_weaver = VendorFactory(name="Anyaman Tuban")
    draft_only = VendorFactory(name="Belum Terbit")
    unverified = VendorFactory(name="Belum Diverifikasi", status=Vendor.Status.SUBMITTED)
    basket = ProductFactory(vendor=weaver, category=bamboo)
    ProductFactory(vendor=weaver, category=bamboo)
    ProductFactory(vendor=other_weaver, category=crafts)
    ProductFactory(vendor=draft_only, category=bamboo, status=Product.Status.DRAFT)
    ProductFactory(vendor=unverified, category=bamboo)
    chips = ProductFactory(category=food)

    # Interests: two Dutch buyers and a Qatari one want handicrafts (one via its child).
    for country, category in (("NL", crafts), ("NL", bamboo), ("QA", crafts)):
        BuyerProfileFactory(country=country).interests.add(category)
    # Favourites: a Dutch buyer favours the basket; a user without a buyer profile does not count.
    FavouriteFactory(user=BuyerProfileFactory(country="NL").user, product=basket)
    FavouriteFactory(user=VerifiedUserFactory(), product=basket)
    # Inquiries count by destination country.
    InquiryFactory(product=basket, destination_country="NL")
    InquiryFactory(product=chips, destination_country="QA")
    InquiryFactory(product=chips, destination_country="QA")
    return crafts, food, weaver, other_weaver


def test_demand_matrix_counts_interests_favourites_and_inquiries(db):
    crafts, food, *_ = _market(db)
    with translation.override("en"):
        matrix = market_demand()
    assert matrix.countries == [("NL", "Netherlands"), ("QA", "Qatar")]
    assert [c.name_en for c in matrix.categories] == ["Handicrafts", "Food"]
    nl = matrix.cells[(crafts.pk, "NL")]
    assert (nl.interests, nl.favourites, nl.inquiries, nl.total) == (2, 1, 1, 4)
    qa = matrix.cells[(crafts.pk, "QA")]
    assert (qa.interests, qa.favourites, qa.inquiries) == (1, 0, 0)
    assert matrix.cells[(food.pk, "QA")].inquiries == 2
    assert (food.pk, "NL") not in matrix.cells

    only_qa = market_demand(country="QA")
    assert [code for code, _ in only_qa.countries] == ["QA"]


def test_drill_down_lists_verified_makers_those_exporting_there_first(db):
    crafts, *_ = _market(db)
    vendors = list(market_vendors(category=crafts, country="NL"))
    assert [(v.name, v.product_count, v.exports_there) for v in vendors] == [
        ("UD Anyaman Bambu Sumberaji", 2, 1),
        ("Anyaman Tuban", 1, 0),
    ]


def test_market_page_shows_matrix_and_drill_down(staff_client, db):
    crafts, *_ = _market(db)
    response = staff_client.get(
        f"/admin/reports/market/?country=NL&category={crafts.pk}", HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f'<a href="?country=NL&amp;category={crafts.pk}" '
        'title="2 interested, 1 favourites, 1 inquiries">4</a>'
    ) in html
    assert "Businesses making Handicrafts for Netherlands" in html
    assert '<title id="market-chart-title">Demand by country</title>' in html
    assert (
        '<text x="164" y="23" text-anchor="end" font-size="12" fill="#1f2328">Netherlands' in html
    )
    assert html.index("UD Anyaman Bambu Sumberaji") < html.index("Anyaman Tuban")
    assert "Belum Terbit" not in html
    assert "Belum Diverifikasi" not in html


def test_market_page_rejects_unknown_country_and_category(staff_client, db):
    _market(db)
    response = staff_client.get(
        "/admin/reports/market/?country=XX&category=999999", HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice." in html
    assert "Businesses making" not in html
