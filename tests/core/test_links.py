import pytest
from django.conf import settings

from core.links import absolute_url
from tests.factories import VendorFactory


def test_a_url_name_is_made_absolute_in_the_language_asked_for():
    assert absolute_url("dashboard:home", language="en") == f"{settings.SITE_URL}/en/dashboard/"
    assert absolute_url("dashboard:home", language="id") == f"{settings.SITE_URL}/id/dashboard/"


def test_an_unknown_language_falls_back_to_indonesian():
    assert absolute_url("dashboard:home", language="") == f"{settings.SITE_URL}/id/dashboard/"
    assert absolute_url("dashboard:home", language="fr") == f"{settings.SITE_URL}/id/dashboard/"


@pytest.mark.django_db
def test_a_model_links_to_its_own_page_and_args_are_passed():
    vendor = VendorFactory(slug="ud-tenun")
    assert absolute_url(vendor, language="en") == f"{settings.SITE_URL}/en/vendors/ud-tenun/"
    assert (
        absolute_url("dashboard_inquiries:detail", language="en", args=[7])
        == f"{settings.SITE_URL}/en/dashboard/inquiries/7/"
    )


def test_pages_outside_the_language_prefix_keep_their_address():
    assert absolute_url("health", language="en") == f"{settings.SITE_URL}/health/"
