"""Writes of the reports app: the printable expo catalogue."""

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import translation

from core.files import private_storage
from expo.models import Expo
from reports import catalogue


def catalogue_build(*, expo: Expo, language: str) -> str:
    """Write the PDF of the edition's current content unless it exists; returns its name.

    Older versions of the same edition are removed, so one file per edition stays.
    """
    with translation.override(language):
        version = catalogue.catalogue_version(expo=expo)
    name = catalogue.catalogue_name(expo=expo, version=version, language=language)
    storage = private_storage()
    if not storage.exists(name):
        with translation.override(language):
            pdf = catalogue.render_catalogue(expo=expo)
        storage.save(name, ContentFile(pdf))
    cache.set(catalogue.built_key(expo.pk, language), name, timeout=None)
    folder = catalogue.catalogue_folder(expo=expo, language=language)
    try:
        _, files = storage.listdir(folder)
    except FileNotFoundError:
        files = []
    for other in files:
        if f"{folder}/{other}" != name:
            storage.delete(f"{folder}/{other}")
    return name
