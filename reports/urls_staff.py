"""Mounted at `/admin/reports/` (config/urls.py): staff only, inside the admin site."""

from functools import wraps

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path

from reports import views_staff as views
from vendors.admin_scoping import coordinator_regency_ids

app_name = "reports"

staff = admin.site.admin_view


def curators(view):
    """Reports span every region: staff limited to some regencies (coordinators) get 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if coordinator_regency_ids(request.user) is not None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


urlpatterns = [
    path("", staff(curators(views.expo_list)), name="index"),
    path("expos/<int:pk>/", staff(curators(views.expo_dashboard)), name="expo_dashboard"),
    path("ledger/", staff(curators(views.ledger)), name="ledger"),
    path("market/", staff(curators(views.market)), name="market"),
    path("exports/", staff(views.export_list), name="export_list"),
]
