from django.core.management.base import BaseCommand

from catalog.services import product_certification_kinds_refresh, product_vendor_copies_refresh


class Command(BaseCommand):
    help = (
        "Recompute what every product copies from its business: the `is_public` flag from the "
        "statuses, the province and the export experience (after data was changed outside the "
        "services), and the kinds of its valid certifications."
    )

    def handle(self, *args, **options) -> None:
        flags, others = product_vendor_copies_refresh()
        self.stdout.write(self.style.SUCCESS(f"Corrected the public flag of {flags} products."))
        self.stdout.write(
            self.style.SUCCESS(f"Corrected the province or export experience of {others} products.")
        )
        kinds = product_certification_kinds_refresh()
        self.stdout.write(self.style.SUCCESS(f"Corrected the certifications of {kinds} products."))
