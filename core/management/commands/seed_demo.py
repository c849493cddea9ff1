from django.core.management.base import BaseCommand

from core.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Load the demo expo (idempotent: running it again updates, never duplicates)."

    def handle(self, *args, **options) -> None:
        logins = seed_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data is ready. Demo logins (password for all: {DEMO_PASSWORD}):"
            )
        )
        for login in logins:
            self.stdout.write(f"  {login.role:<24} {login.email}")
