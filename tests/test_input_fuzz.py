"""Every input position tried with bad values: the answer is a page or a refusal, never a 500.

The pages are those of tests/test_pages_render.py (its table and its world, the admin's
changelists, search and exports included), each requested once, by the first role it renders
for. On each page the parameter names are read from its links and forms (plus the catalogue's
known ones); each name gets a NUL byte and two more bad values (rotating through very long text,
letters, negative and huge numbers, unknown choices), and all names together are sent twice
(`?page=1&page=2`). Then every POST form on the page is sent back with each field, one at a
time, replaced by a bad value (forms that delete or sign out are left alone so the world stays).

Allowed answers: 200, 302, 400, 403, 404, 405. An exception (the test client re-raises it) or
any other status is collected and reported together.
"""

import time
from urllib.parse import urlencode, urlsplit

import pytest
from django.test import Client

from expo.models import AvailabilitySlot
from tests.forms_html import page_forms, page_query_names
from tests.render_world import world_full
from tests.test_pages_render import _cases

ALLOWED = {200, 302, 400, 403, 404, 405}
CATALOGUE_PARAMS = {
    "q", "category", "province", "regency", "certification", "min_price", "max_price",
    "export_ready", "sort", "page",
}  # fmt: skip
BAD_VALUES = [
    "x" * 10_000,
    "abc",
    "-1",
    str(2**63),
    str(2**64 + 7),
    "99999999999999999999999999",
    "1.5e400",
    "no-such-choice",
    "",
    "[]",
    "'\"<>%",
    "-99999999999",
]
NUL = "a\x00b"
# The first role a page renders for is the one it is tried with: the widest view first.
ROLE_ORDER = ("superuser", "owner", "buyer", "coordinator", "anonymous")
LEAVE_ALONE = ("delete", "logout", "remove", "revoke", "withdraw", "archive", "password")
BUDGET_SECONDS = 110
ROTATIONS = 2  # bad values per name; names are tried together to keep the walk short
# 500s found and not fixed yet, each in Django's admin (reported; see the strict xfails below):
# Django admin's two 500s (an autocomplete re-rendering letters for an id, a date_hierarchy year
# past datetime's range) are fixed for every admin in core/admin_site.py; none is known now.
KNOWN_500S: dict[str, tuple[str, str]] = {}


def _pages(world) -> list[tuple[str, str]]:
    """(url, role) for every page of the table that renders (200), once per path."""
    chosen: dict[str, str] = {}
    for role in ROLE_ORDER:
        for case in _cases(world, role, full=True):
            if case.expected != 200 or case.language == "id":
                continue
            chosen.setdefault(case.url, role)
    return sorted(chosen.items(), key=lambda item: item[0])


def _known(label: str, error: Exception) -> bool:
    raised = f"{type(error).__name__}: {error}"
    return any(label.startswith(where) and what in raised for where, what in KNOWN_500S.values())


def _check(problems, label, send) -> None:
    try:
        response = send()
    except Exception as error:  # the test client re-raises what would be a 500
        if not _known(label, error):
            problems.append(f"{label[:300]}: raised {type(error).__name__}: {str(error)[:200]}")
        return
    if response.status_code not in ALLOWED:
        problems.append(f"{label}: answered {response.status_code}")


