"""The export machinery in core: each admin that offers an export declares its own columns, and
the worker, which knows only the model's label, finds them through the admin registry."""

import io
from types import SimpleNamespace

import pytest
from django.contrib import admin

from core.exports import Column, ExportSpec, attr, spec_for, write_csv
from core.exports_admin import ExportMixin
from core.models import ReportExport


def exporting_admins():
    return sorted(
        (model._meta.label, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ExportMixin)
    )


def test_the_apps_offer_exports_of_their_changelists():
    assert [label for label, _ in exporting_admins()] == [
        "buyers.Inquiry", "expo.Booth", "expo.Meeting", "trade.Deal", "vendors.Vendor",
    ]  # fmt: skip


@pytest.mark.parametrize(("label", "model_admin"), exporting_admins())
def test_every_exporting_admin_declares_its_columns(label, model_admin):
    spec = model_admin.export_spec
    assert isinstance(spec, ExportSpec)
    assert spec.columns
    assert spec_for(model_admin.model) is spec


def test_a_model_whose_admin_declares_no_columns_cannot_be_exported():
    with pytest.raises(LookupError) as error:
        spec_for(ReportExport)
    assert str(error.value) == "core.ReportExport: its admin declares no export_spec"


def test_attr_follows_a_path_and_stops_at_a_missing_link():
    vendor = SimpleNamespace(regency=SimpleNamespace(name="Kabupaten Lamongan"))
    assert attr("regency.name")(vendor) == "Kabupaten Lamongan"
    assert attr("regency.name")(SimpleNamespace(regency=None)) is None


def test_csv_has_the_headers_and_empty_cells_for_none():
    spec = ExportSpec(columns=[Column("Name", attr("name")), Column("Nothing", lambda obj: None)])

    out = io.StringIO()
    write_csv(spec, [SimpleNamespace(name="Tenun")], out)
    assert out.getvalue().splitlines() == ["Name,Nothing", "Tenun,"]
