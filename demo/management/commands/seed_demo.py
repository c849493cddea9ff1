from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD
from catalog.demo import seed_scale
from demo.demo import seed_demo


class Command(BaseCommand):
    help = "Load the demo expo (idempotent: running it again updates, never duplicates)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--scale", type=int, default=0, metavar="N",
            help="Also add N generated products (over N/20 generated businesses) for benchmarks.",
        )  # fmt: skip

    def handle(self, *args, **options) -> None:
        logins = seed_demo()
        if options["scale"]:
            created = seed_scale(options["scale"])
            self.stdout.write(f"Added {created} generated products.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data is ready. Demo logins (password for all: {DEMO_PASSWORD}):"
            )
        )
        for login in logins:
            self.stdout.write(f"  {login.role:<24} {login.email}")
