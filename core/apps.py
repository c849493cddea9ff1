from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Regions and platform")

    def ready(self) -> None:
        # Register the tasks in every process, web included, so a task enqueued by name runs
        # in-process when CELERY_TASK_ALWAYS_EAGER is on (send_task ignores that setting).
        from core import tasks  # noqa: F401
        from core.personal import personal_register, personal_template

        # The visitor's own parts of every page (templates/base.html).
        personal_register("core.body", personal_template("partials/personal/body.html"))
        personal_register(
            "core.account_nav", personal_template("partials/personal/account_nav.html")
        )
