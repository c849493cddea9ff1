"""`{% picture image sizes="…" %}`: the one way a picture reaches a page.

    {% load pictures %}
    {% picture photo.image sizes="(min-width: 60em) 16rem, 50vw" alt=photo.alt class="card" %}

Renders a `<picture>` with a WebP `<source>` and a JPEG `<img>`, both with every rendition in
`srcset` and the given `sizes`, so the browser downloads the smallest file that is sharp enough.
An image that is missing, still processing or failed renders nothing: the page around it decides
what to show instead.
"""

import re

from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html

from core.models import Image

register = template.Library()

REM_PX = 16
_LENGTH = re.compile(r"^(\d+(?:\.\d+)?)(px|rem|em)$")


def _renditions(image: Image, kind: str) -> list[tuple[int, str]]:
    """(width, public URL) pairs, narrowest first."""
    sizes = (image.renditions or {}).get(kind) or {}
    return sorted((int(width), default_storage.url(name)) for width, name in sizes.items())


def _widest_length(sizes: str) -> int | None:
    """The widest fixed length in a `sizes` value, in CSS pixels (None if all are relative).

    `(min-width: 60em) 16rem, 50vw` → 256: each entry's length is its last word.
    """
    found = []
    for entry in sizes.split(","):
        words = entry.split()
        match = _LENGTH.match(words[-1]) if words else None
        if match:
            number, unit = float(match[1]), match[2]
            found.append(round(number * (1 if unit == "px" else REM_PX)))
    return max(found) if found else None


def _src(renditions: list[tuple[int, str]], sizes: str) -> str:
    """The smallest rendition at least as wide as the picture is shown, else the widest."""
    needed = _widest_length(sizes)
    if needed is not None:
        for width, url in renditions:
            if width >= needed:
                return url
    return renditions[-1][1]


def _srcset(renditions: list[tuple[int, str]]) -> str:
    return ", ".join(f"{url} {width}w" for width, url in renditions)


@register.simple_tag
def picture(image: Image | None, *, sizes: str, alt: str = "", loading: str = "lazy", **attrs):
    """`sizes` is required: without it the browser assumes the picture fills the viewport.

    `class` goes on the `<img>`; `loading="eager"` for the first picture a visitor sees.
    """
    if image is None or image.status != Image.Status.READY:
        return ""
    jpeg, webp = _renditions(image, "jpeg"), _renditions(image, "webp")
    if not jpeg:
        return ""
    css_class = " ".join(filter(None, ["js-placeholder", attrs.pop("class", "")]))
    if attrs:
        raise template.TemplateSyntaxError(f"picture does not take {', '.join(sorted(attrs))}")
    source = (
        format_html('<source type="image/webp" srcset="{}" sizes="{}">', _srcset(webp), sizes)
        if webp
        else ""
    )
    img = format_html(
        '<img class="{}" src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"'
        ' loading="{}" decoding="async" data-color="{}">',
        css_class,
        _src(jpeg, sizes),
        _srcset(jpeg),
        sizes,
        image.width or "",
        image.height or "",
        alt,
        loading,
        image.dominant_color,
    )
    return format_html("<picture>{}{}</picture>", source, img)
