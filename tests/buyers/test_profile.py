import re

from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from buyers.models import BuyerProfile
from tests.factories import BuyerProfileFactory, CategoryFactory, VendorFactory, VerifiedUserFactory

PROFILE = {
    "name": "Aisyah Rahman",
    "buyer_type": "shop",
    "organisation": "Warung Nusantara Doha",
    "country": "QA",
    "city": "Doha",
    "display_currency": "QAR",
    "language": "en",
    "time_zone": "Asia/Qatar",
    "phone": "+97455550000",
}


def test_home_page_sign_up_as_a_buyer_leads_to_signup_with_next_to_the_profile(client, db):
    page = client.get("/en/").content.decode()
    assert 'href="/en/accounts/signup/?next=/en/me/profile/"' in page


def test_signup_confirm_then_lands_on_the_buyer_profile_form(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/accounts/signup/?next=/en/me/profile/",
            {
                "email": "aisyah@example.com",
                "password1": "tenun-ikat-parengan",
                "password2": "tenun-ikat-parengan",
                "next": "/en/me/profile/",
            },
        )
    path = re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+/)", mail.outbox[0].body).group(1)
    response = client.post(path)
    assert EmailAddress.objects.get(email="aisyah@example.com").verified is True
    assert response["Location"] == "/en/me/profile/"
    page = client.get("/en/me/profile/").content.decode()
    assert "Buyer profile" in page
    assert 'data-browser-time-zone="1"' in page  # buyers.js fills it from the browser


