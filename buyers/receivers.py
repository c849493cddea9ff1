"""How the buyers app hooks into the apps below it: a buyer's actions on their pages."""

from buyers.selectors import vendor_inquiry_counts, vendor_inquiry_tasks, vendor_response_stats
from core.slots import slot_register, slot_template
from vendors.selectors import vendor_counts_register, vendor_tasks_register

vendor_counts_register(vendor_inquiry_counts)
vendor_tasks_register(vendor_inquiry_tasks)
slot_register("product_actions", slot_template("buyers/partials/product_actions.html"))
slot_register("vendor_actions", slot_template("buyers/partials/vendor_actions.html"))
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
