from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from core.models import OutboundEmail
from core.outbox import OUTBOX_MAX_ATTEMPTS, outbox_send, outbox_sweep
from core.services import outbox_add


def add_test_email(**overrides) -> OutboundEmail:
    kwargs = {
        "kind": "test",
        "to": ["buyer@example.com"],
        "template": "core/email/test",
        "context": {"name": "Aisyah"},
        "language": "en",
    }
    return outbox_add(**{**kwargs, **overrides})


def test_outbox_add_sends_after_commit_in_the_recipients_language(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = add_test_email(language="id")
        assert mail.outbox == []  # nothing leaves before the transaction commits
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert email.sent_at is not None
    assert email.attempts == 1
    [message] = mail.outbox
    assert message.to == ["buyer@example.com"]
    assert message.subject == "Pesan percobaan untuk Aisyah"
    assert "Halo Aisyah" in message.body
    assert message.alternatives[0].mimetype == "text/html"
    assert "Halo Aisyah" in message.alternatives[0].content
    assert '<html lang="id">' in message.alternatives[0].content
    assert message.extra_headers["X-Expo-Outbox-Id"] == str(email.pk)


def test_outbox_row_rolls_back_with_the_event(db, django_capture_on_commit_callbacks):
    def failing_event():
        with transaction.atomic():
            add_test_email()
            raise RuntimeError("the event failed")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        failing_event()
    assert callbacks == []
    assert OutboundEmail.objects.count() == 0
    assert mail.outbox == []


def test_outbox_escapes_user_text_in_html_only(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        add_test_email(context={"name": "<script>x</script>"})
    [message] = mail.outbox
    assert "&lt;script&gt;x&lt;/script&gt;" in message.alternatives[0].content
    assert "<script>" not in message.alternatives[0].content


def test_outbox_keeps_attachments(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        add_test_email(attachments=[("meeting.ics", b"BEGIN:VCALENDAR", "text/calendar")])
    [attachment] = mail.outbox[0].attachments
    assert (attachment.filename, attachment.mimetype) == ("meeting.ics", "text/calendar")
    assert attachment.content == "BEGIN:VCALENDAR"  # text attachments come back decoded


def test_outbox_send_never_sends_a_row_twice(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        email = add_test_email()
    assert outbox_send(email_id=email.pk) is True
    assert outbox_send(email_id=email.pk) is False
    assert len(mail.outbox) == 1


def test_failed_delivery_is_kept_for_a_later_attempt(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        email = add_test_email()

    def refuse(self, *args, **kwargs):
        raise SMTPServerDisconnected("connection lost")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    assert outbox_send(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.PENDING
    assert email.attempts == 1
    assert email.last_error == "connection lost"
    assert email.next_attempt_at > timezone.now()


def test_delivery_gives_up_after_the_last_attempt(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        email = add_test_email()
    OutboundEmail.objects.filter(pk=email.pk).update(attempts=OUTBOX_MAX_ATTEMPTS - 1)
    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        lambda self, messages: (_ for _ in ()).throw(OSError("no route")),
    )
    outbox_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.FAILED


def test_sweep_sends_rows_left_pending_but_not_fresh_ones(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        old = add_test_email(to=["old@example.com"])
        fresh = add_test_email(to=["fresh@example.com"])
    OutboundEmail.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert outbox_sweep() == 1
    assert [m.to for m in mail.outbox] == [["old@example.com"]]
    fresh.refresh_from_db()
    assert fresh.status == OutboundEmail.Status.PENDING
