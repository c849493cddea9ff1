"""What the catalogue announces to the apps above it, which connect in their `AppConfig.ready`."""

from django.dispatch import Signal

# Sent when a signed-in person opens a published product's page (never for anonymous visitors,
# whose pages come from the shared cache). Arguments: `product`, `user`.
product_viewed = Signal()
