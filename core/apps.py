from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Regions and platform")

    def ready(self) -> None:
        # Register the tasks in every process, web included, so a task enqueued by name runs
        # in-process when CELERY_TASK_ALWAYS_EAGER is on (send_task ignores that setting).
        from core import tasks  # noqa: F401
