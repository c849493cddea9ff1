import datetime as dt

from django.conf import settings
from django.core import mail
from django.utils import timezone

from buyers.models import BuyerProfile
from buyers.services import digest_send, unsubscribe_token
from buyers.tasks import digest_send_all_task
from core.models import OutboundEmail
from tests.factories import BuyerProfileFactory, CategoryFactory, ProductFactory


def subscribed_buyer(**kwargs) -> BuyerProfile:
    snacks = CategoryFactory(name_en="Snacks")
    buyer = BuyerProfileFactory(
        weekly_digest=True, user__email="aisyah@example.com", user__name="Aisyah", **kwargs
    )
    buyer.interests.set([snacks])
    return buyer


def test_weekly_digest_lists_new_products_in_the_interests_with_one_click_unsubscribe(
    db, django_capture_on_commit_callbacks
):
    buyer = subscribed_buyer()
    snacks = buyer.interests.get()
    chips = CategoryFactory(parent=snacks, name_en="Chips")
    ProductFactory(category=snacks, name_en="Corn crackers")
    ProductFactory(category=chips, name_en="Cassava chips")
    ProductFactory(name_en="Bamboo basket")  # not in the interests
    ProductFactory(
        category=snacks,
        name_en="Old fish crackers",
        published_at=timezone.now() - dt.timedelta(days=9),
    )
    ProductFactory(category=snacks, name_en="Draft snack", status="draft")

    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send_all_task.delay().get() == 1
    [message] = mail.outbox
    assert message.to == ["aisyah@example.com"]
    assert message.subject == "New products in your interests this week"
    assert "Corn crackers" in message.body
    assert "Cassava chips" in message.body
    for absent in ("Bamboo basket", "Old fish crackers", "Draft snack"):
        assert absent not in message.body
    link = f"http://127.0.0.1:8000/en/me/unsubscribe/{unsubscribe_token(user=buyer.user)}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body
    assert f'href="{link}"' in message.alternatives[0][0]


def test_a_second_run_in_the_same_week_sends_nothing(db):
    buyer = subscribed_buyer()
    ProductFactory(category=buyer.interests.get())
    assert digest_send(profile_id=buyer.pk) is True
    assert digest_send(profile_id=buyer.pk) is False
    assert OutboundEmail.objects.filter(kind="buyers_digest").count() == 1
    # A week later the next digest only lists what is new since the last one.
    later = timezone.now() + dt.timedelta(days=7)
    assert digest_send(profile_id=buyer.pk, now=later) is False
    assert OutboundEmail.objects.filter(kind="buyers_digest").count() == 1


def test_no_digest_without_opt_in_or_without_new_products(db):
    quiet = subscribed_buyer()
    assert digest_send(profile_id=quiet.pk) is False
    other = BuyerProfileFactory(weekly_digest=False)
    other.interests.set(quiet.interests.all())
    ProductFactory(category=quiet.interests.get())
    assert digest_send(profile_id=other.pk) is False
    assert not OutboundEmail.objects.filter(to=[other.user.email]).exists()


def test_digest_is_in_the_buyer_language(db):
    buyer = subscribed_buyer()
    buyer.user.language = "id"
    buyer.user.save()
    ProductFactory(category=buyer.interests.get())
    digest_send(profile_id=buyer.pk)
    email = OutboundEmail.objects.get(kind="buyers_digest")
    assert email.subject == "Produk baru sesuai minat Anda minggu ini"
    assert "/id/me/unsubscribe/" in email.headers["List-Unsubscribe"]


def test_one_click_post_unsubscribes_without_a_session_or_csrf(db):
    from django.test import Client

    buyer = subscribed_buyer()
    client = Client(enforce_csrf_checks=True)
    url = f"/en/me/unsubscribe/{unsubscribe_token(user=buyer.user)}/"
    page = client.get(url)
    assert "Stop the weekly email" in page.content.decode()
    buyer.refresh_from_db()
    assert buyer.weekly_digest is True  # opening the link (a mail scanner) changes nothing
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You will no longer receive the weekly email" in response.content.decode()
    buyer.refresh_from_db()
    assert buyer.weekly_digest is False


def test_forged_or_altered_token_is_404_and_changes_nothing(client, db):
    buyer = subscribed_buyer()
    token = unsubscribe_token(user=buyer.user)
    other = BuyerProfileFactory(weekly_digest=True)
    for bad in (token[:-2] + "xx", "nonsense", token.replace(":", ";", 1)):
        assert client.post(f"/en/me/unsubscribe/{bad}/").status_code == 404
    buyer.refresh_from_db()
    other.refresh_from_db()
    assert buyer.weekly_digest is True
    assert other.weekly_digest is True


def test_beat_runs_the_digest_weekly():
    entry = settings.CELERY_BEAT_SCHEDULE["buyers-weekly-digest"]
    assert entry["task"] == "buyers.tasks.digest_send_all_task"
    assert entry["schedule"].day_of_week == {1}
    from config.celery import app

    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
