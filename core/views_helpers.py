"""What views share around calling a service."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest


@dataclass
class ServiceOutcome:
    ok: bool = True


@contextmanager
def service_errors(
    request: HttpRequest,
    *,
    form: forms.BaseForm | None = None,
    field: str | None = None,
    success: str = "",
) -> Iterator[ServiceOutcome]:
    """Run a service call; a rule it refuses (a `ValidationError`) is shown instead of raised.

    The reasons go on `form` (on `field`, or on the fields they name, or above the form) or,
    without a form, into an error message; `success` is flashed when the call went through.

        with service_errors(request, form=form, success=_("Saved.")) as outcome:
            services.booth_update(booth=booth, **form.cleaned_data)
        if outcome.ok:
            return redirect(...)
    """
    outcome = ServiceOutcome()
    try:
        yield outcome
    except ValidationError as exc:
        outcome.ok = False
        if form is None:
            messages.error(request, " ".join(exc.messages))
        elif field is None and set(getattr(exc, "error_dict", ())) <= {
            *form.fields,
            NON_FIELD_ERRORS,
        }:
            form.add_error(None, exc)  # each reason beside the field it names
        else:
            for message in exc.messages:
                form.add_error(field, message)
    else:
        if success:
            messages.success(request, success)
