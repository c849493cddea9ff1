"""Writes of the vendors app: onboarding, verification, teams and deals."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.images import image_replace
from core.links import absolute_url
from core.models import Regency
from core.services import outbox_add
from vendors.models import Certification, Vendor, VendorInvitation, VendorMember, VendorReview
from vendors.notify import OWNER_ONLY, vendor_notify
from vendors.signals import vendor_identity_changed, vendor_status_changed

ONBOARDING_STEPS = 5  # identity, location, contact, profile, certifications; then submit
STEP_SUBMITTED = ONBOARDING_STEPS + 1
INVITATION_SALT = "vendors.invitation"
INVITATION_MAX_AGE = 7 * 24 * 3600
EDITABLE_STATUSES = (Vendor.Status.DRAFT, Vendor.Status.REJECTED)


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "umkm"
    slug, n = base, 1
    while Vendor.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _complete_step(vendor: Vendor, step: int) -> None:
    # Progress only moves forward: editing an earlier step keeps the furthest one reached.
    vendor.onboarding_step = max(vendor.onboarding_step, step)


@transaction.atomic
def vendor_create(*, owner: User, name: str, legal_form: str, nib: str) -> Vendor:
    """Step 1 for someone without a business: the draft vendor and its owner membership."""
    vendor = Vendor(name=name, legal_form=legal_form, nib=nib, slug=_unique_slug(name))
    _complete_step(vendor, 1)
    vendor.full_clean()
    vendor.save()
    VendorMember.objects.create(vendor=vendor, user=owner, role=VendorMember.Role.OWNER)
    return vendor


@transaction.atomic
def vendor_identity_update(*, vendor: Vendor, name: str, legal_form: str, nib: str) -> Vendor:
    if vendor.status in EDITABLE_STATUSES:
        vendor.name, vendor.legal_form, vendor.nib = name, legal_form, nib
        if vendor.status == Vendor.Status.DRAFT:
            vendor.slug = _unique_slug(name, exclude_pk=vendor.pk)
    _complete_step(vendor, 1)
    vendor.full_clean()
    vendor.save()
    vendor_identity_changed.send(sender=Vendor, vendor=vendor)
    return vendor


@transaction.atomic
def vendor_location_update(*, vendor: Vendor, regency: Regency, address: str) -> Vendor:
    vendor.regency, vendor.address = regency, address
    _complete_step(vendor, 2)
    vendor.save(update_fields=["regency", "address", "onboarding_step", "updated_at"])
    vendor_identity_changed.send(sender=Vendor, vendor=vendor)
    return vendor


@transaction.atomic
def vendor_staff_save(*, vendor: Vendor) -> Vendor:
    """Staff add or edit a business in the admin; its products' search text, province and export
    experience follow it."""
    adding = vendor._state.adding
    vendor.save()
    if not adding:
        vendor_identity_changed.send(sender=Vendor, vendor=vendor)
    return vendor


@transaction.atomic
def vendor_contact_update(*, vendor: Vendor, whatsapp: str) -> Vendor:
    vendor.whatsapp = whatsapp
    _complete_step(vendor, 3)
    vendor.save(update_fields=["whatsapp", "onboarding_step", "updated_at"])
    return vendor


@transaction.atomic
def vendor_profile_update(*, vendor: Vendor, logo_upload=None, **fields) -> Vendor:
    """Description, figures and an optional new logo (processed by the image worker; the old
    logo and its files are deleted). A change of export experience is announced
    (`vendor_identity_changed`): the catalogue filters on it."""
    exported = bool(vendor.export_countries)
    for name, value in fields.items():
        setattr(vendor, name, value)
    if logo_upload:
        vendor.logo = image_replace(image=vendor.logo, upload=logo_upload)
    _complete_step(vendor, 4)
    vendor.full_clean()
    vendor.save()
    if bool(vendor.export_countries) != exported:
        vendor_identity_changed.send(sender=Vendor, vendor=vendor)
    return vendor


@transaction.atomic
def certification_add(
    *, vendor: Vendor, kind: str, number: str, expires_on=None, document=None
) -> Certification:
    certification = Certification(
        vendor=vendor, kind=kind, number=number, expires_on=expires_on, document=document or ""
    )
    certification.full_clean()
    certification.save()
    return certification


@transaction.atomic
def certification_delete(*, certification: Certification) -> None:
    document = certification.document
    certification.delete()
    if document:
        transaction.on_commit(lambda: document.storage.delete(document.name))


@transaction.atomic
def vendor_certifications_done(*, vendor: Vendor) -> Vendor:
    _complete_step(vendor, 5)
    vendor.save(update_fields=["onboarding_step", "updated_at"])
    return vendor


def vendor_missing(vendor: Vendor) -> list[str]:
    """What still keeps the vendor from being submitted (translated, for the owner)."""
    missing = []
    if not (vendor.name and vendor.legal_form and vendor.nib):
        missing.append(_("Business identity (name, legal form and NIB)"))
    if vendor.regency_id is None:
        missing.append(_("Location (regency or city)"))
    if not vendor.whatsapp:
        missing.append(_("WhatsApp number"))
    if not vendor.description_id:
        missing.append(_("Description in Indonesian"))
    if vendor.onboarding_step < ONBOARDING_STEPS:
        missing.append(_("Certifications step"))
    return missing


@transaction.atomic
def vendor_submit(*, vendor: Vendor, by: User) -> Vendor:
    """Send the registration (or a fixed one after a rejection) to the curators."""
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    if vendor.status not in EDITABLE_STATUSES:
        raise ValidationError(_("This business was already submitted."), code="not_editable")
    if vendor_missing(vendor):
        raise ValidationError(_("Some steps are not complete yet."), code="incomplete")
    vendor.status = Vendor.Status.SUBMITTED
    vendor.submitted_at = timezone.now()
    vendor.onboarding_step = STEP_SUBMITTED
    vendor.save(update_fields=["status", "submitted_at", "onboarding_step", "updated_at"])
    vendor_status_changed.send(sender=Vendor, vendor=vendor)
    VendorReview.objects.create(
        vendor=vendor, decision=VendorReview.Decision.SUBMITTED, decided_by=by
    )
    return vendor


def _decide(*, vendor: Vendor, by: User, status: str, decision: str, note: str) -> Vendor:
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    vendor.status = status
    vendor.reviewed_by = by
    vendor.reviewed_at = timezone.now()
    vendor.review_note = note
    vendor.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    vendor_status_changed.send(sender=Vendor, vendor=vendor)
    VendorReview.objects.create(vendor=vendor, decision=decision, note=note, decided_by=by)
    # The owner answers for the registration, so verification decisions go to the owner alone.
    vendor_notify(
        vendor=vendor,
        kind=f"vendor_{decision}",
        template="vendors/email/decision",
        context={"vendor": vendor, "decision": decision, "note": note},
        links={
            "dashboard_url": "dashboard:home",
            # What a verified owner does next: publish products, then apply for a booth.
            "products_url": "dashboard_products:list",
            "booths_url": "dashboard_expo:booths",
        },
        roles=OWNER_ONLY,
    )
    return vendor


@transaction.atomic
def vendor_verify(*, vendor: Vendor, by: User) -> Vendor:
    """Verified: the profile and products go public; the owner is emailed."""
    return _decide(
        vendor=vendor,
        by=by,
        status=Vendor.Status.VERIFIED,
        decision=VendorReview.Decision.VERIFIED,
        note="",
    )


@transaction.atomic
def vendor_reject(*, vendor: Vendor, by: User, note: str) -> Vendor:
    """Sent back with a coaching note; the owner fixes and resubmits."""
    if not note.strip():
        raise ValidationError(_("Write what the business should fix."), code="note_required")
    vendor = _decide(
        vendor=vendor,
        by=by,
        status=Vendor.Status.REJECTED,
        decision=VendorReview.Decision.REJECTED,
        note=note.strip(),
    )
    return vendor


@transaction.atomic
def vendor_suspend(*, vendor: Vendor, by: User, note: str = "") -> Vendor:
    """Suspended: profile, products and booths leave every public page on the next request."""
    return _decide(
        vendor=vendor,
        by=by,
        status=Vendor.Status.SUSPENDED,
        decision=VendorReview.Decision.SUSPENDED,
        note=note,
    )


def invitation_token(invitation: VendorInvitation) -> str:
    return signing.TimestampSigner(salt=INVITATION_SALT).sign(str(invitation.pk))


def invitation_from_token(token: str) -> VendorInvitation | None:
    """The open invitation a token stands for; None if forged, expired, revoked or used."""
    try:
        pk = signing.TimestampSigner(salt=INVITATION_SALT).unsign(token, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return (
        VendorInvitation.objects.select_related("vendor")
        .filter(pk=pk, accepted_at__isnull=True)
        .first()
    )


@transaction.atomic
def invitation_create(*, vendor: Vendor, email: str, by: User) -> VendorInvitation:
    """Invite a staff member; the email carries a signed link valid for seven days.

    Not `vendor_notify`: the invitee is not a member yet, only the link helper is shared.
    """
    invitation = VendorInvitation.objects.create(vendor=vendor, email=email, invited_by=by)
    invitee = User.objects.filter(email__iexact=email).first()
    language = invitee.language if invitee else by.language
    outbox_add(
        kind="vendor_invitation",
        to=[email],
        template="vendors/email/invitation",
        context={
            "vendor": vendor,
            "invited_by": by,
            "accept_url": absolute_url(
                "vendors:invitation_accept",
                language=language,
                kwargs={"token": invitation_token(invitation)},
            ),
        },
        language=language,
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: VendorInvitation) -> None:
    invitation.delete()


@transaction.atomic
def invitation_accept(*, invitation: VendorInvitation, user: User) -> VendorMember:
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            _("This invitation was sent to another email address."), code="wrong_email"
        )
    invitation = VendorInvitation.objects.select_for_update().get(pk=invitation.pk)
    member, _created = VendorMember.objects.get_or_create(
        vendor=invitation.vendor, user=user, defaults={"role": VendorMember.Role.STAFF}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return member


@transaction.atomic
def member_remove(*, member: VendorMember) -> None:
    if member.role == VendorMember.Role.OWNER:
        raise ValidationError(_("The owner cannot be removed."), code="owner")
    member.delete()
