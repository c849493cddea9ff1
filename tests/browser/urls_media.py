"""The project's URLs plus public media, so Chromium can load the renditions the worker wrote
(tests run with DEBUG off, where config/urls.py serves no media)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from config.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401

urlpatterns = [
    *urlpatterns,
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
