"""A coordinator's scope holds on writes: through any admin change form they may save, no
ForeignKey, ManyToMany or inline choice can point outside their regencies.

The fields are found, not listed: for every registered admin the coordinator may change, the
change form of one of their own rows is rendered, read as a browser would send it, and posted
back once per scoped field (a field whose model registered how it reaches a Regency) with a row
of another regency in it. Each post must be refused (a form error, 403 or 404) and leave the
row and its inline rows as they were; the unchanged form must save (so the posts are real).
"""

import pytest
from django.contrib import admin
from django.db.models import ForeignKey, ManyToManyField
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.forms_html import page_forms
from tests.render_world import world_full
from vendors.admin_scoping import coordinator_regency_ids, has_regency_scope, regency_scope

MALANG = "35.73"


def _outside_world():
    """Rows of every scoped kind in Malang, outside the Lamongan coordinator's regencies."""
    from buyers.models import InquiryMessage
    from tests.catalog.factories import ProductImageFactory, ready_image
    from tests.factories import (
        BoothFactory,
        CertificationFactory,
        DealFactory,
        ExpoFactory,
        InquiryFactory,
        MeetingFactory,
        ProductFactory,
        VendorFactory,
        regency,
    )
    from trade.models import RegencyExportStat

    vendor = VendorFactory(name="Keripik Malang", regency=regency(MALANG), logo=ready_image())
    CertificationFactory(vendor=vendor)
    product = ProductFactory(vendor=vendor)
    ProductImageFactory(product=product)
    booth = BoothFactory(vendor=vendor, expo=ExpoFactory(), banner=ready_image())
    inquiry = InquiryFactory(product=product)
    InquiryMessage.objects.create(inquiry=inquiry, side="buyer", body="Harga?")
    MeetingFactory(slot__vendor=vendor, slot__expo=booth.expo)
    DealFactory(vendor=vendor)
    RegencyExportStat.objects.create(regency=regency(MALANG), year=2024, value_idr=1)
    RegencyExportStat.objects.create(regency=regency("35.24"), year=2024, value_idr=2)


def _scoped_field(model, name: str):
    """The model field behind a form field name when it points at a scoped model."""
    try:
        field = model._meta.get_field(name)
    except Exception:
        return None
    if isinstance(field, (ForeignKey, ManyToManyField)) and has_regency_scope(
        field.remote_field.model
    ):
        return field
    return None


def _snapshot(obj, inline_models) -> dict:
    obj.refresh_from_db()
    row = {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if not getattr(f, "auto_now", False)  # moves with every save, says nothing of scope
    }
    row.update(
        {f.name: sorted(getattr(obj, f.name).values_list("pk", flat=True))
         for f in obj._meta.many_to_many}
    )  # fmt: skip
    for inline_model, fk_name in inline_models:
        row[inline_model._meta.label] = sorted(
            map(repr, inline_model.objects.filter(**{fk_name: obj}).values())
        )
    return row


def _candidates(model_admin, request, obj, data):
    """(form field name, model field) for every scoped field the posted form carries."""
    inline_prefixes = {}
    for formset, inline in model_admin.get_formsets_with_inlines(request, obj):
        inline_prefixes[formset.get_default_prefix()] = (inline.model, formset.fk.name)
    found = []
    for name in data:
        model, field_name = model_admin.model, name
        if name.count("-") == 2:
            prefix, _index, field_name = name.split("-")
            model, parent_link = inline_prefixes.get(prefix, (None, None))
            if model is None or field_name == parent_link:
                continue  # Django sets the link to the parent row itself, whatever is posted
        field = _scoped_field(model, field_name)
        if field is not None:
            found.append((name, field))
    return found


@pytest.mark.django_db
def test_no_admin_change_form_takes_a_choice_outside_the_coordinators_regencies(regions):
    world = world_full()
    _outside_world()
    coordinator = world.users["coordinator"]
    client = Client()
    client.force_login(coordinator)
    request = RequestFactory().get("/admin/")
    request.user = coordinator
    regency_ids = coordinator_regency_ids(coordinator)
    covered, problems = [], []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_change_permission(request):
            continue
        obj = model_admin.get_queryset(request).order_by("pk").first()
        assert obj is not None, f"the world has no {model._meta.label} in the coordinator's regency"
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        page = client.get(url)
        assert page.status_code == 200, url
        (form,) = [f for f in page_forms(page.content.decode()) if f.id.endswith("_form")]
        data = form.data()
        inline_models = [
            (inline.model, formset.fk.name)
            for formset, inline in model_admin.get_formsets_with_inlines(request, obj)
        ]
        before = _snapshot(obj, inline_models)
        for name, field in _candidates(model_admin, request, obj, data):
            related = field.remote_field.model
            inside = regency_scope(related.objects.all(), regency_ids)
            outside = related.objects.exclude(pk__in=inside.values("pk")).order_by("pk").first()
            assert outside is not None, f"the world has no {related._meta.label} outside"
            covered.append(f"{model._meta.label}.{name}")
            value = [str(outside.pk)] if isinstance(data[name], list) else str(outside.pk)
            if isinstance(field, ManyToManyField) and not isinstance(data[name], list):
                value = ",".join(filter(None, [data[name], str(outside.pk)]))  # raw id field
            response = client.post(url, {**data, name: value})
            refused = response.status_code in (403, 404) or (
                response.status_code == 200 and b"errorlist" in response.content
            )
            if not refused:
                problems.append(f"{url} {name}={outside.pk}: answered {response.status_code}")
            if _snapshot(obj, inline_models) != before:
                problems.append(f"{url} {name}={outside.pk}: the row changed")
                before = _snapshot(obj, inline_models)
        saved = client.post(url, data)
        if saved.status_code != 302:
            problems.append(f"{url}: the unchanged form did not save ({saved.status_code})")
    assert problems == [], "\n".join(problems)
    # The fields the issue named are among those tried (a business's logo is no longer a choice
    # in the admin at all: it shows as a picture, tests/core/test_admin_pictures.py).
    assert {
        "vendors.Vendor.regency",
        "catalog.Product.vendor",
        "catalog.Product.certifications",
        "trade.RegencyExportStat.regency",
    } <= set(covered), covered


@pytest.mark.django_db
def test_saving_refuses_an_out_of_scope_choice_that_got_past_the_form(regions, rf):
    """The second check: a form whose choices were widened is still refused on save (403)."""
    from django.core.exceptions import PermissionDenied

    from catalog.models import Product

    world = world_full()
    _outside_world()
    coordinator = world.users["coordinator"]
    request = rf.post("/admin/")
    request.user = coordinator
    product_admin = admin.site._registry[Product]
    form_class = product_admin.get_form(request, world.product)
    form = form_class(instance=world.product)
    malang_vendor = world.product.vendor.__class__.objects.get(name="Keripik Malang")
    form.cleaned_data = {"vendor": malang_vendor}
    with pytest.raises(PermissionDenied):
        product_admin.save_form(request, form, change=True)
    world.product.refresh_from_db()
    assert world.product.vendor == world.vendor
