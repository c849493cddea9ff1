"""The demo's mail backend: each message as an .eml file in MAIL_DIR, and a summary on screen."""

import sys
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class FileAndConsoleBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        mail_dir = Path(settings.MAIL_DIR)
        mail_dir.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
            (mail_dir / name).write_bytes(message.message().as_bytes())
            sys.stdout.write(
                f"\n--- email to {', '.join(message.to)}: {message.subject}\n"
                f"{message.body}\n--- saved as {mail_dir / name}\n"
            )
            sys.stdout.flush()
        return len(email_messages)
