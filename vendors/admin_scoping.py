"""Regional coordinators act in the admin only on their own regencies' records.

Use `RegionScopedAdminMixin` on every ModelAdmin of vendor-owned records (vendors, products,
booths…), with `regency_path` leading from the model to its Regency. A coordinator's changelist
lists only their regencies; any other object is "not found" to them (admin's own redirect with a
message), for viewing and changing alike. Other staff (curators) see everything.

Writes hold the same scope. Each model a form can point at declares how it reaches a Regency
(`regency_scope_register`, next to the model's admin); every ForeignKey and ManyToMany choice of a
scoped admin and of its inlines (`RegionScopedInlineMixin`) is limited to the coordinator's
regencies, so an out-of-scope value is a form error ("select a valid choice"). Saving checks
again (`save_form`, `save_formset`) and refuses with 403 whatever got past the form.
"""

from collections.abc import Callable

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from core.models import Image, Regency
from vendors.models import Certification, RegionalCoordinator, Vendor, VendorMember, VendorReview

# model → ways it reaches a Regency; a row is in scope when any of them leads to one of the
# coordinator's regencies. A way is a lookup path ("vendor__regency") or a function of the
# regency ids giving a Q (for rows reached only through reverse links without a name, like
# logos and banners).
_SCOPES: dict[type[Model], list[Callable[[list[int]], Q]]] = {}


def regency_scope_register(model: type[Model], way: str | Callable[[list[int]], Q]) -> None:
    scope = (lambda ids: Q(**{f"{way}__in": ids})) if isinstance(way, str) else way
    _SCOPES.setdefault(model, []).append(scope)


def has_regency_scope(model: type[Model]) -> bool:
    return model in _SCOPES


def regency_scope(queryset: QuerySet, regency_ids: list[int]) -> QuerySet:
    """The rows of `queryset` inside the regencies (all of them for a model without a scope)."""
    ways = _SCOPES.get(queryset.model)
    if not ways:
        return queryset
    condition = Q()
    for way in ways:
        condition |= way(regency_ids)
    return queryset.filter(condition)


regency_scope_register(Regency, "pk")
regency_scope_register(Vendor, "regency")
for _model in (Certification, VendorMember, VendorReview):
    regency_scope_register(_model, "vendor__regency")
regency_scope_register(
    Image, lambda ids: Q(pk__in=Vendor.objects.filter(regency__in=ids).values("logo"))
)


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


def _scoped_choices(db: str | None, db_field, queryset: QuerySet | None, user) -> QuerySet | None:
    model = db_field.remote_field.model
    regency_ids = coordinator_regency_ids(user)
    if regency_ids is None or not has_regency_scope(model):
        return queryset
    if queryset is None:
        queryset = model._default_manager.using(db).all()
    return regency_scope(queryset, regency_ids)


def out_of_scope_fields(form, user) -> list[str]:
    """The form's fields whose chosen rows lie outside the coordinator's regencies."""
    regency_ids = coordinator_regency_ids(user)
    if regency_ids is None or not hasattr(form, "cleaned_data"):
        return []
    wrong = []
    for name, value in form.cleaned_data.items():
        rows = list(value) if isinstance(value, (QuerySet, list, tuple)) else [value]
        rows = [row for row in rows if isinstance(row, Model) and has_regency_scope(type(row))]
        if not rows:
            continue
        model = type(rows[0])
        pks = {row.pk for row in rows}
        if regency_scope(model._default_manager.filter(pk__in=pks), regency_ids).count() != len(
            pks
        ):
            wrong.append(name)
    return wrong


def _refuse_out_of_scope(form, user) -> None:
    wrong = out_of_scope_fields(form, user)
    if wrong:
        raise PermissionDenied(
            _("You can only choose records of your own regencies (%(fields)s).")
            % {"fields": ", ".join(wrong)}
        )


class RegionScopedInlineMixin:
    """For the inlines of a scoped admin: their choices are limited like the admin's own."""

    def get_field_queryset(self, db, db_field, request):
        return _scoped_choices(
            db, db_field, super().get_field_queryset(db, db_field, request), request.user
        )


class RegionScopedAdminMixin:
    regency_path = "regency"

    def get_queryset(self, request):
        return scope_to_coordinator(super().get_queryset(request), request.user, self.regency_path)

    def get_field_queryset(self, db, db_field, request):
        return _scoped_choices(
            db, db_field, super().get_field_queryset(db, db_field, request), request.user
        )

    def save_form(self, request, form, change):
        # The form's choices are already limited; this holds even if a subclass widens them.
        _refuse_out_of_scope(form, request.user)
        return super().save_form(request, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            _refuse_out_of_scope(inline_form, request.user)
        return super().save_formset(request, form, formset, change)


class ScopedReadOnlyAdmin(RegionScopedAdminMixin, admin.ModelAdmin):
    """Statistics rows: written by tasks, only looked at (within a coordinator's regencies)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
