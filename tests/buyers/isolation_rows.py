"""Vendor-area URLs of the buyers app for the vendor isolation table (see tests/isolation.py)."""

from tests.isolation import Row, expect


def _inquiry(world) -> dict:
    from tests.factories import InquiryFactory, ProductFactory

    return {"pk": InquiryFactory(product=ProductFactory(vendor=world.vendor)).pk}


ROWS = [
    # Each vendor sees its own list; vendor B's list simply does not contain A's threads.
    Row("dashboard_inquiries:list", expect(other_vendor=200)),
    Row("dashboard_inquiries:detail", expect(), kwargs=_inquiry),
    Row(
        "dashboard_inquiries:reply",
        expect(302),
        kwargs=_inquiry,
        method="post",
        data=lambda world: {"body": "Bisa, harga menyusul."},
    ),
    Row(
        "dashboard_inquiries:status",
        expect(302),
        kwargs=_inquiry,
        method="post",
        data=lambda world: {"status": "closed"},
    ),
]
