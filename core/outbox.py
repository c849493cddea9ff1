"""Sending the outbox: the worker side of `core.services.outbox_add`.

Kept apart from the services that write rows so that `core.tasks` can import the sending code
while `core.services` enqueues `core.tasks.outbox_send_task`: imports flow one way,
services → tasks → outbox.
"""

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.db import transaction
from django.utils import timezone

from core.models import OutboundEmail

logger = logging.getLogger(__name__)

OUTBOX_MAX_ATTEMPTS = 8


def outbox_send(*, email_id: int) -> bool:
    """Send one pending email; True if this call sent it.

    The row stays locked while the message is handed to the mail server, and a second worker
    skips locked rows, so two workers never send the same row.
    """
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutboundEmail.Status.PENDING)
            .first()
        )
        if email is None:  # already sent, given up on, or being sent by another worker
            return False
        email.attempts += 1
        try:
            email.to_message().send()
        except (SMTPException, OSError) as exc:
            email.last_error = str(exc)[:2000]
            email.next_attempt_at = timezone.now() + timedelta(minutes=2**email.attempts)
            if email.attempts >= OUTBOX_MAX_ATTEMPTS:
                email.status = OutboundEmail.Status.FAILED
            email.save(update_fields=["attempts", "last_error", "next_attempt_at", "status"])
            logger.warning("Sending outbound email %s failed: %s", email_id, exc)
            return False
        email.status = OutboundEmail.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return True


def outbox_sweep(*, grace: timedelta = timedelta(minutes=1), limit: int = 200) -> int:
    """Send emails left pending: the broker was down at commit, or a worker died mid-task.

    Rows younger than `grace` are left to the task enqueued at commit. Returns how many were sent.
    """
    now = timezone.now()
    ids = list(
        OutboundEmail.objects.filter(
            status=OutboundEmail.Status.PENDING,
            created_at__lte=now - grace,
            next_attempt_at__lte=now,
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(outbox_send(email_id=email_id) for email_id in ids)
