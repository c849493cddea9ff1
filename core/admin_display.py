"""How the admin shows what the site shows: a picture is a thumbnail, never an id."""

from core.templatetags.pictures import picture


def thumbnail(image, *, alt: str = ""):
    """The image's smallest rendition (80 px wide), or a dash while it is missing or processing."""
    return picture(image, sizes="80px", alt=alt, loading="lazy") or "—"
