from django.contrib.admin.apps import AdminConfig


class ExpoAdminConfig(AdminConfig):
    """django.contrib.admin with BI's site (core/admin_site.py) as the default `admin.site`."""

    default_site = "core.admin_site.ExpoAdminSite"
