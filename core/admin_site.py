"""BI's admin: titled for the curators, and every ModelAdmin registered on it hardened against
hostile input in the two places where Django's own admin answers 500.

- An autocomplete field posted with something that is not an id (letters for a number)
  re-renders by filtering the related model with it: the value is now dropped from the widget
  (the form already shows "Select a valid choice").
- A `date_hierarchy` year, month or day beyond what a date can hold raises OverflowError: it is
  now an invalid lookup, which the admin answers by showing the list with an error flag.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin_queue import admin_queue


def _valid_ids(field, values) -> list:
    """The posted values the related model's key can hold; the others cannot name a row."""
    valid = []
    for value in values:
        try:
            field.target_field.to_python(value)
        except ValidationError:
            continue
        valid.append(value)
    return valid


class SafeChangeList(ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:  # a date past what datetime can hold
            raise IncorrectLookupParameters(error) from error


class SafeAutocomplete:
    """An autocomplete widget that re-renders only values that can name a row."""

    def optgroups(self, name, value, attrs=None):
        return super().optgroups(name, _valid_ids(self.field, value), attrs)

    def create_option(self, name, value, label, *args, **kwargs):
        option = super().create_option(name, value, label, *args, **kwargs)
        if value == "" and not label:
            option["label"] = "—"  # HTML wants a text in the empty choice ("none")
        return option


_safe_widgets: dict[type, type] = {}


def _safe_widget_class(widget_class: type) -> type:
    if widget_class not in _safe_widgets:
        bases = (SafeAutocomplete, widget_class)
        _safe_widgets[widget_class] = type(f"Safe{widget_class.__name__}", bases, {})
    return _safe_widgets[widget_class]


class SafeFieldsMixin:
    """For model admins and their inlines: autocomplete widgets that survive any posted value, and
    no `required` attribute on the forms' fields (a required select needs an empty first choice,
    which admin selects do not have; the server checks every required field anyway)."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.use_required_attribute = False
        return form

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.use_required_attribute = False
        return formset

    def _safe_autocomplete(self, formfield):
        widget = getattr(formfield, "widget", None)
        inner = getattr(widget, "widget", widget)  # inside the related-object wrapper
        if isinstance(inner, AutocompleteMixin) and not isinstance(inner, SafeAutocomplete):
            inner.__class__ = _safe_widget_class(type(inner))
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._safe_autocomplete(formfield)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._safe_autocomplete(formfield)


class SafeInputsMixin(SafeFieldsMixin):
    def get_changelist(self, request, **kwargs):
        return SafeChangeList

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:
            if not isinstance(inline, SafeFieldsMixin):
                inline.__class__ = _with_mixin(SafeFieldsMixin, type(inline))
        return inlines


def _with_mixin(mixin: type, cls: type) -> type:
    return type(cls.__name__, (mixin, cls), {"__module__": cls.__module__, "__doc__": cls.__doc__})


class ExpoAdminSite(admin.AdminSite):
    site_header = _("Expo UMKM · curators' desk")
    site_title = _("Expo UMKM curators")
    index_title = _("Curation and reports")

    def index(self, request, extra_context=None):
        """The front page: the work queue (core/admin_queue.py) above the app list."""
        extra_context = {**(extra_context or {}), "work_queue": admin_queue(request, self)}
        return super().index(request, extra_context)

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SafeInputsMixin):
            admin_class = _with_mixin(SafeInputsMixin, admin_class)
        super().register(model_or_iterable, admin_class, **options)
