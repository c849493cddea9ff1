from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpoConfig(AppConfig):
    name = "expo"
    verbose_name = _("Expo editions")

    def ready(self) -> None:
        from expo import receivers  # noqa: F401 - registers the hooks
