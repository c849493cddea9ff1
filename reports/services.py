"""Writes of the reports app: background exports and the printable expo catalogue."""

import io
import logging

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from core.files import private_storage
from core.models import site_url
from core.services import outbox_add
from expo.models import Expo
from reports import catalogue
from reports.exports import (
    export_link,
    model_from_label,
    objects_in_order,
    spec_for,
    write_csv,
    write_xlsx,
)
from reports.models import ReportExport

logger = logging.getLogger(__name__)


@transaction.atomic
def report_export_request(*, user, model, fmt: str, object_ids: list[int]) -> ReportExport:
    """Record a large export and build it on a worker after commit."""
    from reports.tasks import report_export_build_task

    export = ReportExport.objects.create(
        requested_by=user,
        model=model._meta.label,
        format=fmt,
        object_ids=object_ids,
        row_count=len(object_ids),
    )
    transaction.on_commit(lambda: report_export_build_task.delay(export_id=export.pk))
    return export


def _export_content(export: ReportExport, model) -> bytes:
    """The file's bytes, with headers and labels in the requester's language."""
    spec = spec_for(model)
    objects = objects_in_order(model, export.object_ids)
    with translation.override(export.requested_by.language):
        if export.format == ReportExport.Format.CSV:
            text = io.StringIO()
            write_csv(spec, objects, text)
            return text.getvalue().encode("utf-8")
        buffer = io.BytesIO()
        write_xlsx(spec, objects, buffer, str(model._meta.verbose_name_plural))
        return buffer.getvalue()


@transaction.atomic
def report_export_build(*, export: ReportExport) -> ReportExport:
    """Write the file to private storage and email the requester a signed, expiring link."""
    export = ReportExport.objects.select_for_update().get(pk=export.pk)
    if export.status == ReportExport.Status.READY:  # delivered twice by the broker
        return export
    model = model_from_label(export.model)
    content = _export_content(export, model)
    name = f"exports/{export.requested_by_id}/{export.pk}-{model._meta.model_name}.{export.format}"
    export.file.save(name, ContentFile(content), save=False)
    export.status = ReportExport.Status.READY
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "finished_at"])
    user = export.requested_by
    outbox_add(
        kind="report_export_ready",
        to=[user.email],
        template="reports/email/export_ready",
        context={
            "user": user,
            "export": export,
            "records": model._meta.verbose_name_plural,  # lazy: rendered in the user's language
            "link": site_url(export_link(export)),
        },
        language=user.language,
    )
    return export


def catalogue_build(*, expo: Expo, language: str) -> str:
    """Write the PDF of the edition's current content unless it exists; returns its name.

    Older versions of the same edition are removed, so one file per edition stays.
    """
    with translation.override(language):
        version = catalogue.catalogue_version(expo=expo)
    name = catalogue.catalogue_name(expo=expo, version=version, language=language)
    storage = private_storage()
    if not storage.exists(name):
        with translation.override(language):
            pdf = catalogue.render_catalogue(expo=expo)
        storage.save(name, ContentFile(pdf))
    cache.set(catalogue.built_key(expo.pk, language), name, timeout=None)
    folder = catalogue.catalogue_folder(expo=expo, language=language)
    try:
        _, files = storage.listdir(folder)
    except FileNotFoundError:
        files = []
    for other in files:
        if f"{folder}/{other}" != name:
            storage.delete(f"{folder}/{other}")
    return name
