from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from bench.reference import urlpatterns as reference_patterns
from config.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def hello(request):
    """The least a Django page can do: the full middleware stack, no template, no query."""
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [
    path("bench/hello/", hello),
    *urlpatterns,
    *i18n_patterns(*reference_patterns, prefix_default_language=True),
]
