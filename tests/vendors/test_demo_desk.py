"""The demo shows the desk with data: a work queue with items, statistics that are not zero, a
business whose response rate buyers see, and an owner's home with things to do."""

import re

from django.utils import translation

from accounts.models import User
from demo.demo import seed_demo
from expo.models import Booth
from tests.factories import VerifiedUserFactory


def test_the_demo_fills_the_queue_the_statistics_and_the_response_rate(client, regions):
    seed_demo()
    curator = VerifiedUserFactory(is_staff=True, is_superuser=True)
    client.force_login(curator)
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for section in ("verification", "scoring", "hidden", "emails"):
        start = page.index(f'id="queue-{section}"')
        count = re.search(r'work-queue__count">(\d+)<', page[start:]).group(1)
        assert int(count) >= 1, section

    owner = User.objects.get(email="rnd.handycraft@demo.expo-umkm.id")
    client.force_login(owner)
    with translation.override("en"):
        home = client.get("/en/dashboard/").content.decode()
        assert "wait for your answer" in home
        assert "Apply for a booth at" in home
        booth = Booth.objects.get(vendor__slug="rnd-handycraft", expo__status="live")
        stats = client.get(f"/en/dashboard/expos/booths/{booth.pk}/statistics/").content.decode()
    table = stats[stats.index("daily-stats") : stats.index("</table>", stats.index("daily-stats"))]
    totals = re.findall(r"<td>(\d+)</td>", table[table.index("<tfoot>") :])
    visits, product_views, inquiries, meetings, deals = map(int, totals)
    assert visits > 0
    assert product_views > 0
    assert inquiries > 0
    assert meetings > 0
    assert deals > 0

    client.logout()
    profile = client.get("/en/vendors/rnd-handycraft/").content.decode()
    assert "Response rate 67%" in profile
    assert "Usually replies within 4 hours" in profile
