"""What the vendors app announces to the apps above it, which connect in their `AppConfig.ready`.

A lower app never calls up into a higher one; it sends a signal and lets that app act.
"""

from django.dispatch import Signal

# Sent (inside the service's transaction) after a business's name, regency, address or export
# experience (exported before or not) changed: everything that copies those (the products' search
# text, province and export flag) must be refreshed. Argument: `vendor`.
vendor_identity_changed = Signal()

# Sent (inside the service's transaction) after a business's status changed (verified, rejected,
# suspended, submitted): whatever copies "is this business public" (the products' `is_public`
# flag) must follow. Argument: `vendor`.
vendor_status_changed = Signal()