def test_profile_form_saves_profile_name_language_and_time_zone(client, db):
    user = VerifiedUserFactory(language="id", time_zone="Asia/Jakarta")
    food, crafts = CategoryFactory(), CategoryFactory()
    client.force_login(user)
    response = client.post(
        "/en/me/profile/?next=/en/me/favourites/",
        {**PROFILE, "interests": [food.pk, crafts.pk], "next": "/en/me/favourites/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/me/favourites/"
    user.refresh_from_db()
    assert (user.name, user.language, user.time_zone) == ("Aisyah Rahman", "en", "Asia/Qatar")
    profile = BuyerProfile.objects.get(user=user)
    assert (profile.country, profile.city, profile.display_currency) == ("QA", "Doha", "QAR")
    assert profile.buyer_type == BuyerProfile.BuyerType.SHOP
    assert set(profile.interests.all()) == {food, crafts}
    assert profile.share_contact is False


def test_unknown_time_zone_is_refused_and_nothing_typed_is_lost(client, db):
    user = VerifiedUserFactory(time_zone="Asia/Jakarta")
    client.force_login(user)
    response = client.post("/en/me/profile/", {**PROFILE, "time_zone": "Mars/Olympus_Mons"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Unknown time zone." in page
    assert 'value="Warung Nusantara Doha"' in page
    assert "Mars/Olympus_Mons" not in page  # not a choice: the list shows the common zones
    assert '<optgroup label="Middle East">' in page
    assert not BuyerProfile.objects.filter(user=user).exists()
    user.refresh_from_db()
    assert user.time_zone == "Asia/Jakarta"


def test_profile_errors_are_shown_in_indonesian(client, db):
    client.force_login(VerifiedUserFactory())
    response = client.post("/id/me/profile/", {**PROFILE, "time_zone": "Nowhere"})
    assert "Zona waktu tidak dikenal." in response.content.decode()


def test_an_offsite_next_is_ignored(client, db):
    client.force_login(VerifiedUserFactory())
    response = client.post("/en/me/profile/", {**PROFILE, "next": "https://evil.example/"})
    assert response["Location"] == "/en/me/"


def test_buyer_area_asks_for_the_profile_first(client, db):
    client.force_login(VerifiedUserFactory())
    response = client.get("/en/me/")
    assert response["Location"] == "/en/me/profile/?next=%2Fen%2Fme%2F"


def test_a_vendor_member_can_also_be_a_buyer_with_one_account(client, db):
    owner = VerifiedUserFactory()
    VendorFactory(owner=owner)
    client.force_login(owner)
    client.post("/en/me/profile/", PROFILE)
    assert BuyerProfile.objects.get(user=owner).organisation == "Warung Nusantara Doha"
    assert owner.vendor_memberships.count() == 1
    page = client.get("/en/me/").content.decode()
    assert "Welcome, Aisyah Rahman" in page


def test_editing_keeps_one_profile(client, db):
    profile = BuyerProfileFactory()
    client.force_login(profile.user)
    page = client.get("/en/me/profile/").content.decode()
    assert 'value="Doha"' in page
    client.post("/en/me/profile/", {**PROFILE, "city": "Al Wakrah"})
    assert BuyerProfile.objects.filter(user=profile.user).get().city == "Al Wakrah"
    assert User.objects.count() == 1


def test_the_buyer_area_leads_to_meetings_and_sessions(client, db):
    from tests.factories import BuyerProfileFactory

    client.force_login(BuyerProfileFactory().user)
    html = client.get("/en/me/").content.decode()
    assert '<a href="/en/me/expo/meetings/">My meetings</a>' in html
    assert '<a href="/en/me/expo/sessions/">My sessions</a>' in html


def test_the_buyers_phone_is_read_in_their_country_and_stored_in_e164(client, db):
    user = VerifiedUserFactory()
    client.force_login(user)
    response = client.post("/en/me/profile/", {**PROFILE, "phone": "5555 0000"})
    assert response.status_code == 302
    assert BuyerProfile.objects.get(user=user).phone == "+97455550000"
    client.post("/en/me/profile/", {**PROFILE, "country": "ID", "phone": "0812-3456-7890"})
    assert BuyerProfile.objects.get(user=user).phone == "+6281234567890"


def test_a_wrong_phone_is_refused_in_the_buyers_language(client, db):
    user = VerifiedUserFactory()
    client.force_login(user)
    response = client.post("/id/me/profile/", {**PROFILE, "phone": "12ab"})
    assert response.status_code == 200
    assert "Masukkan nomor telepon yang benar, contoh: +974 3312 3456." in response.content.decode()
    assert not BuyerProfile.objects.filter(user=user).exists()


def test_time_zones_are_chosen_from_a_grouped_list_and_checked_against_zoneinfo(client, db):
    user = VerifiedUserFactory(time_zone="Asia/Jakarta")
    client.force_login(user)
    page = client.get("/en/me/profile/").content.decode()
    assert '<select name="time_zone"' in page
    assert '<optgroup label="Africa">' in page
    assert '<option value="Asia/Qatar">Qatar (Asia/Qatar)</option>' in page
    assert '<option value="Asia/Jakarta" selected>' in page
    # A zone the browser reports that the list lacks (buyers.js adds it) is valid too.
    response = client.post("/en/me/profile/", {**PROFILE, "time_zone": "America/Boise"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.time_zone == "America/Boise"
    page = client.get("/en/me/profile/").content.decode()
    assert '<option value="America/Boise" selected>Boise (America/Boise)</option>' in page
    response = client.post("/en/me/profile/", {**PROFILE, "time_zone": "localtime"})
    assert "Unknown time zone." in response.content.decode()
    user.refresh_from_db()
    assert user.time_zone == "America/Boise"


def test_interests_are_grouped_by_top_category(client, db):
    crafts = CategoryFactory(name_en="Woven goods", name_id="Barang tenun", parent=None)
    bamboo = CategoryFactory(name_en="Ikat sarongs", name_id="Sarung ikat", parent=crafts)
    client.force_login(VerifiedUserFactory())
    page = client.get("/en/me/profile/").content.decode()
    group = page.split("<legend>Woven goods</legend>")[1].split("</fieldset>")[0]
    assert "All of Woven goods" in group
    assert f'value="{bamboo.pk}"' in group
    assert "Ikat sarongs" in group
    page = client.get("/id/me/profile/").content.decode()
    assert "<legend>Barang tenun</legend>" in page
    assert "Semua Barang tenun" in page
