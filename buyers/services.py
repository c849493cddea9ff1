"""Writes for the buyer side: profiles, favourites, inquiries and their threads, and the mail."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from catalog.models import Category, Product
from core.links import absolute_url
from core.services import outbox_add
from vendors.models import Vendor, VendorMember
from vendors.notify import Notified, vendor_notify

from .models import BuyerProfile, Favourite, Inquiry, InquiryMessage
from .selectors import NAV_KEY
from .signals import threads_changed

UNSUBSCRIBE_SALT = "buyers.unsubscribe"
RECENTLY_VIEWED_KEEP = 12


# --- Profile -----------------------------------------------------------------------------------


@transaction.atomic
def buyer_profile_save(
    *,
    user: User,
    name: str,
    language: str,
    time_zone: str,
    country: str,
    city: str,
    buyer_type: str,
    organisation: str,
    display_currency: str,
    interests: list[Category],
    phone: str = "",
    share_contact: bool = False,
    weekly_digest: bool = False,
) -> BuyerProfile:
    """Create or update the person's buyer profile and their name, language and time zone."""
    user.name = name
    user.language = language
    user.time_zone = time_zone
    user.full_clean(validate_unique=False)
    user.save(update_fields=["name", "language", "time_zone"])
    profile = BuyerProfile.objects.filter(user=user).first() or BuyerProfile(user=user)
    profile.country = country
    profile.city = city
    profile.buyer_type = buyer_type
    profile.organisation = organisation
    profile.display_currency = display_currency
    profile.phone = phone
    profile.share_contact = share_contact
    profile.weekly_digest = weekly_digest
    profile.full_clean()
    profile.save()
    profile.interests.set(interests)
    return profile


@transaction.atomic
def buyer_vet(*, profile: BuyerProfile, by: User) -> BuyerProfile:
    """Mark a buyer as vetted by a staff member (who and when are kept)."""
    if not profile.vetted:
        profile.vetted = True
        profile.vetted_by = by
        profile.vetted_at = timezone.now()
        profile.save(update_fields=["vetted", "vetted_by", "vetted_at"])
    return profile


def unsubscribe_token(*, user: User, kind: str = "digest") -> str:
    # No timestamp: the link in last month's email still works (and reads the same every week).
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(
        {"u": user.pk, "k": kind}, compress=True
    )


def unsubscribe_url(*, user: User, kind: str = "digest") -> str:
    return absolute_url(
        "buyers:unsubscribe", language=user.language, args=[unsubscribe_token(user=user, kind=kind)]
    )


def buyer_unsubscribe_check(*, token: str) -> BuyerProfile | None:
    """The profile a signed unsubscribe token names; None when forged or unknown."""
    try:
        data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if data.get("k") != "digest":
        return None
    return BuyerProfile.objects.filter(user_id=data.get("u")).first()


@transaction.atomic
def buyer_unsubscribe(*, token: str) -> BuyerProfile | None:
    """Turn off the mail a signed token names; None when the token is forged or unknown."""
    profile = buyer_unsubscribe_check(token=token)
    if profile is not None and profile.weekly_digest:
        profile.weekly_digest = False
        profile.save(update_fields=["weekly_digest"])
    return profile


# --- Favourites --------------------------------------------------------------------------------


@transaction.atomic
def favourite_toggle(*, user: User, product: Product | None = None, vendor: Vendor | None = None):
    """Add the product or vendor to the person's favourites, or remove it; True when added."""
    target = {"product": product} if product is not None else {"vendor": vendor}
    deleted, _ = Favourite.objects.filter(user=user, **target).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():  # a savepoint: the outer transaction survives a refusal
            Favourite.objects.create(user=user, **target)
    except IntegrityError:
        pass  # a double click: the parallel request has just added it, which is what was asked
    return True


# --- Inquiries ---------------------------------------------------------------------------------


def _has_verified_email(user: User) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def inquiry_check_allowed(*, buyer: BuyerProfile, vendor: Vendor) -> None:
    """Raise ValidationError with a translated reason if this buyer may not ask this vendor now."""
    if not _has_verified_email(buyer.user):
        raise ValidationError(
            _("Please confirm your email address before you send an inquiry."),
            code="email_unverified",
        )
    if VendorMember.objects.filter(vendor=vendor, user=buyer.user).exists():
        raise ValidationError(
            _("You cannot send an inquiry to your own business."), code="own_business"
        )
    now = timezone.now()
    sent = Inquiry.objects.filter(buyer=buyer)
    if sent.filter(created_at__gte=now - timedelta(hours=1)).count() >= (
        settings.BUYERS_INQUIRIES_PER_HOUR
    ):
        raise ValidationError(
            _(
                "You have sent %(count)d inquiries in the last hour, the most we allow. "
                "Please try again later; your text is kept below."
            )
            % {"count": settings.BUYERS_INQUIRIES_PER_HOUR},
            code="rate_limited",
        )
    if sent.filter(vendor=vendor, created_at__gte=now - timedelta(days=1)).count() >= (
        settings.BUYERS_INQUIRIES_PER_VENDOR_PER_DAY
    ):
        raise ValidationError(
            _(
                "You have sent %(count)d inquiries to this seller today, the most we allow. "
                "Please continue in your existing conversation or try again tomorrow."
            )
            % {"count": settings.BUYERS_INQUIRIES_PER_VENDOR_PER_DAY},
            code="rate_limited",
        )


