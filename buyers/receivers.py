"""How the buyers app hooks into the apps below it: a buyer's actions on their pages."""

from django.dispatch import receiver

from buyers.selectors import (
    recently_viewed,
    vendor_inquiry_counts,
    vendor_inquiry_tasks,
    vendor_response_stats,
)
from buyers.services import recently_viewed_record
from catalog.signals import product_viewed
from core.slots import slot_register, slot_template
from core.viewer import viewer_for
from vendors.selectors import vendor_counts_register, vendor_tasks_register

vendor_counts_register(vendor_inquiry_counts)
vendor_tasks_register(vendor_inquiry_tasks)
slot_register("product_actions", slot_template("buyers/partials/product_actions.html"))
slot_register("vendor_actions", slot_template("buyers/partials/vendor_actions.html"))


def _recently_viewed_data(request, product) -> dict:
    # Only signed-in people reach this with a user: anonymous product pages are shared.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"recent": []}
    return {
        "recent": recently_viewed(user=user, exclude_id=product.pk),
        "viewer": viewer_for(request),
    }


slot_register(
    "product_discovery",
    slot_template("buyers/partials/recently_viewed.html", _recently_viewed_data),
)


@receiver(product_viewed, dispatch_uid="buyers:recently-viewed")
def remember_product_viewed(sender, *, product, user, **kwargs) -> None:
    recently_viewed_record(user=user, product=product)


slot_register(
    "vendor_contact",
    slot_template(
        "buyers/partials/vendor_contact.html",
        lambda request, vendor: {"response": vendor_response_stats(vendor=vendor)},
    ),
)
slot_register(
    "dashboard_home",
    slot_template(
        "buyers/dashboard/response_panel.html",
        lambda request, vendor: {"response": vendor_response_stats(vendor=vendor)},
    ),
)
