"""No contact detail of any business or buyer appears in anything the public can read.

Crawls the demo as an anonymous visitor from both home pages, following every link on the site
(pages, the printable catalogue PDFs, JSON-LD and Open Graph in the HTML), and looks for every
WhatsApp number, phone number and email address the demo holds. Signed-in buyers may see a
business's WhatsApp on its profile: that is checked elsewhere (tests/buyers/test_privacy.py).
"""

import io
import re
from urllib.parse import urldefrag, urlsplit

import pytest
from pypdf import PdfReader

from accounts.models import User
from buyers.models import BuyerProfile
from demo.demo import seed_demo
from vendors.models import Vendor

LINK = re.compile(r"""(?:href|src|content)=["']([^"']+)["']""")
MAX_PAGES = 400


def _contact_details() -> set[str]:
    details = set()
    for whatsapp in Vendor.objects.exclude(whatsapp="").values_list("whatsapp", flat=True):
        details |= {whatsapp, whatsapp.lstrip("+"), "0" + whatsapp.removeprefix("+62")}
    for phone in BuyerProfile.objects.exclude(phone="").values_list("phone", flat=True):
        details |= {phone, phone.lstrip("+")}
    details |= set(User.objects.exclude(email="").values_list("email", flat=True))
    return {detail for detail in details if len(detail) >= 6}


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode(errors="replace")


def _internal(url: str) -> str | None:
    url = urldefrag(url)[0]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not url.startswith("/"):
        return None
    if url.startswith(("/static/", "/media/", "/admin/")) or "/accounts/" in url:
        return None
    return url


@pytest.mark.django_db(transaction=True)
def test_no_contact_detail_in_any_public_output(client, regions, categories, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    seed_demo()
    details = _contact_details()
    assert len(details) > 20  # the demo has businesses and buyers with contacts to protect
    seen, queue, leaks, kinds = set(), ["/id/", "/en/"], [], set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            continue
        kinds.add(response.get("Content-Type", "").split(";")[0])
        text = _text(response)
        leaks += [f"{url}: {detail}" for detail in details if detail in text]
        queue += [link for link in map(_internal, LINK.findall(text)) if link and link not in seen]
    assert "application/pdf" in kinds, "the crawl reached the printable catalogue"
    assert len(seen) > 40
    assert leaks == []
