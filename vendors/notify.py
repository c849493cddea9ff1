"""The one way to email a business: who on its team gets the message, in which language, with
which links, and who is told when nobody on the team can be reached."""

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Exists, Model, OuterRef
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.links import absolute_url, email_language
from core.services import outbox_add
from vendors.models import Vendor, VendorMember

logger = logging.getLogger(__name__)

ALL_ROLES = (VendorMember.Role.OWNER, VendorMember.Role.STAFF)
OWNER_ONLY = (VendorMember.Role.OWNER,)
CURATOR_GROUP = "Curator"
# Shown to a buyer whose inquiry, reply or meeting request reached nobody at the business.
UNREACHABLE_NOTICE = _(
    "The business could not be reached by email; BI's curators were told and will follow up."
)

# A link in `links`: a URL name, a URL name with its args, or a model whose own page is linked.
Link = str | tuple[str, list | tuple] | Model


@dataclass(frozen=True)
class Notified:
    """What `vendor_notify` did: who got the message, or that the curators were told instead."""

    recipients: tuple[str, ...]

    @property
    def delivered(self) -> bool:
        return bool(self.recipients)


def vendor_recipients(*, vendor: Vendor, roles: Collection[str] = ALL_ROLES) -> list[User]:
    """Members in `roles` who can be emailed: active, with their address verified; owner first.

    An unverified address may be a typo or someone else's: the business's mail never goes there.
    """
    verified = EmailAddress.objects.filter(
        user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True
    )
    return list(
        User.objects.filter(
            vendor_memberships__vendor=vendor,
            vendor_memberships__role__in=list(roles),
            is_active=True,
        )
        .exclude(email="")
        .filter(Exists(verified))
        .order_by("vendor_memberships__role", "pk")  # "owner" sorts before "staff"
    )


def vendor_reachable(*, vendor: Vendor, roles: Collection[str] = ALL_ROLES) -> bool:
    """Whether `vendor_notify` with these roles would reach someone (for notices to buyers)."""
    return bool(vendor_recipients(vendor=vendor, roles=roles))


Attachments = list[tuple[str, bytes, str]] | tuple


def _resolve(link: Link, language: str) -> str:
    if isinstance(link, str):
        return absolute_url(link, language=language)
    if isinstance(link, tuple):
        name, args = link
        return absolute_url(name, language=language, args=args)
    return absolute_url(link, language=language)


def vendor_notify(
    *,
    vendor: Vendor,
    kind: str,
    template: str,
    context: Mapping | Callable[[User | None], Mapping],
    links: Mapping[str, Link] | None = None,
    roles: Collection[str] = ALL_ROLES,
    exclude: Collection[User] = (),
    attachments: Attachments | Callable[[User], Attachments] = (),
) -> Notified:
    """Queue `template` for each reachable member of `vendor` in `roles`, in their own language.

    `context` is a dict, or a function of the recipient for what differs per person (their
    time zone; None when rendered for the curators' report); `recipient` is added. `links` name
    pages (`"dashboard:home"`, `("dashboard_inquiries:detail", [pk])` or a model with
    `get_absolute_url`) that become `SITE_URL/<recipient's language>/…`; `attachments` may be a
    function of the recipient too (a calendar file names only its own recipient). Call it in the
    transaction of the event: the rows commit or roll back with it. When nobody can be reached,
    the curators get a report instead (in the same transaction) and the result says the
    business was not reached.
    """
    excluded = {user.pk for user in exclude}
    users = [u for u in vendor_recipients(vendor=vendor, roles=roles) if u.pk not in excluded]
    for user in users:
        language = email_language(user.language)
        with translation.override(language):
            data = dict(context(user) if callable(context) else context)
        data["recipient"] = user
        data.update({name: _resolve(link, language) for name, link in (links or {}).items()})
        outbox_add(
            kind=kind,
            to=[user.email],
            template=template,
            context=data,
            language=language,
            attachments=attachments(user) if callable(attachments) else attachments,
        )
    if not users:
        _curators_report(vendor=vendor, kind=kind, template=template, context=context)
    return Notified(recipients=tuple(user.email for user in users))


def _curators() -> list[tuple[str, str]]:
    """(address, language) of whoever follows up on a business nobody can email."""
    curators = User.objects.filter(groups__name=CURATOR_GROUP, is_active=True).exclude(email="")
    found = [(u.email, u.language) for u in curators.order_by("pk")]
    if not found:
        found = [(address, settings.LANGUAGE_CODE) for address in settings.CURATORS_EMAIL]
    if not found:
        superusers = User.objects.filter(is_superuser=True, is_active=True).exclude(email="")
        found = [(u.email, u.language) for u in superusers.order_by("pk")]
    return found


def _curators_report(*, vendor: Vendor, kind: str, template: str, context) -> None:
    curators = _curators()
    if not curators:
        logger.error("Nobody to tell that %s (vendor %s) could not be emailed.", kind, vendor.pk)
        return
    for address, language in curators:
        language = email_language(language)
        with translation.override(language):
            data = dict(context(None) if callable(context) else context)
            # The subject the business would have read names the message for the curator.
            subject = render_to_string(f"{template}_subject.txt", {**data, "recipient": None})
        outbox_add(
            kind="vendor_unreachable",
            to=[address],
            template="vendors/email/unreachable",
            context={
                "vendor": vendor,
                "kind": kind,
                "message_subject": " ".join(subject.split()),
                "members": vendor.members.count(),
                "admin_url": absolute_url(
                    "admin:vendors_vendor_change", language=language, args=[vendor.pk]
                ),
            },
            language=language,
        )
