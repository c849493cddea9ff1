"""The printable catalogue of an expo, for everyone (`/<lang>/expos/<slug>/catalogue.pdf`)."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from core.files import private_storage
from core.queue import task_enqueue
from expo.models import Expo
from reports import catalogue
from reports.services import catalogue_request
from reports.tasks import catalogue_build_task

PUBLIC_STATUSES = (Expo.Status.PUBLISHED, Expo.Status.LIVE, Expo.Status.CLOSED)


@require_safe
def catalogue_pdf(request, slug: str):
    expo = get_object_or_404(Expo, slug=slug, status__in=PUBLIC_STATUSES)
    language = (get_language() or "id").split("-")[0]
    version = catalogue.catalogue_version(expo=expo)
    name = catalogue.catalogue_name(expo=expo, version=version, language=language)
    storage = private_storage()
    if not storage.exists(name) and catalogue_request(
        expo=expo, language=language, version=version
    ):
        # Built by a worker, once however many ask; with no broker (demo) it is built here.
        task_enqueue(catalogue_build_task, expo_id=expo.pk, language=language)
    if not storage.exists(name):
        response = render(request, "reports/catalogue_pending.html", {"expo": expo}, status=503)
        response["Retry-After"] = "30"
        return response
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError as error:  # replaced by a newer version a moment ago
        raise Http404 from error
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{expo.slug}-{language}.pdf"'
    response["Cache-Control"] = "public, max-age=300"
    return response
