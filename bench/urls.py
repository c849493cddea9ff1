from bench.hello import urlpatterns as hello_patterns
from config.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401

urlpatterns = [
    *urlpatterns,
    *hello_patterns,
]
