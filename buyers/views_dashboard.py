"""The vendor's inquiries under /<lang>/dashboard/inquiries/ (only those addressed to it)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.views_helpers import service_errors
from vendors.access import vendor_area

from . import selectors, services
from .forms import StatusForm, VendorReplyForm
from .models import Inquiry, InquiryMessage


def _vendor_inquiry(request: HttpRequest, pk: int) -> Inquiry:
    return get_object_or_404(
        Inquiry.objects.select_related("buyer__user", "product", "expo"),
        pk=pk,
        vendor=request.vendor,
    )


@require_safe
@vendor_area
def inquiry_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Inquiry.Status.values:
        status = ""
    rows = selectors.vendor_inquiries(vendor=request.vendor, status=status)
    return render(
        request,
        "buyers/dashboard/inquiry_list.html",
        {
            "inquiries": rows,
            "status": status,
            "statuses": Inquiry.Status.choices,
            "dashboard_section": "inquiries",
        },
    )


def _render_detail(request, inquiry, *, form=None, status=200) -> HttpResponse:
    return render(
        request,
        "buyers/dashboard/inquiry_detail.html",
        {
            "inquiry": inquiry,
            "buyer": inquiry.buyer,
            "thread": selectors.thread_messages(inquiry=inquiry),
            "form": form or VendorReplyForm(),
            "status_form": StatusForm(),
            "dashboard_section": "inquiries",
        },
        status=status,
    )


@require_safe
@vendor_area
def inquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _vendor_inquiry(request, pk)
    services.inquiry_mark_read(inquiry=inquiry, side=InquiryMessage.Side.VENDOR)
    return _render_detail(request, inquiry)


@require_POST
@vendor_area
def inquiry_reply(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _vendor_inquiry(request, pk)
    form = VendorReplyForm(request.POST)
    if form.is_valid():
        with service_errors(request, form=form) as outcome:
            message = services.inquiry_vendor_reply(
                inquiry=inquiry, user=request.user, **form.cleaned_data
            )
        if outcome.ok:
            messages.success(
                request,
                _("Your quote was sent to the buyer.")
                if message.has_quote
                else _("Your reply was sent to the buyer."),
            )
            return redirect("dashboard_inquiries:detail", pk=inquiry.pk)
    return _render_detail(request, inquiry, form=form, status=400)


@require_POST
@vendor_area
def inquiry_status(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _vendor_inquiry(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise Http404
    services.inquiry_set_status(inquiry=inquiry, status=form.cleaned_data["status"])
    messages.success(request, _("The inquiry is now marked “%(status)s”.") % {
        "status": inquiry.get_status_display()
    })  # fmt: skip
    return redirect("dashboard_inquiries:detail", pk=inquiry.pk)
