"""What a visitor and a business would notice if a restore lost data: the catalogue's product
names, every inquiry thread's message count and the deal ledger's totals.

Imported by tests/ops/test_restore.py, and run as `python -m tests.ops.site_snapshot` against a
restored database (its DATABASE_URL), which prints the same as JSON.
"""

import json
import re
from html import unescape

NAME = re.compile(r'<h3 class="product-card__name">(.*?)</h3>', re.S)
MAX_PAGES = 50


def catalogue_names() -> list[str]:
    """Product names on /en/products/, every page, in the order shown."""
    from django.test import Client

    client, names = Client(), []
    for number in range(1, MAX_PAGES + 1):
        response = client.get("/en/products/", {"page": number})
        assert response.status_code == 200, response.status_code
        html = response.content.decode()
        names += [unescape(name.strip()) for name in NAME.findall(html)]
        if f"page={number + 1}" not in html:
            return names
    raise AssertionError(f"more than {MAX_PAGES} catalogue pages")


def site_snapshot() -> dict:
    from django.db.models import Count, Sum

    from buyers.models import Inquiry
    from trade.models import Deal

    threads = Inquiry.objects.annotate(n=Count("messages")).order_by("pk").values_list("pk", "n")
    ledger = Deal.objects.values("stage", "currency").order_by("stage", "currency")
    ledger = ledger.annotate(deals=Count("pk"), amount=Sum("amount"), amount_idr=Sum("amount_idr"))
    return {
        "catalogue": catalogue_names(),
        "threads": {str(pk): n for pk, n in threads},
        "ledger": [{**row, "amount": str(row["amount"]), "amount_idr": str(row["amount_idr"])}
                   for row in ledger],
    }  # fmt: skip


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(site_snapshot()))
