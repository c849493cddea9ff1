from django.conf.urls.i18n import i18n_patterns

from bench.hello import urlpatterns as hello_patterns
from bench.reference import urlpatterns as reference_patterns
from config.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401

urlpatterns = [
    *urlpatterns,
    *hello_patterns,
    *i18n_patterns(*reference_patterns, prefix_default_language=True),
]
