from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from buyers.models import Inquiry, InquiryMessage
from core.models import OutboundEmail
from tests.factories import (
    BoothFactory,
    BuyerProfileFactory,
    InquiryFactory,
    ProductFactory,
    VendorFactory,
    VendorMemberFactory,
    VerifiedUserFactory,
)

FORM = {
    "quantity": "200",
    "unit": "pack",
    "target_price": "4.00",
    "target_currency": "QAR",
    "destination_country": "QA",
    "message": "Can you ship 200 packs to Doha before Ramadan?",
    "website": "",
}


def post(client, product, **extra):
    return client.post("/en/me/inquiries/new/", {**FORM, "product": product.pk, **extra})


def test_the_form_is_prefilled_from_the_buyer_and_the_product(buyer_client, product):
    page = buyer_client.get(f"/en/me/inquiries/new/?product={product.pk}").content.decode()
    assert "Woven ikat sarong from Tenun Parengan" in page
    assert '<option value="QAR" selected>' in page
    assert '<option value="QA" selected>' in page
    assert 'name="quantity" value="10"' in page  # the product's minimum order


def test_sending_an_inquiry_creates_the_thread_and_opens_it(buyer_client, buyer, product):
    response = post(buyer_client, product)
    inquiry = Inquiry.objects.get()
    assert response["Location"] == f"/en/me/inquiries/{inquiry.pk}/"
    assert (inquiry.buyer, inquiry.vendor, inquiry.product) == (buyer, product.vendor, product)
    assert (inquiry.quantity, inquiry.unit, str(inquiry.target_price)) == (200, "pack", "4.00")
    assert (inquiry.target_currency, inquiry.destination_country) == ("QAR", "QA")
    assert inquiry.status == Inquiry.Status.OPEN
    [message] = inquiry.messages.all()
    assert (message.side, message.sender) == ("buyer", buyer.user)
    assert message.body == FORM["message"]
    page = buyer_client.get(response["Location"]).content.decode()
    assert "Your inquiry was sent to the seller." in page
    assert "Can you ship 200 packs to Doha before Ramadan?" in page


def test_inquiry_from_a_vendor_profile_and_a_booth_keeps_the_expo(buyer_client, buyer):
    booth = BoothFactory()
    buyer_client.post(
        "/en/me/inquiries/new/", {**FORM, "vendor": booth.vendor.pk, "expo": booth.expo.pk}
    )
    inquiry = Inquiry.objects.get()
    assert (inquiry.vendor, inquiry.product, inquiry.expo) == (booth.vendor, None, booth.expo)


def test_honeypot_refuses_with_a_message_and_keeps_the_text(buyer_client, product):
    response = post(buyer_client, product, website="http://spam.example")
    page = response.content.decode()
    assert response.status_code == 400
    assert "This field must stay empty." in page
    assert "Can you ship 200 packs to Doha before Ramadan?" in page
    assert not Inquiry.objects.exists()


def test_invalid_quantity_keeps_everything_typed(buyer_client, product):
    response = post(buyer_client, product, quantity="0", message="Halo <b>penjual</b>")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 1." in page
    assert "Halo &lt;b&gt;penjual&lt;/b&gt;" in page
    assert not Inquiry.objects.exists()


def test_unverified_email_cannot_send(buyer_client, buyer, product):
    EmailAddress.objects.filter(user=buyer.user).update(verified=False)
    page = post(buyer_client, product).content.decode()
    assert "Please confirm your email address before you send an inquiry." in page
    assert FORM["message"] in page
    assert not Inquiry.objects.exists()
    # The refusal is already shown before the buyer types anything.
    form = buyer_client.get(f"/en/me/inquiries/new/?product={product.pk}").content.decode()
    assert "Please confirm your email address" in form


def test_a_member_cannot_ask_their_own_business(client, product):
    owner = product.vendor.members.get().user
    BuyerProfileFactory(user=owner)
    client.force_login(owner)
    page = post(client, product).content.decode()
    assert "You cannot send an inquiry to your own business." in page
    assert not Inquiry.objects.exists()


