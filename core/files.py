"""Where uploads are stored: generated names, never the uploader's, and private originals."""

import uuid
from pathlib import PurePath

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateFileSystemStorage(FileSystemStorage):
    """Local storage for private files: they have no URL at all."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files are not accessible via a URL; serve them through a view.")


class _PrivateStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = storages["private"]


_private = _PrivateStorage()


@receiver(setting_changed)
def _reset_private_storage(*, setting: str, **kwargs) -> None:
    if setting == "STORAGES":  # tests point it at a temporary folder
        _private._wrapped = empty


def private_storage():
    """Originals and certificates: not under MEDIA_URL; served only by permission-checked views.

    A callable for `FileField(storage=...)`; the storage behind it follows the STORAGES setting.
    """
    return _private


def generated_name(folder: str, filename: str) -> str:
    """`<folder>/<uuid>.<ext>`: the uploader's name never reaches the file system or a URL.

    The extension is kept only as a hint (lowercase letters and digits, at most 5); what a file
    really is gets decided by the code that opens it.
    """
    suffix = PurePath(filename.replace("\\", "/")).suffix.lower().lstrip(".")
    if not (suffix.isascii() and suffix.isalnum() and len(suffix) <= 5):
        suffix = "bin"
    return f"{folder.strip('/')}/{uuid.uuid4().hex}.{suffix}"


def original_upload_to(instance, filename: str) -> str:
    """Upload path of an image original (private storage)."""
    return generated_name("originals", filename)
