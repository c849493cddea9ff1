"""The vendor's products (`/<lang>/dashboard/products/…`): every view goes through `vendor_area`
(owners and staff members alike) and finds products only within `request.vendor`."""

from django.contrib import messages
from django.core.exceptions import TooManyFilesSent, ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from catalog.forms import PhotoAltForm, PhotoMoveForm, PhotoUploadForm, ProductForm, PublishForm
from catalog.models import Product, ProductImage
from catalog.selectors import MISSING_FILTERS, vendor_products_missing
from catalog.services import (
    product_archive,
    product_create,
    product_duplicate,
    product_image_alt_set,
    product_image_delete,
    product_image_move,
    product_images_add,
    product_publish,
    product_unpublish,
    product_update,
)
from core.views_helpers import service_errors
from vendors.access import vendor_area


def _product(request, pk: int) -> Product:
    return get_object_or_404(Product, pk=pk, vendor=request.vendor)


def _photo(request, pk: int, photo_pk: int) -> ProductImage:
    return get_object_or_404(
        ProductImage.objects.select_related("image", "product"),
        pk=photo_pk,
        product_id=pk,
        product__vendor=request.vendor,
    )


def _fields(form: ProductForm) -> dict:
    data = dict(form.cleaned_data)
    return {"certifications": list(data.pop("certifications")), **data}


@require_safe
@vendor_area
def product_list(request: HttpRequest) -> HttpResponse:
    missing = request.GET.get("missing", "")
    if missing not in MISSING_FILTERS:
        missing = ""
    return render(
        request,
        "catalog/dashboard/product_list.html",
        {
            "products": vendor_products_missing(vendor=request.vendor, missing=missing),
            "missing": missing,
            "dashboard_section": "products",
            "can_publish": request.vendor.is_public,
        },
    )


@require_http_methods(["GET", "POST"])
@vendor_area
def product_create_view(request: HttpRequest) -> HttpResponse:
    form = ProductForm(request.POST or None, vendor=request.vendor)
    if request.method == "POST" and form.is_valid():
        success = _("The product was saved as a draft. Now add its photos.")
        with service_errors(request, form=form, success=success) as outcome:
            product = product_create(vendor=request.vendor, **_fields(form))
        if outcome.ok:
            return redirect("dashboard_products:edit", pk=product.pk)
    return render(
        request,
        "catalog/dashboard/product_form.html",
        {"form": form, "dashboard_section": "products"},
    )


def _edit_context(request, product: Product, **extra) -> dict:
    photos = list(product.images.select_related("image"))
    return {
        "product": product,
        "photos": photos,
        "max_photos": ProductImage.MAX_PER_PRODUCT,
        "room": ProductImage.MAX_PER_PRODUCT - len(photos),
        "upload_form": PhotoUploadForm(product=product),
        "dashboard_section": "products",
        "can_publish": request.vendor.is_public,
        **extra,
    }


@require_http_methods(["GET", "POST"])
@vendor_area
def product_edit(request: HttpRequest, pk: int) -> HttpResponse:
    product = _product(request, pk)
    form = ProductForm(
        request.POST or None,
        instance=product,
        vendor=request.vendor,
        initial={"certifications": list(product.certifications.all())},
    )
    if request.method == "POST" and form.is_valid():
        with service_errors(request, form=form, success=_("Your changes were saved.")) as outcome:
            product_update(product=product, **_fields(form))
        if outcome.ok:
            return redirect("dashboard_products:edit", pk=product.pk)
    return render(
        request, "catalog/dashboard/product_edit.html", _edit_context(request, product, form=form)
    )


@require_POST
@vendor_area
def product_duplicate_view(request: HttpRequest, pk: int) -> HttpResponse:
    copy = product_duplicate(product=_product(request, pk))
    messages.success(request, _("A draft copy was made. Change what differs and add photos."))
    return redirect("dashboard_products:edit", pk=copy.pk)


@require_POST
@vendor_area
def product_archive_view(request: HttpRequest, pk: int) -> HttpResponse:
    product = _product(request, pk)
    with service_errors(
        request, success=_("The product was archived: it no longer shows to buyers.")
    ):
        product_archive(product=product)
    return redirect("dashboard_products:list")


@require_POST
@vendor_area
def product_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    product = _product(request, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose publish or unpublish."))
        return redirect("dashboard_products:edit", pk=product.pk)
    if form.cleaned_data["action"] == "publish":
        with service_errors(request, success=_("The product is published in the catalogue.")):
            product_publish(product=product)
    else:
        success = _("The product is a draft again; buyers no longer see it.")
        with service_errors(request, success=success):
            product_unpublish(product=product)
    return redirect("dashboard_products:edit", pk=product.pk)


@csrf_exempt  # checked below, once the body could be parsed (see the docstring)
@require_POST
@vendor_area
def photo_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Django refuses a body with more files than DATA_UPLOAD_MAX_NUMBER_FILES before any view
    or the CSRF check could read it; answer that with the form and a clear message instead of a
    bare "400 Bad Request". Nothing is stored in that case."""
    product = _product(request, pk)
    try:
        request.FILES  # noqa: B018 - parses the body
    except (TooManyFilesSent, MultiPartParserError):
        context = _edit_context(
            request,
            product,
            form=ProductForm(instance=product, vendor=request.vendor),
            upload_error=_("Too many files at once: a product can have at most %(max)d photos.")
            % {"max": ProductImage.MAX_PER_PRODUCT},
        )
        return render(request, "catalog/dashboard/product_edit.html", context, status=400)
    return _photo_upload(request, product)


@csrf_protect
def _photo_upload(request: HttpRequest, product: Product) -> HttpResponse:
    form = PhotoUploadForm(request.POST, request.FILES, product=product)
    if form.is_valid():
        try:
            added = product_images_add(product=product, uploads=form.cleaned_data["photos"])
        except ValidationError as exc:
            form.add_error("photos", exc)
        else:
            messages.success(
                request,
                _("%(count)d photo(s) uploaded; they are being processed.") % {"count": len(added)},
            )
            return redirect("dashboard_products:edit", pk=product.pk)
    context = _edit_context(
        request, product, form=ProductForm(instance=product, vendor=request.vendor)
    )
    context["upload_form"] = form
    return render(request, "catalog/dashboard/product_edit.html", context, status=400)


@require_POST
@vendor_area
def photo_move(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    photo = _photo(request, pk, photo_pk)
    form = PhotoMoveForm(request.POST)
    if form.is_valid():
        product_image_move(photo=photo, direction=form.cleaned_data["direction"])
    return redirect(f"{_edit_url(pk)}#photos")


@require_POST
@vendor_area
def photo_alt(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    photo = _photo(request, pk, photo_pk)
    form = PhotoAltForm(request.POST, instance=photo)
    if form.is_valid():
        product_image_alt_set(
            photo=photo, alt_id=form.cleaned_data["alt_id"], alt_en=form.cleaned_data["alt_en"]
        )
        messages.success(request, _("The photo description was saved."))
    else:
        messages.error(request, _("The photo description is too long (200 characters at most)."))
    return redirect(f"{_edit_url(pk)}#photos")


@require_POST
@vendor_area
def photo_delete(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    product_image_delete(photo=_photo(request, pk, photo_pk))
    messages.success(request, _("The photo was deleted."))
    return redirect(f"{_edit_url(pk)}#photos")


def _edit_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("dashboard_products:edit", args=[pk])
