import pytest
from django.test import Client

from tests.factories import BuyerProfileFactory, ProductFactory, VendorMemberFactory


@pytest.fixture
def product(db):
    return ProductFactory(name_en="Woven ikat sarong", vendor__name="Tenun Parengan")


@pytest.fixture
def buyer(db):
    return BuyerProfileFactory(user__email="aisyah@example.com", user__name="Aisyah Rahman")


@pytest.fixture
def buyer_client(buyer) -> Client:
    client = Client()
    client.force_login(buyer.user)
    return client


@pytest.fixture
def vendor_member(product):
    """A staff member of the product's vendor who reads Indonesian."""
    return VendorMemberFactory(
        vendor=product.vendor, user__email="staf@example.com", user__language="id"
    ).user


@pytest.fixture
def vendor_client(vendor_member) -> Client:
    client = Client()
    client.force_login(vendor_member)
    return client
