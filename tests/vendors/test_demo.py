from core.models import Image
from demo.demo import seed_demo
from trade.models import Deal
from vendors.models import Certification, Vendor, VendorMember


def test_the_vendor_demo_is_idempotent_and_complete(regions):
    seed_demo()
    counts = (
        Vendor.objects.count(),
        Certification.objects.count(),
        Deal.objects.count(),
        VendorMember.objects.count(),
        Image.objects.count(),
    )
    seed_demo()
    assert counts == (
        Vendor.objects.count(),
        Certification.objects.count(),
        Deal.objects.count(),
        VendorMember.objects.count(),
        Image.objects.count(),
    )
    assert {vendor.logo.status for vendor in Vendor.objects.select_related("logo")} == {"ready"}
    rnd = Vendor.objects.get(slug="rnd-handycraft")
    assert sorted(rnd.members.values_list("role", flat=True)) == ["owner", "staff"]
    assert rnd.deals.filter(expo=None).count() == 3  # the expo demo adds deals made at expos
    assert all(c.document for c in Certification.objects.all())
    coordinator = rnd.regency.coordinators.get().user
    assert coordinator.groups.filter(name="Regional coordinator").exists()
