"""Rebuild the printable catalogue after a booth or its featured products change.

The booth services live in the expo app; these signals catch every path that saves a booth.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from core.queue import task_enqueue
from expo.models import Booth


def catalogue_rebuild_later(expo_id: int) -> None:
    """Rebuild the languages whose catalogue was built before; the others are built when first
    downloaded (so saving booths that nobody prints costs nothing)."""
    from django.conf import settings
    from django.core.cache import cache

    from reports.catalogue import built_key
    from reports.tasks import catalogue_build_task

    for language, _name in settings.LANGUAGES:
        if not cache.get(built_key(expo_id, language)):
            continue
        transaction.on_commit(
            lambda language=language: task_enqueue(
                catalogue_build_task, expo_id=expo_id, language=language
            )
        )


@receiver(post_save, sender=Booth)
def _booth_saved(sender, instance: Booth, **kwargs) -> None:
    catalogue_rebuild_later(instance.expo_id)


@receiver(m2m_changed, sender=Booth.featured_products.through)
def _featured_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # product.booths.add(...): instance is a product
        for expo_id in set(
            Booth.objects.filter(featured_products=instance).values_list("expo_id", flat=True)
        ):
            catalogue_rebuild_later(expo_id)
    else:
        catalogue_rebuild_later(instance.expo_id)
