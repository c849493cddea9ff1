from django.core.management.base import BaseCommand

from catalog.services import product_public_refresh


class Command(BaseCommand):
    help = (
        "Recompute every product's `is_public` flag from its status and its business's status "
        "(after data was changed outside the services)."
    )

    def handle(self, *args, **options) -> None:
        changed = product_public_refresh()
        self.stdout.write(self.style.SUCCESS(f"Corrected the public flag of {changed} products."))
