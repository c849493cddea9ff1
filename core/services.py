import base64
import csv
import logging
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from core.cache import public_pages_changed
from core.models import ExchangeRate, OutboundEmail
from core.queue import task_enqueue
from core.rates import rates_download, rates_parse
from core.viewer import rates_forget

logger = logging.getLogger(__name__)

REGIONS_CSV = Path(__file__).resolve().parent / "data" / "regions.csv"


def regions_load(*, province_model=None, regency_model=None) -> tuple[int, int]:
    """Create or update all provinces and regencies from `core/data/regions.csv` (idempotent).

    The data migration passes its historical models; everything else uses the real ones.
    """
    from core.models import Province, Regency

    province_model = province_model or Province
    regency_model = regency_model or Regency
    with REGIONS_CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    province_model.objects.bulk_create(
        [
            province_model(code=row["code"], name=row["name"], slug=slugify(row["name"]))
            for row in rows
            if row["kind"] == "provinsi"
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "slug"],
    )
    province_ids = dict(province_model.objects.values_list("code", "pk"))
    regencies = regency_model.objects.bulk_create(
        [
            regency_model(
                code=row["code"],
                province_id=province_ids[row["code"][:2]],
                name=row["name"],
                kind=row["kind"],
                slug=slugify(row["name"]),
            )
            for row in rows
            if row["kind"] != "provinsi"
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["province", "name", "kind", "slug"],
    )
    return len(province_ids), len(regencies)


def outbox_add(
    *,
    kind: str,
    to: list[str],
    template: str,
    context: dict,
    language: str,
    attachments: list[tuple[str, bytes, str]] = (),
    headers: dict[str, str] | None = None,
) -> OutboundEmail:
    """Render `<template>_subject.txt`, `.txt` and `.html` in the recipient's language and queue it.

    Call it inside the transaction of the event that causes the email: the row commits or rolls
    back with the event, and a worker sends it after commit (or the sweep does, later).
    """
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context).rstrip()
        # Every email names the site and links to it, whatever its own text says.
        signature = render_to_string("core/email/signature.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.splitlines()),
            body=f"{body}\n\n{signature.strip()}\n",
            to=to,
            headers=headers,
        )
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return outbox_add_message(message=message, kind=kind)


def outbox_add_message(*, message: EmailMessage, kind: str) -> OutboundEmail:
    """Store an already rendered message in the outbox; a worker sends it after commit."""
    html = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    email = OutboundEmail.objects.create(
        kind=kind,
        to=list(message.to),
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        subject=message.subject,
        body_text=message.body,
        body_html=html,
        headers=dict(message.extra_headers),
        attachments=[
            {
                "filename": filename,
                "mimetype": mimetype,
                "content": base64.b64encode(
                    content.encode() if isinstance(content, str) else content
                ).decode(),
            }
            for filename, content, mimetype in message.attachments
        ],
    )
    transaction.on_commit(partial(_outbox_enqueue, email.pk))
    return email


def _outbox_enqueue(email_id: int) -> None:
    try:
        # By name: core.tasks imports this module, so this module does not import core.tasks.
        task_enqueue("core.tasks.outbox_send_task", email_id=email_id)
    except Exception:  # sent in-process (no broker) and failed: the row is safe, the sweep retries
        logger.warning("Could not send outbound email %s; the sweep will send it.", email_id)


def exchange_rates_import(*, rates, source: str) -> int:
    """Save parsed rates (`core.rates.ParsedRate`), replacing a currency's rate of the same day.

    Idempotent: importing the same file twice leaves the same rows. All or nothing.
    """
    with transaction.atomic():
        ExchangeRate.objects.bulk_create(
            [
                ExchangeRate(
                    currency=rate.currency, date=rate.date, rate_idr=rate.rate_idr, source=source
                )
                for rate in rates
            ],
            update_conflicts=True,
            unique_fields=["currency", "date"],
            update_fields=["rate_idr", "source"],
        )
        public_pages_changed()  # the "≈" on pages cached for everyone (English shows USD)
    rates_forget()  # now, and again after commit (a page may read the old row in between)
    transaction.on_commit(rates_forget)
    return len(rates)


def exchange_rates_fetch() -> int:
    """Import today's rates from `RATES_SOURCE_URL` (in `RATES_SOURCE_FORMAT`), for the beat.

    A failure (no answer, a malformed file) is logged and leaves the rates as they were: the
    pages hide the "≈" once the newest rate is older than `RATES_STALE_AFTER_DAYS`.
    """
    url = settings.RATES_SOURCE_URL
    if not url:
        return 0
    try:
        rates = rates_parse(rates_download(url), settings.RATES_SOURCE_FORMAT)
    except Exception:
        logger.exception("Exchange rates: importing %s failed; the old rates stay.", url)
        return 0
    count = exchange_rates_import(rates=rates, source=settings.RATES_SOURCE_NAME)
    logger.info("Exchange rates: %d imported from %s.", count, url)
    return count
