"""Absolute links for emails: a worker has no request, so every address starts at SITE_URL."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation

from core.models import site_url


def email_language(language: str | None) -> str:
    """A language the site speaks: the given one, else the site default (Indonesian)."""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def absolute_url(
    target: str | models.Model,
    *,
    language: str | None,
    args: list | tuple | None = None,
    kwargs: dict | None = None,
) -> str:
    """`SITE_URL/<language>/…` for a URL name (with `args`/`kwargs`) or a model's own page.

    Pages outside the language prefix (the admin, `/health/`) come out without one.
    """
    with translation.override(email_language(language)):
        if isinstance(target, models.Model):
            path = target.get_absolute_url()
        else:
            path = reverse(target, args=args, kwargs=kwargs)
    return site_url(path)


def absolute_file_url(url: str) -> str:
    """A stored file's address made absolute (`SITE_URL/media/…`) for previews other sites fetch
    (Open Graph); a storage that already answers full URLs keeps them."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return site_url(url)
