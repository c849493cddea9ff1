import pytest

from tests.factories import VendorFactory, VerifiedUserFactory


@pytest.fixture
def owner(db, regions):
    return VerifiedUserFactory(email="pemilik@example.com", language="id")


@pytest.fixture
def vendor(owner):
    return VendorFactory(name="Sentra Tenun Ikat Parengan", slug="parengan", owner=owner)
