"""`{% load language_links %}`: the address of this page in another language.

Plain links, not a form: a page cached for every visitor can carry them (no CSRF token), and the
language prefix of the address decides the language, whatever the visitor chose before. The
switch goes through `core.views_public.language_switch`, which also remembers the choice.
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse, translate_url
from django.utils.translation import get_language, override

register = template.Library()


@register.simple_tag(takes_context=True)
def page_in_language(context, language: str) -> str:
    """`{% page_in_language "en" %}` → `/en/products/?q=kopi` on `/id/products/?q=kopi`."""
    path = context["request"].get_full_path()
    translated = translate_url(path, language)
    if translated == path and language != get_language():
        with override(language):  # an address no pattern knows (a 404): that language's home
            return reverse("home")
    return translated


@register.simple_tag(takes_context=True)
def switch_to_language(context, language: str) -> str:
    """`{% switch_to_language "en" %}` → `/i18n/switch/en/?next=/en/products/%3Fq%3Dkopi`."""
    target = page_in_language(context, language)
    return f"{reverse('language_switch', args=[language])}?{urlencode({'next': target})}"
