import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.beat import beat_start


def served_address(addrport: str) -> str:
    """`http://host:port` for runserver's `addrport` ("8001", "0.0.0.0:8001", "127.0.0.1:8001")."""
    host, _, port = addrport.rpartition(":")
    if not host:
        host = "127.0.0.1"
    if host in ("0.0.0.0", "0", "[::]"):  # noqa: S104 — listening everywhere: answer locally
        host = "127.0.0.1"
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = "Prepare and serve the demo expo: migrate, seed_demo, collectstatic, then runserver."

    def add_arguments(self, parser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--noreload", action="store_true", help="Do not restart on code changes."
        )

    def handle(self, *args, addrport: str, noreload: bool, **options) -> None:
        served_at = served_address(addrport)
        if "SITE_URL" not in os.environ:
            # Emailed links and calendar files point where this server answers (`make run PORT=…`);
            # the environment carries it to the autoreloader's child process.
            os.environ["SITE_URL"] = settings.SITE_URL = served_at
        # The autoreloader re-runs this command in a child process: prepare only once.
        if not os.environ.get("RUN_MAIN"):
            call_command("migrate", interactive=False, verbosity=0)
            call_command("seed_demo")
            call_command("collectstatic", interactive=False, verbosity=0)
            mode = "in-process" if settings.CELERY_TASK_ALWAYS_EAGER else settings.CELERY_BROKER_URL
            self.stdout.write(
                f"\nExpo UMKM is starting at {served_at}/ (Ctrl-C stops it).\n"
                f"  data: {settings.VAR_DIR}  tasks: {mode}  mail: {settings.MAIL_DIR}\n"
            )
        serving = os.environ.get("RUN_MAIN") or noreload  # the process that answers requests
        if serving and settings.CELERY_TASK_ALWAYS_EAGER:
            beat_start()  # no broker, so no celery beat: run the periodic tasks in-process
        call_command("runserver", addrport, use_reloader=not noreload)