@pytest.mark.django_db
def test_no_input_position_answers_500(regions):
    world = world_full()
    clients = {}
    for role in ROLE_ORDER:
        clients[role] = Client()
        if world.users[role] is not None:
            clients[role].force_login(world.users[role])
    started = time.monotonic()
    problems: list[str] = []
    forms_to_post = []
    tried = 0

    def send(label, request) -> None:
        nonlocal tried
        tried += 1
        _check(problems, label, request)

    for url, role in _pages(world):
        client = clients[role]
        page = client.get(url)
        content_type = page.get("Content-Type", "")
        if page.status_code != 200 or not content_type.startswith("text/html"):
            continue
        html = page.content.decode()
        names = sorted(set(page_query_names(html)) | CATALOGUE_PARAMS)
        for form in page_forms(html):
            if form.method == "get":
                names = sorted(set(names) | {f.name for f in form.fields})
            elif not any(word in (form.action or url) for word in LEAVE_ALONE):
                forms_to_post.append((url, role, form))
        path = urlsplit(url).path
        for query in _queries(names):
            send(
                f"GET {path}?{query} as {role}", lambda q=query, c=client, p=path: c.get(f"{p}?{q}")
            )
        if time.monotonic() - started > BUDGET_SECONDS:
            break  # a slow machine tries fewer pages; `tried` below says the walk was real

    for url, role, form in forms_to_post:
        client = clients[role]
        action = form.action or url
        data = form.data()
        for bad in _bad_data(sorted(data)):
            shown = {k: v[:20] for k, v in bad.items()}
            send(f"POST {action} {shown} as {role}",
                 lambda b=bad, c=client, a=action, d=data: c.post(a, {**d, **b}))  # fmt: skip
        if time.monotonic() - started > BUDGET_SECONDS:
            break
    assert problems == [], "\n".join(problems)
    assert tried > 500, tried  # the walk really went through the site


def _rotations(names: list[str]) -> list[dict[str, str]]:
    """NUL in every name at once, then ROTATIONS sets giving each name a different bad value."""
    sets = [dict.fromkeys(names, NUL)]
    for turn in range(ROTATIONS):
        sets.append(
            {name: BAD_VALUES[(turn * 5 + i) % len(BAD_VALUES)] for i, name in enumerate(names)}
        )
    return sets


def _queries(names: list[str]) -> list[str]:
    queries = [urlencode(values) for values in _rotations(names)]
    queries.append(urlencode([(n, v) for n in names for v in ("1", "2")]))  # every key twice
    return queries


def _bad_data(names: list[str]) -> list[dict[str, str]]:
    return _rotations(names)


@pytest.mark.django_db
def test_admin_autocomplete_with_letters_for_an_id_is_a_form_error(regions, admin_client):
    """Seen by the walk above: Django's admin answered 500."""
    from tests.factories import AvailabilitySlotFactory

    slot = AvailabilitySlotFactory()
    response = admin_client.post(
        f"/admin/expo/availabilityslot/{slot.pk}/change/", {"vendor": "abc"}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["vendor"]  # shown back as a form error
    assert AvailabilitySlot.objects.get(pk=slot.pk).vendor_id == slot.vendor_id


@pytest.mark.django_db
def test_admin_date_hierarchy_with_a_huge_year_is_an_invalid_filter(regions, admin_client):
    response = admin_client.get("/admin/vendors/vendor/?submitted_at__year=" + str(2**63))
    assert (response.status_code, response["Location"]) == (302, "/admin/vendors/vendor/?e=1")


@pytest.mark.django_db
def test_a_nul_byte_in_a_query_or_form_value_is_a_400(regions, client):
    """PostgreSQL refuses NUL in any string: the middleware answers before a query is made."""
    assert client.get("/en/products/?q=sar%00ung").status_code == 400
    assert client.get("/admin/vendors/vendor/?q=%00").status_code == 400
    urlencoded = "application/x-www-form-urlencoded"
    form = client.post("/en/products/currency/", "currency=USD%00", content_type=urlencoded)
    assert form.status_code == 400
    assert client.get("/en/products/?q=sarung").status_code == 200


@pytest.mark.django_db
def test_the_currency_switch_goes_back_only_to_a_path_of_this_site(client):
    for target, expected in [("/en/expos/", "/en/expos/"), ("-1", "/en/products/"),
                             ("https://evil.example/", "/en/products/")]:  # fmt: skip
        response = client.post("/en/products/currency/", {"currency": "USD", "next": target})
        assert (response.status_code, response["Location"]) == (302, expected)
