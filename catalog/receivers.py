"""How the catalogue hooks into the apps below it: signals it follows, hooks it registers."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from catalog.forms import currency_form_for
from catalog.models import Category, Product, ProductImage, SearchSynonym, SearchVariant
from catalog.selectors import (
    photo_shown_publicly,
    product_image_hidden,
    public_vendor_products,
    vendor_product_counts,
    vendor_product_tasks,
)
from catalog.services import (
    product_certification_kinds_refresh,
    product_search_refresh,
    product_vendor_copies_refresh,
    product_view_announce,
    product_view_days_write,
)
from catalog.vocabulary import vocabulary_changed
from core.cache import public_pages_changed, public_pages_show
from core.images import image_hidden_check_register
from core.models import VisitEvent
from core.personal import personal_register, personal_template
from core.slots import slot_register, slot_template
from core.viewer import viewer_for
from core.visits import register_daily_writer, visit_listen
from vendors.models import Certification, Vendor
from vendors.selectors import vendor_counts_register, vendor_tasks_register
from vendors.signals import vendor_identity_changed, vendor_status_changed


@receiver(vendor_identity_changed)
def refresh_vendor_products_search(sender, *, vendor, **kwargs) -> None:
    """A business's regency and province are part of its products' search text; its
    province and export experience are copied onto them for the catalogue's filters."""
    product_search_refresh(vendor=vendor)
    product_vendor_copies_refresh(vendor=vendor)


@receiver(vendor_status_changed)
def refresh_vendor_products_public(sender, *, vendor, **kwargs) -> None:
    """A business's products are public only while it is verified."""
    product_vendor_copies_refresh(vendor=vendor)


@receiver(m2m_changed, sender=Product.certifications.through)
def refresh_certification_kinds_of_linked(sender, *, instance, action, reverse, pk_set, **kwargs):
    """Certifications linked to or unlinked from products (either side of the relation)."""
    if not action.startswith("post_"):
        return
    if not reverse:
        product_certification_kinds_refresh(product_ids=[instance.pk])
    elif action == "post_clear":  # a certification's products, all unlinked
        product_certification_kinds_refresh(vendor=Vendor(pk=instance.vendor_id))
    else:
        product_certification_kinds_refresh(product_ids=pk_set or [])


@receiver(post_save, sender=Certification)
@receiver(post_delete, sender=Certification)
def refresh_certification_kinds_of_vendor(sender, *, instance, **kwargs) -> None:
    """A certification's kind or expiry changed, or it was deleted (its links with it)."""
    product_certification_kinds_refresh(vendor=Vendor(pk=instance.vendor_id))


@receiver(post_save, sender=SearchVariant)
@receiver(post_delete, sender=SearchVariant)
@receiver(post_save, sender=SearchSynonym)
@receiver(post_delete, sender=SearchSynonym)
def forget_search_vocabulary(sender, **kwargs) -> None:
    """Searches use the staff's vocabulary from the cache: however an entry changes, drop it."""
    vocabulary_changed()


@receiver(post_save, sender=ProductImage)
@receiver(post_delete, sender=ProductImage)
def product_photo_changed(sender, *, instance, **kwargs) -> None:
    """Public pages show the ready photos of public products only. A photo just uploaded is
    pending (the `images` worker empties the cached pages itself once it is ready), a failed
    one never shows, and a draft's photos are seen by nobody: adding, moving or deleting those
    changes no cached page, which are then kept (each `public_pages_changed()` makes every one
    of them render again, and vendors upload all through an opening)."""
    if photo_shown_publicly(instance):
        public_pages_changed()


# Processing a draft's photo changes no public page either (see core.images._shown_publicly).
image_hidden_check_register(product_image_hidden)
# Products, their certifications and categories show on the cached public pages, and the search
# vocabulary changes what a search shows; photos: `product_photo_changed` above.
public_pages_show(Product, Product.certifications.through, Category, SearchVariant, SearchSynonym)
register_daily_writer(VisitEvent.Kind.PRODUCT, product_view_days_write)
vendor_counts_register(vendor_product_counts)
vendor_tasks_register(vendor_product_tasks)
slot_register(
    "vendor_sections",
    slot_template(
        "catalog/partials/vendor_products.html",
        lambda request, vendor: {
            "products": public_vendor_products(vendor),
            "viewer": viewer_for(request),
        },
    ),
)

visit_listen(VisitEvent.Kind.PRODUCT, product_view_announce)
personal_register(
    "catalog.currency_form",
    personal_template(
        "catalog/partials/currency_form.html",
        lambda request, items: {"currency_form": currency_form_for(request)},
    ),
)
