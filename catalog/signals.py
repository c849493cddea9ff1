"""What the catalogue announces to the apps above it, which connect in their `AppConfig.ready`."""

from django.dispatch import Signal

# Sent when a signed-in person opens a published product's page (from the shared cache or not).
# Arguments: `product_id`, `user`.
product_viewed = Signal()
