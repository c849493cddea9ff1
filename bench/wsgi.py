"""gunicorn entry point for the benchmark: the production app plus the reference page, and an
`X-Queries` header counting the SQL queries of each request."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection

django_app = get_wsgi_application()
settings.ROOT_URLCONF = "bench.urls"


def application(environ, start_response):
    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    def counting_start_response(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Queries", str(count[0]))], exc_info)

    with connection.execute_wrapper(counter):
        return django_app(environ, counting_start_response)
