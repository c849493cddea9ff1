"""Item 8: the printable catalogue of an edition, built by a task, cached, rebuilt on change."""

import io
import json

import pytest
import redis
from django.core.cache import cache
from pypdf import PdfReader

from core.files import private_storage
from expo.models import Booth, Expo
from reports.catalogue import built_key, catalogue_version
from tests.factories import BoothFactory, ExpoFactory, ProductFactory
from tests.workers import TEST_BROKER_DB, redis_base_url, use_broker


def pdf_text(response) -> str:
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def stored_catalogues(expo, language="en") -> list[str]:
    try:
        return private_storage().listdir(f"catalogues/{expo.pk}/{language}")[1]
    except FileNotFoundError:
        return []


def test_catalogue_lists_approved_booths_and_their_featured_products(client, edition):
    response = client.get(f"/en/expos/{edition.expo.slug}/catalogue.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "UMKM Virtual Expo Jawa Timur 2021 · I" in text
    assert "Lamongan Pavilion" in text
    assert "Sentra Tenun Ikat Parengan · Booth 1" in text
    assert "Ikat weaving from Parengan · Kabupaten Lamongan, Jawa Timur" in text
    assert "Ikat sarong" in text
    assert "Rp 250,000 / piece" in text
    assert "Tempeh chips" in text
    assert "Rp 15,000 / piece" in text
    assert "UD Anyaman Bambu Sumberaji · Booth 2" in text
    assert "UD Terlambat" not in text  # applied, not approved
    assert "Bamboo basket" not in text  # not featured


def test_catalogue_in_indonesian(client, edition):
    text = pdf_text(client.get(f"/id/expos/{edition.expo.slug}/catalogue.pdf"))
    assert "Paviliun Lamongan" in text
    assert "Sarung tenun ikat" in text
    assert "Rp 250.000" in text


def test_catalogue_is_cached_per_edition_and_rebuilt_when_a_booth_changes(
    client, edition, django_capture_on_commit_callbacks
):
    url = f"/en/expos/{edition.expo.slug}/catalogue.pdf"
    pdf_text(client.get(url))
    [first] = stored_catalogues(edition.expo)
    pdf_text(client.get(url))
    assert stored_catalogues(edition.expo) == [first]  # served from storage, not rebuilt

    late = Booth.objects.get(vendor=edition.vendors["late"])
    late.status = Booth.Status.APPROVED
    with django_capture_on_commit_callbacks(execute=True):
        late.save()
    # The signal rebuilt it in advance: one file, a new version.
    [second] = stored_catalogues(edition.expo)
    assert second != first
    assert second == f"{catalogue_version(expo=edition.expo)}.pdf"
    assert "UD Terlambat" in pdf_text(client.get(url))


def test_changing_featured_products_rebuilds_the_catalogue(
    client, edition, django_capture_on_commit_callbacks
):
    url = f"/en/expos/{edition.expo.slug}/catalogue.pdf"
    pdf_text(client.get(url))
    [first] = stored_catalogues(edition.expo)
    booth = Booth.objects.get(vendor=edition.vendors["bamboo"])
    with django_capture_on_commit_callbacks(execute=True):
        booth.featured_products.add(edition.products["basket"])
    [second] = stored_catalogues(edition.expo)
    assert second != first
    assert "Bamboo basket" in pdf_text(client.get(url))


def test_booth_saves_cost_nothing_while_nobody_printed_the_catalogue(
    edition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        BoothFactory(expo=edition.expo, hall=edition.halls["craft"], number=9)
    assert stored_catalogues(edition.expo) == []
    assert cache.get(built_key(edition.expo.pk, "en")) is None


def test_catalogue_of_a_draft_or_unknown_expo_is_404(client, db):
    draft = ExpoFactory(status=Expo.Status.DRAFT)
    assert client.get(f"/en/expos/{draft.slug}/catalogue.pdf").status_code == 404
    assert client.get("/en/expos/no-such-expo/catalogue.pdf").status_code == 404


def test_catalogue_waits_politely_while_a_worker_builds_it(client, db, settings):
    """With a real broker and no worker yet, the build is queued once and the page says so."""
    expo = ExpoFactory()
    broker = f"{redis_base_url()}/{TEST_BROKER_DB}"
    queue = redis.Redis.from_url(broker)
    queue.flushdb()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    use_broker(broker)
    try:
        response = client.get(f"/en/expos/{expo.slug}/catalogue.pdf")
    finally:
        use_broker("")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The catalogue is being prepared. Please try again in a minute." in (
        response.content.decode()
    )
    [message] = queue.lrange("default", 0, -1)
    assert json.loads(message)["headers"]["task"] == "reports.tasks.catalogue_build_task"
    queue.flushdb()


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_catalogue_only_answers_get(client, edition, method):
    response = getattr(client, method)(f"/en/expos/{edition.expo.slug}/catalogue.pdf")
    assert response.status_code == 405


def test_hidden_products_are_left_out(client, edition):
    sarong = edition.products["sarong"]
    sarong.status = "hidden"
    sarong.save()
    ProductFactory()  # unrelated
    assert "Ikat sarong" not in pdf_text(client.get(f"/en/expos/{edition.expo.slug}/catalogue.pdf"))


def test_each_product_prints_with_one_photo_and_its_booth_number(client, edition):
    from tests.catalog.factories import ProductImageFactory

    sarong = edition.products["sarong"]
    ProductImageFactory(product=sarong, position=0)
    ProductImageFactory(product=sarong, position=1)  # only the first photo prints
    response = client.get(f"/id/expos/{edition.expo.slug}/catalogue.pdf")
    content = b"".join(response.streaming_content)
    pages = PdfReader(io.BytesIO(content)).pages
    assert sum(len(page.images) for page in pages) == 1
    text = "\n".join(page.extract_text() for page in pages)
    assert "Foto" in text
    assert "Sentra Tenun Ikat Parengan · Booth 1" in text
    assert "Keripik tempe" in text  # printed without a photo


def test_a_new_photo_gives_a_new_catalogue(edition):
    from tests.catalog.factories import ProductImageFactory

    before = catalogue_version(expo=edition.expo)
    ProductImageFactory(product=edition.products["sarong"])
    assert catalogue_version(expo=edition.expo) != before
