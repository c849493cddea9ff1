"""Every "one per" rule is held by the database, and the service turns the refusal into a clear
answer (or, for idempotent ones, the row that is already there) — never a 500.

Each race is made certain rather than hoped for: the first caller runs its service inside a
transaction and keeps it open until the second caller has started, so the second one's own check
cannot see the first row and meets the database constraint (or the first caller's lock).
Each caller has its own connection.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from buyers.models import Favourite, InquiryMessage
from buyers.services import favourite_toggle, inquiry_quote_respond
from expo.models import Booth, Meeting
from expo.services import booth_apply, meeting_request
from tests.buyers.factories import quote_message
from tests.expo.factories import OpenExpoFactory
from tests.factories import (
    AvailabilitySlotFactory,
    BuyerProfileFactory,
    InquiryFactory,
    ProductFactory,
    VendorFactory,
    VerifiedUserFactory,
)
from vendors.models import VendorInvitation, VendorMember
from vendors.services import invitation_accept

pytestmark = pytest.mark.django_db(transaction=True)


def race(first, second) -> list:
    """Run `first` then `second` in two threads, overlapping; each outcome is what the call
    returned or the code of the ValidationError it raised (an IntegrityError fails the test)."""
    started = threading.Barrier(2)
    outcomes: list = [None, None]

    def outcome(index, call):
        try:
            outcomes[index] = call()
        except ValidationError as exc:
            outcomes[index] = exc.code
        except IntegrityError as exc:  # what the person would see as a 500
            outcomes[index] = f"IntegrityError: {exc}"

    def run_first():
        try:
            with transaction.atomic():
                outcome(0, first)
                started.wait(timeout=30)
                time.sleep(0.5)  # the second caller is now blocked on our row or lock
        finally:
            connection.close()

    def run_second():
        try:
            started.wait(timeout=30)
            outcome(1, second)
        finally:
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_a_double_clicked_favourite_is_saved_once(regions):
    user = VerifiedUserFactory()
    product = ProductFactory()
    add = lambda: favourite_toggle(user=user, product=product)  # noqa: E731
    assert race(add, add) == [True, True]  # both clicks say "saved"
    assert Favourite.objects.filter(user=user, product=product).count() == 1


def test_a_double_clicked_favourite_business_is_saved_once(regions):
    user = VerifiedUserFactory()
    vendor = VendorFactory()
    add = lambda: favourite_toggle(user=user, vendor=vendor)  # noqa: E731
    assert race(add, add) == [True, True]
    assert Favourite.objects.filter(user=user, vendor=vendor).count() == 1


def test_a_buyer_holds_one_open_request_per_business_even_when_sent_at_once(regions):
    buyer = BuyerProfileFactory()
    first_slot = AvailabilitySlotFactory()
    second_slot = AvailabilitySlotFactory(expo=first_slot.expo, vendor=first_slot.vendor)
    outcomes = race(
        lambda: meeting_request(buyer=buyer, slot=first_slot, agenda="first tab").pk,
        lambda: meeting_request(buyer=buyer, slot=second_slot, agenda="second tab").pk,
    )
    meeting = Meeting.objects.get(buyer=buyer)
    assert outcomes == [meeting.pk, "pending"]
    assert (meeting.slot, meeting.status) == (first_slot, Meeting.Status.REQUESTED)


def test_the_database_refuses_a_second_open_request_to_one_business(regions):
    meeting = AvailabilitySlotFactory()
    first = Meeting.objects.create(
        slot=meeting, vendor=meeting.vendor, buyer=BuyerProfileFactory(),
        starts_at=meeting.starts_at, ends_at=meeting.ends_at,
    )  # fmt: skip
    later = AvailabilitySlotFactory(expo=meeting.expo, vendor=meeting.vendor)
    with pytest.raises(IntegrityError, match="expo_meeting_one_open_request"):
        Meeting.objects.create(
            slot=later, vendor=later.vendor, buyer=first.buyer,
            starts_at=later.starts_at, ends_at=later.ends_at,
        )  # fmt: skip


def test_one_booth_application_per_business_and_expo_even_when_sent_at_once(regions):
    expo = OpenExpoFactory()
    vendor = VendorFactory()

    def apply(tagline):
        return lambda: (
            booth_apply(
                expo=expo,
                vendor=vendor,
                preferred_hall=None,
                tagline_id=tagline,
                tagline_en=tagline,
            ).pk
        )

    outcomes = race(apply("pertama"), apply("kedua"))
    booth = Booth.objects.get(expo=expo, vendor=vendor)
    assert outcomes == [booth.pk, "duplicate"]
    assert booth.tagline_id == "pertama"


def test_one_accepted_quote_per_thread_even_when_two_are_accepted_at_once(regions):
    inquiry = InquiryFactory()
    first, second = quote_message(inquiry), quote_message(inquiry, quote_unit_price="4.00")
    outcomes = race(
        lambda: inquiry_quote_respond(inquiry=inquiry, quote=first, accept=True).status,
        lambda: inquiry_quote_respond(inquiry=inquiry, quote=second, accept=True).status,
    )
    # The second caller waited for the thread's lock and found its quote no longer pending.
    assert outcomes == ["won", "answered"]
    accepted = InquiryMessage.objects.filter(inquiry=inquiry, quote_status="accepted")
    assert list(accepted) == [first]


def test_the_database_refuses_a_second_accepted_quote(regions):
    inquiry = InquiryFactory()
    quote_message(inquiry, quote_status=InquiryMessage.QuoteStatus.ACCEPTED)
    with pytest.raises(IntegrityError, match="buyers_quote_accepted_once"):
        quote_message(inquiry, quote_status=InquiryMessage.QuoteStatus.ACCEPTED)


def test_an_invitation_accepted_twice_at_once_makes_one_membership(regions):
    vendor = VendorFactory()
    user = VerifiedUserFactory(email="staff@example.com")
    invitation = VendorInvitation.objects.create(vendor=vendor, email=user.email)
    accept = lambda: invitation_accept(invitation=invitation, user=user).pk  # noqa: E731
    outcomes = race(accept, accept)
    member = VendorMember.objects.get(vendor=vendor, user=user)
    assert outcomes == [member.pk, member.pk]  # the second click finds the membership
    assert member.role == VendorMember.Role.STAFF
