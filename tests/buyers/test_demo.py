from buyers import demo
from buyers.models import Favourite, Inquiry, InquiryMessage
from catalog.models import Product
from demo.demo import seed_demo
from tests.factories import ProductFactory
from vendors.models import Vendor


def test_demo_threads_between_demo_buyers_and_vendors_are_idempotent(db):
    seed_demo()  # vendors and buyers; the catalogue's demo may not have run
    for vendor in Vendor.objects.public().order_by("pk")[:3]:
        if not vendor.products.exists():
            ProductFactory(vendor=vendor)
    demo.seed()
    counts = (Favourite.objects.count(), Inquiry.objects.count(), InquiryMessage.objects.count())
    demo.seed()
    assert (
        Favourite.objects.count(),
        Inquiry.objects.count(),
        InquiryMessage.objects.count(),
    ) == counts
    assert Inquiry.objects.count() == 8
    doha = Inquiry.objects.get(buyer__user__email="buyer.doha@demo.expo-umkm.id")
    assert doha.status == "quoted"
    assert doha.messages.filter(quote_status="pending", quote_currency="QAR").count() == 1
    assert Inquiry.objects.filter(status="won").count() == 1


def test_demo_skips_vendors_without_products(db):
    seed_demo()
    Inquiry.objects.all().delete()
    Product.objects.all().delete()
    demo.seed()
    assert Inquiry.objects.count() == 0
    assert Favourite.objects.filter(vendor__isnull=False).exists()