def _check_message_rate(*, user: User) -> None:
    recent = InquiryMessage.objects.filter(
        sender=user, created_at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    if recent >= settings.BUYERS_MESSAGES_PER_HOUR:
        raise ValidationError(
            _("You have written many messages in the last hour. Please try again later."),
            code="rate_limited",
        )


def _notify_vendor(
    *, inquiry: Inquiry, message: InquiryMessage, kind: str, template: str
) -> Notified:
    """Every member of the vendor, each in their own language; the curators when nobody can be
    reached (the views tell the buyer so)."""
    return vendor_notify(
        vendor=inquiry.vendor,
        kind=kind,
        template=template,
        context={"inquiry": inquiry, "message": message},
        links={"thread_url": ("dashboard_inquiries:detail", [inquiry.pk])},
        exclude=[message.sender],
    )


def _notify_buyer(*, inquiry: Inquiry, message: InquiryMessage) -> None:
    buyer = inquiry.buyer.user
    if not buyer.is_active:
        return
    outbox_add(
        kind="inquiry_quote" if message.has_quote else "inquiry_reply",
        to=[buyer.email],
        template="buyers/email/inquiry_reply",
        context={
            "inquiry": inquiry,
            "message": message,
            "thread_url": absolute_url(inquiry, language=buyer.language),
            "recipient": buyer,
        },
        language=buyer.language,
    )


@transaction.atomic
def inquiry_create(
    *,
    buyer: BuyerProfile,
    vendor: Vendor,
    product: Product | None = None,
    expo=None,
    quantity: int,
    unit: str,
    target_price: Decimal | None,
    target_currency: str,
    destination_country: str,
    message: str,
) -> Inquiry:
    """Open an inquiry with its first message; every member of the vendor gets an email."""
    # Lock the buyer's row so two parallel submissions cannot both pass the limits.
    BuyerProfile.objects.select_for_update().filter(pk=buyer.pk).first()
    inquiry_check_allowed(buyer=buyer, vendor=vendor)
    if product is not None and product.vendor_id != vendor.pk:
        raise ValidationError(_("This product belongs to another seller."), code="foreign_product")
    now = timezone.now()
    inquiry = Inquiry(
        buyer=buyer,
        vendor=vendor,
        product=product,
        expo=expo,
        quantity=quantity,
        unit=unit,
        target_price=target_price,
        target_currency=target_currency,
        destination_country=destination_country,
        last_message_at=now,
        buyer_read_at=now,
    )
    inquiry.full_clean()
    inquiry.save()
    first = InquiryMessage.objects.create(
        inquiry=inquiry, sender=buyer.user, side=InquiryMessage.Side.BUYER, body=message
    )
    _notify_vendor(
        inquiry=inquiry, message=first, kind="inquiry_new", template="buyers/email/inquiry_new"
    )
    return inquiry


CLOSED_TO_MESSAGES = (Inquiry.Status.CLOSED,)


@transaction.atomic
def inquiry_buyer_reply(*, inquiry: Inquiry, user: User, body: str) -> InquiryMessage:
    """The buyer writes in the thread; the vendor's members get an email."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.status in CLOSED_TO_MESSAGES:
        raise ValidationError(_("This conversation is closed."), code="closed")
    _check_message_rate(user=user)
    message = InquiryMessage.objects.create(
        inquiry=inquiry, sender=user, side=InquiryMessage.Side.BUYER, body=body
    )
    inquiry.last_message_at = message.created_at
    inquiry.buyer_read_at = message.created_at
    inquiry.save(update_fields=["last_message_at", "buyer_read_at"])
    _notify_vendor(
        inquiry=inquiry,
        message=message,
        kind="inquiry_reply",
        template="buyers/email/inquiry_buyer_reply",
    )
    return message


@transaction.atomic
def inquiry_vendor_reply(
    *,
    inquiry: Inquiry,
    user: User,
    body: str,
    quote_unit_price: Decimal | None = None,
    quote_currency: str = "",
    quote_incoterm: str = "",
    quote_lead_time_days: int | None = None,
    quote_valid_until: date | None = None,
) -> InquiryMessage:
    """A vendor member answers, perhaps with a quote; the buyer gets an email."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.status in CLOSED_TO_MESSAGES:
        raise ValidationError(_("This conversation is closed."), code="closed")
    _check_message_rate(user=user)
    message = InquiryMessage(
        inquiry=inquiry,
        sender=user,
        side=InquiryMessage.Side.VENDOR,
        body=body,
        quote_unit_price=quote_unit_price,
        quote_currency=quote_currency if quote_unit_price is not None else "",
        quote_incoterm=quote_incoterm if quote_unit_price is not None else "",
        quote_lead_time_days=quote_lead_time_days if quote_unit_price is not None else None,
        quote_valid_until=quote_valid_until if quote_unit_price is not None else None,
        quote_status=(InquiryMessage.QuoteStatus.PENDING if quote_unit_price is not None else ""),
    )
    message.full_clean()
    message.save()
    if message.has_quote and inquiry.status in (
        Inquiry.Status.OPEN,
        Inquiry.Status.ANSWERED,
        Inquiry.Status.QUOTED,
    ):
        inquiry.status = Inquiry.Status.QUOTED
    elif inquiry.status == Inquiry.Status.OPEN:
        inquiry.status = Inquiry.Status.ANSWERED
    inquiry.last_message_at = message.created_at
    inquiry.vendor_read_at = message.created_at
    inquiry.save(update_fields=["status", "last_message_at", "vendor_read_at"])
    _notify_buyer(inquiry=inquiry, message=message)
    return message


@transaction.atomic
def inquiry_quote_respond(*, inquiry: Inquiry, quote: InquiryMessage, accept: bool) -> Inquiry:
    """The buyer accepts (the inquiry is won) or declines a pending quote; the vendor is told."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    quote = InquiryMessage.objects.select_for_update().get(pk=quote.pk, inquiry=inquiry)
    if quote.quote_status != InquiryMessage.QuoteStatus.PENDING:
        raise ValidationError(_("This quote has already been answered."), code="answered")
    if quote.quote_valid_until and quote.quote_valid_until < timezone.localdate():
        raise ValidationError(
            _("This quote has expired. Please ask the seller for a new one."), code="expired"
        )
    if inquiry.status in (Inquiry.Status.CLOSED, Inquiry.Status.LOST, Inquiry.Status.WON):
        raise ValidationError(_("This conversation is closed."), code="closed")
    now = timezone.now()
    if accept:
        quote.quote_status = InquiryMessage.QuoteStatus.ACCEPTED
        inquiry.status = Inquiry.Status.WON
        # Other open quotes in the thread no longer stand.
        inquiry.messages.filter(quote_status=InquiryMessage.QuoteStatus.PENDING).exclude(
            pk=quote.pk
        ).update(quote_status=InquiryMessage.QuoteStatus.DECLINED)
    else:
        quote.quote_status = InquiryMessage.QuoteStatus.DECLINED
        still_pending = (
            inquiry.messages.filter(quote_status=InquiryMessage.QuoteStatus.PENDING)
            .exclude(pk=quote.pk)
            .exists()
        )
        inquiry.status = Inquiry.Status.QUOTED if still_pending else Inquiry.Status.ANSWERED
    try:
        with transaction.atomic():  # a savepoint: the outer transaction survives a refusal
            quote.save(update_fields=["quote_status"])
    except IntegrityError as exc:  # buyers_quote_accepted_once: another quote was accepted
        raise ValidationError(
            _("A quote in this conversation has already been accepted."), code="accepted"
        ) from exc
    with translation.override(inquiry.buyer.user.language):
        body = _("I accept your quote.") if accept else _("Thank you, but I decline this quote.")
    note = InquiryMessage.objects.create(
        inquiry=inquiry, sender=inquiry.buyer.user, side=InquiryMessage.Side.BUYER, body=body
    )
    inquiry.last_message_at = now
    inquiry.buyer_read_at = now
    inquiry.save(update_fields=["status", "last_message_at", "buyer_read_at"])
    _notify_vendor(
        inquiry=inquiry,
        message=note,
        kind="inquiry_quote_accepted" if accept else "inquiry_quote_declined",
        template="buyers/email/inquiry_buyer_reply",
    )
    return inquiry


VENDOR_SETTABLE = (Inquiry.Status.WON, Inquiry.Status.LOST, Inquiry.Status.CLOSED)


@transaction.atomic
def inquiry_set_status(*, inquiry: Inquiry, status: str) -> Inquiry:
    """The vendor marks the inquiry won, lost or closed (no email: the buyer's thread shows it)."""
    if status not in VENDOR_SETTABLE:
        raise ValidationError(_("This status cannot be set by hand."))
    inquiry.status = status
    inquiry.save(update_fields=["status"])
    return inquiry


def inquiry_mark_read(*, inquiry: Inquiry, side: str) -> None:
    field = "buyer_read_at" if side == InquiryMessage.Side.BUYER else "vendor_read_at"
    if getattr(inquiry, field) is None or (
        inquiry.last_message_at and getattr(inquiry, field) < inquiry.last_message_at
    ):
        setattr(inquiry, field, timezone.now())
        Inquiry.objects.filter(pk=inquiry.pk).update(**{field: getattr(inquiry, field)})
        nav_forget(inquiry_people(inquiry))


def inquiry_people(inquiry: Inquiry) -> set[int]:
    """The users a thread concerns: its buyer and every member of its business."""
    members = VendorMember.objects.filter(vendor_id=inquiry.vendor_id).values_list("user_id")
    return {inquiry.buyer.user_id, *(user_id for (user_id,) in members)}


def nav_forget(user_ids) -> None:
    """These people's header counts (`selectors.nav_areas`) and what else shows their threads
    are out of date: dropped now, and again once the transaction commits (a page rendered in
    between would keep the old ones)."""
    user_ids = set(user_ids)
    keys = [NAV_KEY.format(user_id) for user_id in user_ids]

    def forget() -> None:
        cache.delete_many(keys)
        threads_changed.send(sender=Inquiry, user_ids=user_ids)

    forget()
    transaction.on_commit(forget)


# --- Weekly digest -----------------------------------------------------------------------------


@transaction.atomic
def digest_send(*, profile_id: int, now=None) -> bool:
    """Write this buyer's weekly digest of new products in their interests; True if written.

    Idempotent within the week: `digest_sent_at` is checked and set under a row lock.
    """
    from .selectors import digest_products

    now = now or timezone.now()
    profile = (
        BuyerProfile.objects.select_for_update()
        .select_related("user")
        .filter(pk=profile_id, weekly_digest=True, user__is_active=True)
        .first()
    )
    if profile is None:
        return False
    if profile.digest_sent_at and profile.digest_sent_at > now - timedelta(days=6):
        return False
    since = max(profile.digest_sent_at or now - timedelta(days=7), now - timedelta(days=7))
    products = list(digest_products(profile=profile, since=since))
    profile.digest_sent_at = now
    profile.save(update_fields=["digest_sent_at"])
    if not products:
        return False
    user = profile.user
    link = unsubscribe_url(user=user)
    products_url = absolute_url("catalog:list", language=user.language)
    outbox_add(
        kind="buyers_digest",
        to=[user.email],
        template="buyers/email/digest",
        context={
            "recipient": user,
            "products": [(p, _product_url(p, user.language)) for p in products],
            "products_url": products_url,
            "unsubscribe_url": link,
        },
        language=user.language,
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return True


def _product_url(product: Product, language: str) -> str:
    return absolute_url(product, language=language)


# --- Recently viewed ---------------------------------------------------------------------------


# One statement, on every product page a signed-in person opens: the upsert, and — only when it
# added a row (`xmax = 0`) — the rows past the newest RECENTLY_VIEWED_KEEP dropped. The DELETE
# does not see the row just added (one snapshot), hence KEEP - 1 of the others.
RECENTLY_VIEWED_SQL = """
WITH noted AS (
    INSERT INTO buyers_recentlyviewed (user_id, product_id, viewed_at)
    VALUES (%(user)s, %(product)s, %(at)s)
    ON CONFLICT (user_id, product_id) DO UPDATE SET viewed_at = EXCLUDED.viewed_at
    RETURNING (xmax = 0) AS added
)
DELETE FROM buyers_recentlyviewed WHERE (SELECT added FROM noted) AND id IN (
    SELECT id FROM buyers_recentlyviewed WHERE user_id = %(user)s
    ORDER BY viewed_at DESC, id DESC OFFSET %(keep)s LIMIT 50
)
"""


def recently_viewed_record(*, user: User, product_id: int, now=None) -> None:
    """Note that `user` opened the product: one statement (RECENTLY_VIEWED_SQL), on every
    product page a signed-in person opens, so it does not wait for the disk: a crash may lose
    the last moment's marks of this convenience list, never anything else."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(
            RECENTLY_VIEWED_SQL,
            {
                "user": user.pk,
                "product": product_id,
                "at": now or timezone.now(),
                "keep": RECENTLY_VIEWED_KEEP - 1,
            },
        )
