"""What the storefront's cached pages show beyond the apps below it: a regency's official export
figures and the deals recorded there (the other apps name their own models); and the home
page's parts that are the visitor's own."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from buyers.models import BuyerProfile, Favourite
from buyers.signals import threads_changed
from core.cache import public_pages_show
from core.personal import personal_register, personal_template
from expo.models import Meeting
from storefront.selectors import buyer_corner_cached, buyer_corner_forget
from trade.models import Deal, RegencyExportStat

public_pages_show(RegencyExportStat, Deal)


def _corner_data(request, items: list[dict]) -> dict:
    user = request.user
    return {"corner": buyer_corner_cached(user=user) if user.is_authenticated else None}


# The home page's parts that are the visitor's own (core.personal).
personal_register(
    "storefront.hero_actions", personal_template("storefront/personal/hero_actions.html")
)
personal_register(
    "storefront.corner", personal_template("storefront/personal/corner.html", _corner_data)
)


@receiver(threads_changed, dispatch_uid="storefront:corner:threads")
def forget_corners_of_threads(sender, *, user_ids, **kwargs) -> None:
    buyer_corner_forget(user_ids)


@receiver(post_save, sender=Favourite, dispatch_uid="storefront:corner:favourite-saved")
@receiver(post_delete, sender=Favourite, dispatch_uid="storefront:corner:favourite-deleted")
def forget_corner_of_favourite(sender, *, instance, **kwargs) -> None:
    buyer_corner_forget([instance.user_id])


@receiver(post_save, sender=Meeting, dispatch_uid="storefront:corner:meeting-saved")
@receiver(post_delete, sender=Meeting, dispatch_uid="storefront:corner:meeting-deleted")
def forget_corner_of_meeting(sender, *, instance, **kwargs) -> None:
    buyer_corner_forget(
        BuyerProfile.objects.filter(pk=instance.buyer_id).values_list("user_id", flat=True)
    )
