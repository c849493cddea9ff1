"""The worker's half of a large admin export.

Apart from core/tasks.py, which core.services and core.images enqueue from, so that the export
modules import one way: exports < exports_tasks < exports_admin. Workers load it through
CELERY_IMPORTS (autodiscovery finds only modules named `tasks`).
"""

from datetime import timedelta

from celery import shared_task

from core.exports import report_export_build, report_export_sweep
from core.models import ReportExport


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True)
def report_export_build_task(*, export_id: int) -> None:
    export = ReportExport.objects.filter(pk=export_id).first()
    if export is None:  # deleted while queued
        return
    report_export_build(export=export)  # idempotent: a ready export is left alone


@shared_task(acks_late=True)
def report_export_sweep_task(*, grace_seconds: int = 60) -> int:
    # Beat, every minute: exports whose task was lost with a killed worker or a down broker.
    return report_export_sweep(grace=timedelta(seconds=grace_seconds))
