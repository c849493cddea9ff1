from celery import shared_task

from expo.services import meeting_reminders_send, session_reminders_send


@shared_task(acks_late=True)
def meeting_reminders_send_task() -> int:
    # Safe to run twice: a reminder row per meeting and kind is written with its emails.
    return meeting_reminders_send()


@shared_task(acks_late=True)
def session_reminders_send_task() -> int:
    # Safe to run twice: a reminder row per session, person and kind is written with its email.
    return session_reminders_send()
