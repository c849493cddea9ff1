from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve

from core import views_public as core_views
from storefront import views_public as storefront_views
from trade import urls_dashboard as trade_dashboard
from vendors import urls_dashboard as vendors_dashboard

# Staff sign in through allauth (rate limits, TOTP); the admin's own form only redirects there.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("health/", core_views.health, name="health"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/switch/<str:language>/", core_views.language_switch, name="language_switch"),
    # Staff only (admin_view); under /admin/reports/ because that is where mailed links point.
    path(
        "admin/reports/exports/<str:token>/",
        admin.site.admin_view(core_views.report_export_download),
        name="report_export_download",
    ),
    path("admin/reports/", include("reports.urls_staff")),
    path("admin/", admin.site.urls),
]

# One `dashboard` namespace for the vendor area's own pages, served by the apps they belong to.
dashboard = (vendors_dashboard.urlpatterns + trade_dashboard.urlpatterns, "dashboard")

urlpatterns += i18n_patterns(
    path("", storefront_views.home, name="home"),
    path("regions/", include("storefront.urls_public")),
    path("accounts/", include("allauth.urls")),
    path("products/", include("catalog.urls_public")),
    path("vendors/", include("vendors.urls_public")),
    path("expos/", include("reports.urls_public")),
    path("expos/", include("expo.urls_public")),
    path("me/", include("buyers.urls_me")),
    path("me/expo/", include("expo.urls_me")),
    # The vendor area: every view here goes through vendors.access.vendor_area.
    path("dashboard/", include(dashboard)),
    path("dashboard/products/", include("catalog.urls_dashboard")),
    path("dashboard/inquiries/", include("buyers.urls_dashboard")),
    path("dashboard/expos/", include("expo.urls_dashboard")),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler403 = "core.views_public.permission_denied"
handler404 = "core.views_public.page_not_found"
handler500 = "core.views_public.server_error"
