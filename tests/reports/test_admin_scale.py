"""Item 2: every changelist in the admin registry has filters and search where staff work with
the model, and runs the same, small number of queries at 20 and at 100 rows a page over a few
thousand rows. It iterates `admin.site._registry`, so every app's admin is covered once merged.

A list_display column that follows a relation without `list_select_related` costs a query per
row and fails the test.
"""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.reports.admin_rows import make_rows

ROWS = 3000
MAX_QUERIES = 12

# Models staff never filter or search: why each is exempt from that rule (not from the query rule).
NO_FILTERS_NEEDED = {
    "auth.Group": "a handful of permission groups",
    "core.Province": "38 provinces, listed in full",
}
# Tables with a fixed, small number of rows: tested with the rows they have.
FIXED_TABLES = {"core.Province": "two-digit Kemendagri codes, 38 rows from the data migration"}


def registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.mark.parametrize(
    ("model", "model_admin"), registered(), ids=[m._meta.label for m, _ in registered()]
)
def test_changelist_has_filters_and_search(model, model_admin, rf):
    if model._meta.label in NO_FILTERS_NEEDED:
        assert model_admin.get_search_fields(rf.get("/")) or not model_admin.list_filter
        return
    request = rf.get("/")
    assert model_admin.get_list_filter(request), f"{model._meta.label}: no list_filter"
    assert model_admin.get_search_fields(request), f"{model._meta.label}: no search_fields"


def _changelist_queries(client, url: str, model_admin, per_page: int, monkeypatch) -> int:
    monkeypatch.setattr(model_admin, "list_per_page", per_page)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    shown = response.context["cl"].result_list
    assert len(shown) == min(per_page, response.context["cl"].result_count)
    return len(queries)


@pytest.mark.parametrize(
    ("model", "model_admin"), registered(), ids=[m._meta.label for m, _ in registered()]
)
def test_changelist_query_count_does_not_grow_with_the_page(
    model, model_admin, admin_client, monkeypatch
):
    label = model._meta.label
    if label not in FIXED_TABLES:
        make_rows(model, ROWS)
        assert model.objects.count() >= ROWS
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    admin_client.get(url)  # warm caches (content types, sessions) that are not the page's cost
    small = _changelist_queries(admin_client, url, model_admin, 20, monkeypatch)
    large = _changelist_queries(admin_client, url, model_admin, 100, monkeypatch)
    assert small == large, f"{label}: {small} queries for 20 rows, {large} for 100"
    assert large <= MAX_QUERIES, f"{label}: {large} queries"


def test_the_check_catches_a_missing_list_select_related(admin_client, monkeypatch):
    """The measurement above is not blind: with an empty `list_select_related` the requester
    column of report exports costs one query per row, so 20 and 100 rows differ."""
    from core.models import ReportExport

    model_admin = admin.site._registry[ReportExport]
    monkeypatch.setattr(model_admin, "list_select_related", [])
    # Each export by a different person, so no row can reuse another's user.
    for _ in range(120):
        make_rows(ReportExport, 1)
    url = reverse("admin:core_reportexport_changelist")
    admin_client.get(url)
    small = _changelist_queries(admin_client, url, model_admin, 20, monkeypatch)
    large = _changelist_queries(admin_client, url, model_admin, 100, monkeypatch)
    assert large - small == 80


DOMAIN_APPS = ("vendors", "catalog", "buyers", "expo", "core", "accounts", "reports")


@pytest.mark.parametrize(
    "model",
    [
        m
        for m in __import__("django.apps", fromlist=["apps"]).apps.get_models()
        if m._meta.app_label in DOMAIN_APPS and not m._meta.auto_created
    ],
    ids=lambda m: m._meta.label,
)
def test_rows_can_be_made_for_every_domain_model(model, db):
    """So that the scale test covers the other apps' admins as soon as they are merged."""
    if model._meta.label in FIXED_TABLES:
        return
    before = model.objects.count()
    make_rows(model, 30)
    assert model.objects.count() >= before + 30