def test_per_vendor_daily_limit(buyer_client, buyer, product, settings):
    settings.BUYERS_INQUIRIES_PER_VENDOR_PER_DAY = 2
    InquiryFactory.create_batch(2, buyer=buyer, product=product)
    response = post(buyer_client, product)
    page = response.content.decode()
    assert response.status_code == 400
    assert "You have sent 2 inquiries to this seller today" in page
    assert FORM["message"] in page
    assert Inquiry.objects.count() == 2
    # Another seller is still fine.
    assert post(buyer_client, ProductFactory()).status_code == 302


def test_per_vendor_limit_counts_only_the_last_day(buyer_client, buyer, product, settings):
    settings.BUYERS_INQUIRIES_PER_VENDOR_PER_DAY = 1
    old = InquiryFactory(buyer=buyer, product=product)
    Inquiry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    assert post(buyer_client, product).status_code == 302
    assert Inquiry.objects.filter(buyer=buyer, vendor=product.vendor).count() == 2  # sent


def test_hourly_limit_in_indonesian(client, buyer, settings):
    settings.BUYERS_INQUIRIES_PER_HOUR = 3
    InquiryFactory.create_batch(3, buyer=buyer)
    client.force_login(buyer.user)
    response = client.post("/id/me/inquiries/new/", {**FORM, "product": ProductFactory().pk})
    assert "Anda sudah mengirim 3 permintaan dalam satu jam terakhir" in response.content.decode()
    assert Inquiry.objects.count() == 3


def test_unknown_or_hidden_product_is_404(buyer_client):
    hidden = ProductFactory(status="hidden")
    for query in (f"product={hidden.pk}", "product=999999", "product=abc", "vendor=0", ""):
        assert buyer_client.get(f"/en/me/inquiries/new/?{query}").status_code == 404
    suspended = VendorFactory(status="suspended")
    assert buyer_client.get(f"/en/me/inquiries/new/?vendor={suspended.pk}").status_code == 404


def test_without_a_buyer_profile_the_buyer_is_sent_to_the_profile_first(client, product):
    client.force_login(VerifiedUserFactory())
    response = client.get(f"/en/me/inquiries/new/?product={product.pk}")
    assert response["Location"] == (
        f"/en/me/profile/?next=%2Fen%2Fme%2Finquiries%2Fnew%2F%3Fproduct%3D{product.pk}"
    )
    # The form then sends the buyer back to the inquiry they wanted to write.
    page = client.get(response["Location"]).content.decode()
    assert f'name="next" value="/en/me/inquiries/new/?product={product.pk}"' in page


@pytest.mark.parametrize("lang", ["en", "id"])
def test_anonymous_is_sent_to_sign_in(client, product, lang):
    response = client.get(f"/{lang}/me/inquiries/new/?product={product.pk}")
    assert response["Location"].startswith(f"/{lang}/accounts/login/?next=")


def test_every_member_of_the_vendor_gets_the_new_inquiry_in_their_language(
    buyer_client, product, django_capture_on_commit_callbacks
):
    VendorMemberFactory(vendor=product.vendor, user__email="en@example.com", user__language="en")
    owner = product.vendor.members.get(role="owner").user
    owner.language = "id"
    owner.save()
    with django_capture_on_commit_callbacks(execute=True):
        post(buyer_client, product)
    inquiry = Inquiry.objects.get()
    emails = {e.to[0]: e for e in OutboundEmail.objects.filter(kind="inquiry_new")}
    assert set(emails) == {owner.email, "en@example.com"}
    assert emails[owner.email].subject == f"Permintaan baru #{inquiry.pk} dari pembeli"
    assert emails["en@example.com"].subject == f"New inquiry #{inquiry.pk} from a buyer"
    for email in emails.values():
        assert email.status == OutboundEmail.Status.SENT
        lang = "id" if email.to[0] == owner.email else "en"
        thread = f"http://127.0.0.1:8000/{lang}/dashboard/inquiries/{inquiry.pk}/"
        assert thread in email.body_text
        assert f'href="{thread}"' in email.body_html
        assert "Can you ship 200 packs" in email.body_html
        assert "aisyah@example.com" not in email.body_text + email.body_html  # relayed, private
    assert InquiryMessage.objects.count() == 1
