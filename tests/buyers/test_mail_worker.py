"""Inquiry mail through a real Celery worker: delivered once, also after Redis was down."""

import email
from datetime import timedelta

import pytest
from django.utils import timezone

from buyers.services import inquiry_create, inquiry_vendor_reply
from core.models import OutboundEmail
from core.tasks import outbox_send_task, outbox_sweep_task
from tests.factories import BuyerProfileFactory, ProductFactory, VendorMemberFactory
from tests.workers import use_broker, wait_for

pytestmark = pytest.mark.integration


def delivered(workers) -> list[email.message.Message]:
    return [email.message_from_bytes(p.read_bytes()) for p in workers.mail_files()]


def ask(buyer, product):
    return inquiry_create(
        buyer=buyer, vendor=product.vendor, product=product, quantity=200, unit="pack",
        target_price=None, target_currency="QAR", destination_country="QA",
        message="Can you ship 200 packs to Doha?",
    )  # fmt: skip


def test_inquiry_written_while_redis_is_down_reaches_every_member_exactly_once(
    workers,
    regions,  # a transactional test before this one may have flushed them
):
    product = ProductFactory()
    VendorMemberFactory(vendor=product.vendor, user__email="staf@example.com")
    buyer = BuyerProfileFactory(user__email="aisyah@example.com")
    workers.start()
    use_broker("redis://127.0.0.1:1/0")  # nothing listens there: publishing fails
    inquiry = ask(buyer, product)
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {"pending"}

    use_broker(workers.broker_url)  # Redis is back; the periodic sweep runs, twice
    OutboundEmail.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    outbox_sweep_task.delay()
    for row in OutboundEmail.objects.all():
        outbox_send_task.delay(email_id=row.pk)  # a late duplicate enqueue as well
    wait_for(
        lambda: OutboundEmail.objects.filter(status="sent").count() == 2,
        message="both members' emails to be sent",
    )
    outbox_sweep_task.delay()
    wait_for(lambda: len(workers.mail_files()) >= 2)
    messages = delivered(workers)
    owner = product.vendor.members.get(role="owner").user.email
    assert sorted(m["To"] for m in messages) == sorted([owner, "staf@example.com"])
    for message in messages:
        assert (
            f"/dashboard/inquiries/{inquiry.pk}/"
            in message.get_payload()[0].get_payload(decode=True).decode()
        )

    # The vendor answers with a quote: the buyer gets exactly one email, in English.
    inquiry_vendor_reply(
        inquiry=inquiry, user=product.vendor.members.get(role="owner").user,
        body="Bisa.", quote_unit_price=4, quote_currency="QAR",
    )  # fmt: skip
    wait_for(lambda: len(workers.mail_files()) >= 3, message="the quote email")
    quote_mail = [m for m in delivered(workers) if m["To"] == "aisyah@example.com"]
    assert [m["Subject"] for m in quote_mail] == [f"{product.vendor.name} sent you a quote"]
