"""Places in a page of a lower app where apps above it add their part.

The product page (catalog) shows "save" and "ask for a quote" (buyers); a business's page (vendors)
shows its products (catalog) and booths (expo). The lower app's template names a slot —
`{% load slots %}{% slot "product_actions" product=product %}` — and each app above registers a
renderer for it in its `AppConfig.ready`. Nothing imports upwards; an app that is not installed
simply adds nothing.
"""

from collections import defaultdict
from collections.abc import Callable

from django.template import Context
from django.template.loader import get_template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

# A renderer gets the page's template context and the slot's keyword arguments; returns HTML.
Renderer = Callable[..., str]
_renderers: dict[str, list[Renderer]] = defaultdict(list)


def slot_register(name: str, renderer: Renderer) -> None:
    if renderer not in _renderers[name]:
        _renderers[name].append(renderer)


def slot_render(name: str, context: Context, **kwargs) -> SafeString:
    """The parts registered for `name`, in the order the apps registered them."""
    return format_html_join(
        "", "{}", ((renderer(context, **kwargs),) for renderer in _renderers[name])
    )


def slot_template(template_name: str, data: Callable[..., dict] | None = None) -> Renderer:
    """A renderer of `template_name` with the page's context, the slot's arguments and what
    `data(request, **arguments)` adds (the rows the part needs)."""

    def render(context: Context, **kwargs) -> str:
        values = {**context.flatten(), **kwargs}
        if data is not None:
            values.update(data(context.get("request"), **kwargs))
        return get_template(template_name).render(values)

    return render
