"""The least a Django page can do: the benchmark's yardstick, beside which a cached page is
measured (bench/anonymous_cache.sh). Served only by bench/wsgi.py, never by the app."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello)]
