"""Every vendor-area URL × every role → the expected status (pretix style), and a test that
fails when a vendor-area URL has no row. Each app lists its rows in
`tests/<app>/isolation_rows.py`."""

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.isolation import ROLES, world_build

APPS = ("vendors", "catalog", "buyers", "expo")
VENDOR_AREA_NAMESPACES = (
    "dashboard",
    "dashboard_products",
    "dashboard_inquiries",
    "dashboard_expo",
)


def _all_rows() -> list:
    rows = []
    for app in APPS:
        try:
            module = importlib.import_module(f"tests.{app}.isolation_rows")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"tests.{app}", f"tests.{app}.isolation_rows"):
                raise  # a broken import inside an existing module must fail loudly
            continue  # that app's branch has not landed yet
        rows.extend(module.ROWS)
    return rows


ROWS = _all_rows()


CASES = [
    pytest.param(row, role, id=f"{row.id}#{index}-{role}")
    for index, row in enumerate(ROWS)
    for role in ROLES
]


@pytest.mark.parametrize(("row", "role"), CASES)
def test_vendor_area_answers_each_role_as_the_table_says(client, regions, row, role):
    world = world_build()
    url = reverse(row.url_name, kwargs=row.kwargs(world))
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    response = getattr(client, row.method)(url, data=row.data(world))
    expected = row.expected[role]
    assert response.status_code == expected, f"{row.id} {url} as {role}"
    if expected == 302 and role == "anonymous":
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    elif expected == 302 and role in ("buyer", "curator"):
        assert response["Location"].startswith(reverse("dashboard:onboarding"))
    if expected in (403, 404):
        # Never another vendor's data: the page names neither vendor.
        assert world.vendor.name.encode() not in response.content


def _vendor_area_url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            prefix = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            names |= _vendor_area_url_names(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            app_namespace = namespace.split(":")[-1]
            if app_namespace in VENDOR_AREA_NAMESPACES:
                names.add(f"{app_namespace}:{pattern.name}")
    return names


def test_every_vendor_area_url_has_a_row():
    in_table = {row.url_name for row in ROWS}
    urls = _vendor_area_url_names(get_resolver())
    assert "dashboard:home" in urls  # the walk itself finds the vendor area
    assert sorted(urls - in_table) == []


@pytest.mark.parametrize(
    ("url_name", "kwargs", "data"),
    [
        ("dashboard:onboarding_step", {"step": 1}, {"name": "UD Baru", "legal_form": "ud"}),
        ("dashboard:onboarding_step", {"step": 3}, {"whatsapp": "0812 3456 7890"}),
        ("dashboard:onboarding_step", {"step": 4}, {"description_id": "Kerajinan bambu."}),
        ("dashboard:onboarding_step", {"step": 6}, {}),
    ],
)
def test_posted_fields_outside_the_form_change_nothing(client, regions, url_name, kwargs, data):
    world = world_build()
    vendor = world.vendor
    vendor.status = "rejected"  # editable, so every step accepts a post
    vendor.save()
    other_owner = world.users["other_vendor_member"]
    client.force_login(world.users["owner"])
    client.post(
        reverse(url_name, kwargs=kwargs),
        {
            **data,
            "nib": vendor.nib,
            "vendor": world.other_vendor.pk,
            "status": "verified",
            "verified_by": other_owner.pk,
            "reviewed_by": other_owner.pk,
            "onboarding_step": 1,
            "slug": "hijacked",
        },
    )
    vendor.refresh_from_db()
    assert vendor.status in ("rejected", "submitted")  # only the submit step moves it, to this
    assert vendor.reviewed_by_id is None
    assert vendor.onboarding_step == 6
    assert vendor.slug != "hijacked"
    world.other_vendor.refresh_from_db()
    assert world.other_vendor.name == "Vendor B"


def test_a_posted_vendor_on_a_deal_is_ignored(client, regions):
    world = world_build()
    client.force_login(world.users["owner"])
    response = client.post(
        reverse("dashboard:deal_create"),
        {
            "stage": "order",
            "amount": "1000000",
            "currency": "IDR",
            "date": "2026-01-05",
            "destination_country": "QA",
            "vendor": world.other_vendor.pk,
            "amount_idr": "1",
            "created_by": world.users["other_vendor_member"].pk,
        },
    )
    assert response.status_code == 302
    [deal] = world.vendor.deals.all()
    assert deal.amount_idr == 1_000_000
    assert deal.created_by == world.users["owner"]
    assert not world.other_vendor.deals.exists()
