"""How the buyers app hooks into the apps below it: a buyer's actions on their pages."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from buyers.models import BuyerProfile, Inquiry
from buyers.selectors import (
    page_favourites,
    vendor_inquiry_counts,
    vendor_inquiry_tasks,
    vendor_response_stats,
)
from buyers.services import inquiry_people, nav_forget, recently_viewed_record
from catalog.signals import product_viewed
from core.personal import personal_part, personal_register, personal_template
from core.slots import slot_register, slot_template
from core.viewer import profile_currency_forget
from vendors.models import VendorMember
from vendors.selectors import vendor_counts_register, vendor_tasks_register

vendor_counts_register(vendor_inquiry_counts)
vendor_tasks_register(vendor_inquiry_tasks)


def _product_actions(request, items: list[dict]) -> list[str]:
    products, _vendors = page_favourites(request)
    return _product_actions_template(
        request, [{**item, "is_favourite": item["product_id"] in products} for item in items]
    )


_product_actions_template = personal_template("buyers/partials/product_actions.html")
personal_register("buyers.product_actions", _product_actions)
# The product page is shared by everyone (core.cache): its actions are the visitor's own part.
slot_register(
    "product_actions",
    lambda context, product: personal_part(
        context["request"],
        "buyers.product_actions",
        product_id=product.pk,
        product_name=product.name,
    ),
)
slot_register("vendor_actions", slot_template("buyers/partials/vendor_actions.html"))


personal_register(
    "buyers.recently_viewed", personal_template("buyers/partials/recently_viewed_loader.html")
)
slot_register(
    "product_discovery",
    lambda context, product: personal_part(
        context["request"], "buyers.recently_viewed", product_id=product.pk
    ),
)


@receiver(product_viewed, dispatch_uid="buyers:recently-viewed")
def remember_product_viewed(sender, *, product_id, user, **kwargs) -> None:
    recently_viewed_record(user=user, product_id=product_id)


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


@receiver(post_save, sender=Inquiry, dispatch_uid="buyers:nav:inquiry-saved")
@receiver(post_delete, sender=Inquiry, dispatch_uid="buyers:nav:inquiry-deleted")
def forget_thread_people(sender, *, instance, **kwargs) -> None:
    nav_forget(inquiry_people(instance))


@receiver(post_save, sender=BuyerProfile, dispatch_uid="buyers:nav:profile-saved")
@receiver(post_delete, sender=BuyerProfile, dispatch_uid="buyers:nav:profile-deleted")
def forget_buyer(sender, *, instance, **kwargs) -> None:
    profile_currency_forget(instance.user_id)  # prices show "≈" in the profile's currency
    transaction.on_commit(lambda: profile_currency_forget(instance.user_id))
    nav_forget([instance.user_id])


@receiver(post_save, sender=VendorMember, dispatch_uid="buyers:nav:member-saved")
@receiver(post_delete, sender=VendorMember, dispatch_uid="buyers:nav:member-deleted")
def forget_person(sender, *, instance, **kwargs) -> None:
    nav_forget([instance.user_id])
