from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "trade"
    verbose_name = _("Trade")

    def ready(self) -> None:
        from trade import receivers  # noqa: F401
