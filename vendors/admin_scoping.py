"""Regional coordinators act in the admin only on their own regencies' records.

Use `RegionScopedAdminMixin` on every ModelAdmin of vendor-owned records (vendors, products,
booths…), with `regency_path` leading from the model to its Regency. A coordinator's changelist
lists only their regencies; any other object is "not found" to them (admin's own redirect with a
message), for viewing and changing alike. Other staff (curators) see everything.
"""

from django.contrib import admin
from django.db.models import QuerySet

from vendors.models import RegionalCoordinator


def coordinator_regency_ids(user) -> list[int] | None:
    """The regencies a coordinator is limited to; None for everyone else."""
    if not user.is_authenticated or user.is_superuser:
        return None
    coordinator = RegionalCoordinator.objects.filter(user=user).first()
    if coordinator is None:
        return None
    return list(coordinator.regencies.values_list("pk", flat=True))


def scope_to_coordinator(queryset: QuerySet, user, regency_path: str) -> QuerySet:
    regency_ids = coordinator_regency_ids(user)
    if regency_ids is None:
        return queryset
    return queryset.filter(**{f"{regency_path}__in": regency_ids})


class RegionScopedAdminMixin:
    regency_path = "regency"

    def get_queryset(self, request):
        return scope_to_coordinator(super().get_queryset(request), request.user, self.regency_path)


class ScopedReadOnlyAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    """Statistics rows: written by tasks, only looked at (within a coordinator's regencies)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
