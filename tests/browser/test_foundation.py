import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User

pytestmark = pytest.mark.browser


def test_home_page_in_both_languages_is_accessible(visitor, regions):
    visitor.goto("/id/")
    expect(visitor.page.locator("h1")).to_have_text("UMKM Indonesia, siap mendunia")
    expect(visitor.page.locator("html")).to_have_attribute("lang", "id")
    visitor.assert_accessible()

    visitor.goto("/en/")
    expect(visitor.page.locator("h1")).to_have_text(
        "Indonesian small businesses, ready for the world"
    )
    visitor.assert_accessible()


def test_language_switch_keeps_the_page(visitor, db):
    visitor.goto("/id/accounts/login/")
    expect(visitor.page.locator("h1")).to_have_text("Masuk")
    visitor.page.get_by_role("link", name=re.compile("^EN")).click()
    expect(visitor.page).to_have_url(re.compile(r"/en/accounts/login/$"))
    expect(visitor.page.locator("h1")).to_have_text("Sign In")
    visitor.page.get_by_role("link", name=re.compile("^ID")).click()
    expect(visitor.page).to_have_url(re.compile(r"/id/accounts/login/$"))


def test_a_new_user_signs_up_and_confirms_the_email(visitor_factory, db):
    visitor = visitor_factory(locale="en-GB")
    page = visitor.page
    visitor.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    page.get_by_role("link", name="Sign up", exact=True).click()
    expect(page.locator("h1")).to_have_text("Sign Up")
    visitor.assert_accessible()

    page.get_by_label("Email").fill("siti@example.com")
    page.get_by_label("Password", exact=True).fill("tenun-ikat-parengan")
    page.get_by_label("Password (again)").fill("tenun-ikat-parengan")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.locator("h1")).to_have_text("Verify Your Email Address")
    visitor.assert_accessible()

    [message] = mail.outbox
    assert message.to == ["siti@example.com"]
    link = re.search(r"https?://\S+/confirm-email/\S+/", message.body).group(0)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Confirm Email Address")
    visitor.assert_accessible()
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert EmailAddress.objects.get(email="siti@example.com").verified is True
    assert User.objects.get(email="siti@example.com").language == "en"
