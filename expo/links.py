"""Stream, meeting and video links: which service a link points to and how a page may show it.

Nothing from another host loads before a click: a page shows a local poster, and the one script
(static/js/expo.js) swaps it for the youtube-nocookie player only when the visitor asks.
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "music.youtube.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
ZOOM_SUFFIX = "zoom.us"
MEET_HOSTS = {"meet.google.com"}
EMBED_ORIGIN = "https://www.youtube-nocookie.com"
_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")  # YouTube ids are 11 characters


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def youtube_id(url: str) -> str:
    """The video id of a YouTube link (watch, youtu.be, live, shorts, embed), else ""."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host not in YOUTUBE_HOSTS:
        return ""
    if host == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
    elif parts.path == "/watch":
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    else:
        pieces = parts.path.strip("/").split("/")
        prefixed = len(pieces) > 1 and pieces[0] in {"live", "shorts", "embed"}
        candidate = pieces[1] if prefixed else ""
    return candidate if _VIDEO_ID.match(candidate or "") else ""


def embed_url(url: str) -> str:
    """The privacy-enhanced player of a YouTube link ("" for any other link)."""
    video = youtube_id(url)
    return f"{EMBED_ORIGIN}/embed/{video}?autoplay=1&rel=0" if video else ""


def service(url: str) -> str:
    """youtube · vimeo · zoom · meet · other ("" without a link)."""
    if not url:
        return ""
    host = _host(url)
    if host in YOUTUBE_HOSTS:
        return "youtube"
    if host in VIMEO_HOSTS:
        return "vimeo"
    if host == ZOOM_SUFFIX or host.endswith("." + ZOOM_SUFFIX):
        return "zoom"
    if host in MEET_HOSTS:
        return "meet"
    return "other"


def is_watch(url: str) -> bool:
    """A stream one watches (YouTube, Vimeo) rather than a call one joins (Zoom, Meet, other)."""
    return service(url) in {"youtube", "vimeo"}


def validate_https(url: str) -> None:
    """A link people open from the page and from their email: https only, with a host."""
    if not url:
        return
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ValidationError(_("Use an https:// link."), code="not_https")
