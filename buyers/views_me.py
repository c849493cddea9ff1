"""The buyer area under /<lang>/me/: profile, favourites, inquiries and their threads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from catalog.models import Product
from core.viewer import viewer_for
from core.views_helpers import service_errors
from vendors.models import Vendor
from vendors.notify import UNREACHABLE_NOTICE, vendor_reachable

from . import selectors, services
from .forms import BuyerProfileForm, FavouriteForm, InquiryForm, MessageForm, QuoteResponseForm
from .models import BuyerProfile, Inquiry, InquiryMessage
from .services import RECENTLY_VIEWED_KEEP


def _profile(request: HttpRequest) -> BuyerProfile | None:
    return selectors.buyer_profile_of(user=request.user)


def _to_profile(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Please tell us a little about yourself first."))
    return redirect(f"{reverse('buyers:profile')}?{urlencode({'next': request.get_full_path()})}")


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    if profile is None:
        return _to_profile(request)
    inquiries = selectors.buyer_inquiries(user=request.user)
    return render(
        request,
        "buyers/me/home.html",
        {
            "profile": profile,
            "inquiries": inquiries[:5],
            "favourites": selectors.favourite_list(user=request.user)[:6],
            "buyer_section": "home",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    current = _profile(request)
    user = request.user
    initial = {"name": user.name, "language": user.language, "time_zone": user.time_zone}
    if current is None:
        # A new profile starts from what the page knows: the language being read.
        initial["language"] = request.LANGUAGE_CODE
    form = BuyerProfileForm(request.POST or None, instance=current, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.buyer_profile_save(
            user=user,
            name=data["name"],
            language=data["language"],
            time_zone=data["time_zone"],
            country=data["country"],
            city=data["city"],
            buyer_type=data["buyer_type"],
            organisation=data["organisation"],
            display_currency=data["display_currency"],
            interests=list(data["interests"]),
            phone=data["phone"],
            share_contact=data["share_contact"],
            weekly_digest=data["weekly_digest"],
        )
        messages.success(request, _("Your buyer profile is saved."))
        return redirect(_safe_next(request, reverse("buyers:home")))
    return render(
        request,
        "buyers/me/profile_form.html",
        {
            "form": form,
            "is_new": current is None,
            "next": _safe_next(request, ""),
            "buyer_section": "profile",
        },
    )


@require_safe
@login_required
def recently_viewed(request: HttpRequest) -> HttpResponse:
    """The products this person opened lately: a page of the buyer area, and the section a
    product page loads after it is shown (htmx; `exclude` is the product of that page)."""
    viewer = viewer_for(request)
    if request.headers.get("HX-Request"):
        exclude = request.GET.get("exclude", "")
        recent = selectors.recently_viewed(
            user=request.user, exclude_id=int(exclude) if exclude.isdigit() else None
        )
        return render(
            request, "buyers/partials/recently_viewed.html", {"recent": recent, "viewer": viewer}
        )
    recent = selectors.recently_viewed(user=request.user, limit=RECENTLY_VIEWED_KEEP)
    return render(
        request,
        "buyers/me/recent.html",
        {"recent": recent, "viewer": viewer, "buyer_section": "recent"},
    )


@require_safe
@login_required
def favourites(request: HttpRequest) -> HttpResponse:
    items = list(selectors.favourite_list(user=request.user))
    return render(
        request,
        "buyers/me/favourite_list.html",
        {
            "products": [f.product for f in items if f.product_id],
            "vendors": [f.vendor for f in items if f.vendor_id],
            "buyer_section": "favourites",
        },
    )


@require_POST
@login_required
def favourite_toggle(request: HttpRequest) -> HttpResponse:
    form = FavouriteForm(request.POST)
    if not form.is_valid():
        raise Http404
    kind, pk = form.cleaned_data["kind"], form.cleaned_data["id"]
    if kind == "product":
        target = get_object_or_404(Product.objects.public(), pk=pk)
        added = services.favourite_toggle(user=request.user, product=target)
    else:
        target = get_object_or_404(Vendor.objects.public(), pk=pk)
        added = services.favourite_toggle(user=request.user, vendor=target)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "buyers/partials/favourite_button.html",
            {
                "kind": kind,
                "target_id": target.pk,
                "label": str(target),
                "is_favourite": added,
                "announce": True,
            },
        )
    messages.success(
        request, _("Saved to your favourites.") if added else _("Removed from your favourites.")
    )
    return redirect(_safe_next(request, reverse("buyers:favourites")))


@require_safe
@login_required
def inquiries(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "buyers/me/inquiry_list.html",
        {
            "inquiries": selectors.buyer_inquiries(user=request.user),
            "buyer_section": "inquiries",
        },
    )


def _buyer_inquiry(request: HttpRequest, pk: int) -> Inquiry:
    # Only the buyer's own thread; any other id is a 404, never a hint that it exists.
    return get_object_or_404(
        Inquiry.objects.select_related("vendor", "product", "buyer__user"),
        pk=pk,
        buyer__user=request.user,
    )


def _render_thread(request, inquiry, *, form=None, status=200) -> HttpResponse:
    return render(
        request,
        "buyers/me/inquiry_detail.html",
        {
            "inquiry": inquiry,
            "thread": selectors.thread_messages(inquiry=inquiry),
            "form": form or MessageForm(),
            "buyer_section": "inquiries",
        },
        status=status,
    )


@require_safe
@login_required
def inquiry(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _buyer_inquiry(request, pk)
    services.inquiry_mark_read(inquiry=inquiry, side=InquiryMessage.Side.BUYER)
    return _render_thread(request, inquiry)


def _notice_if_unreachable(request: HttpRequest, vendor: Vendor) -> None:
    # The message is kept in the thread either way; the curators were told by vendor_notify.
    if not vendor_reachable(vendor=vendor):
        messages.warning(request, UNREACHABLE_NOTICE)


@require_POST
@login_required
def inquiry_reply(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _buyer_inquiry(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        with service_errors(request, form=form, success=_("Your message was sent.")) as outcome:
            services.inquiry_buyer_reply(
                inquiry=inquiry, user=request.user, body=form.cleaned_data["body"]
            )
        if outcome.ok:
            _notice_if_unreachable(request, inquiry.vendor)
            return redirect(inquiry)
    return _render_thread(request, inquiry, form=form, status=400)


@require_POST
@login_required
def inquiry_quote(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = _buyer_inquiry(request, pk)
    form = QuoteResponseForm(request.POST)
    if not form.is_valid():
        raise Http404
    quote = get_object_or_404(
        inquiry.messages, pk=form.cleaned_data["quote"], quote_unit_price__isnull=False
    )
    accept = form.cleaned_data["decision"] == "accept"
    success = (
        _("You accepted the quote. The seller has been told.")
        if accept
        else _("You declined the quote. The seller has been told.")
    )
    with service_errors(request, success=success) as outcome:
        services.inquiry_quote_respond(inquiry=inquiry, quote=quote, accept=accept)
    if outcome.ok:
        _notice_if_unreachable(request, inquiry.vendor)
    return redirect(inquiry)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def inquiry_new(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    product = vendor = expo = None
    try:
        if source.get("product"):
            product = get_object_or_404(
                Product.objects.public().select_related("vendor"), pk=int(source["product"])
            )
            vendor = product.vendor
        elif source.get("vendor"):
            vendor = get_object_or_404(Vendor.objects.public(), pk=int(source["vendor"]))
        else:
            raise Http404
        if source.get("expo"):
            expo = get_object_or_404(selectors.inquiry_expos(), pk=int(source["expo"]))
    except ValueError:
        raise Http404 from None
    profile = _profile(request)
    if profile is None:
        return _to_profile(request)
    initial = {
        "target_currency": profile.display_currency,
        "destination_country": profile.country,
        "quantity": product.moq if product and product.moq else None,
        "unit": product.unit if product else None,
    }
    form = InquiryForm(request.POST or None, initial=initial)
    refusal = None
    if request.method == "GET":
        try:
            services.inquiry_check_allowed(buyer=profile, vendor=vendor)
        except ValidationError as exc:
            refusal = exc.messages[0]
    elif form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            created = services.inquiry_create(
                buyer=profile, vendor=vendor, product=product, expo=expo, **data
            )
        except ValidationError as exc:  # shown above the form, which keeps the buyer's text
            refusal = exc.messages[0]
        else:
            messages.success(request, _("Your inquiry was sent to the seller."))
            _notice_if_unreachable(request, vendor)
            return redirect(created)
    return render(
        request,
        "buyers/me/inquiry_form.html",
        {
            "form": form,
            "product": product,
            "vendor": vendor,
            "expo": expo,
            "refusal": refusal,
            "buyer_section": "inquiries",
        },
        status=400 if request.method == "POST" else 200,
    )


@csrf_exempt  # mail clients POST here without a session (RFC 8058); the token is signed
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        profile = services.buyer_unsubscribe(token=token)
        if profile is None:
            raise Http404
        return render(request, "buyers/me/unsubscribe.html", {"done": True})
    # GET only asks: link scanners in mail servers open links without meaning to unsubscribe.
    if services.buyer_unsubscribe_check(token=token) is None:
        raise Http404
    return render(request, "buyers/me/unsubscribe.html", {"done": False, "token": token})
