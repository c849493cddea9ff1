from django.core.management.base import BaseCommand

from catalog.services import product_vendor_copies_refresh


class Command(BaseCommand):
    help = (
        "Recompute what every product copies from its business: the `is_public` flag from the "
        "statuses, the province and the export experience (after data was changed outside the "
        "services)."
    )

    def handle(self, *args, **options) -> None:
        flags, others = product_vendor_copies_refresh()
        self.stdout.write(self.style.SUCCESS(f"Corrected the public flag of {flags} products."))
        self.stdout.write(
            self.style.SUCCESS(f"Corrected the province or export experience of {others} products.")
        )
