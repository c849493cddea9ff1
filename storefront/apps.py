from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StorefrontConfig(AppConfig):
    name = "storefront"
    verbose_name = _("Storefront")

    def ready(self) -> None:
        from storefront import receivers  # noqa: F401
