import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import VendorFactory, VerifiedUserFactory, regency
from vendors.models import RegionalCoordinator, Vendor


@pytest.fixture
def lamongan_coordinator(client, regions):
    user = VerifiedUserFactory(email="koordinator.lamongan@bi.go.id", is_staff=True)
    user.groups.add(Group.objects.get(name="Regional coordinator"))
    RegionalCoordinator.objects.create(user=user).regencies.set([regency("35.24")])
    client.force_login(user)
    return user


def test_a_lamongan_coordinator_cannot_list_open_or_change_a_malang_vendor(
    client, lamongan_coordinator
):
    lamongan = VendorFactory(name="UD Lamongan Jaya", status=Vendor.Status.SUBMITTED)
    malang = VendorFactory(
        name="Keripik Malang", regency=regency("35.73"), status=Vendor.Status.SUBMITTED
    )
    changelist = client.get(reverse("admin:vendors_vendor_changelist")).content.decode()
    assert "UD Lamongan Jaya" in changelist
    assert "Keripik Malang" not in changelist

    opened = client.get(reverse("admin:vendors_vendor_change", args=[malang.pk]), follow=True)
    assert "Keripik Malang" not in opened.content.decode()
    assert opened.redirect_chain[-1][0] == reverse("admin:index")

    client.post(
        reverse("admin:vendors_vendor_changelist"),
        {"action": "verify", "_selected_action": [malang.pk, lamongan.pk]},
    )
    malang.refresh_from_db()
    lamongan.refresh_from_db()
    assert malang.status == Vendor.Status.SUBMITTED  # outside the coordinator's regencies
    assert lamongan.status == Vendor.Status.VERIFIED
    assert lamongan.reviewed_by == lamongan_coordinator


def test_a_coordinator_enters_export_figures_for_their_own_regencies_only(
    client, lamongan_coordinator
):
    from trade.models import RegencyExportStat

    add = reverse("admin:trade_regencyexportstat_add")
    malang = client.post(
        add, {"regency": regency("35.73").pk, "year": 2024, "value_idr": "1000000000"}
    )
    assert malang.status_code == 200  # not a valid choice for this coordinator
    assert not RegencyExportStat.objects.exists()
    client.post(
        add,
        {"regency": regency("35.24").pk, "year": 2024, "value_idr": "61000000000", "units": 11},
    )
    stat = RegencyExportStat.objects.get()
    assert (stat.regency.code, stat.value_idr, stat.entered_by) == (
        "35.24",
        61_000_000_000,
        lamongan_coordinator,
    )
