"""Where uploads are stored: generated names, never the uploader's, and private originals."""

import uuid
from pathlib import PurePath

from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """Local storage for private files: they have no URL at all."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files are not accessible via a URL; serve them through a view.")


def private_storage():
    """Originals and certificates: not under MEDIA_URL; served only by permission-checked views."""
    return storages["private"]


def generated_name(folder: str, filename: str) -> str:
    """`<folder>/<uuid>.<ext>`: the uploader's name never reaches the file system or a URL.

    The extension is kept only as a hint (lowercase letters and digits, at most 5); what a file
    really is gets decided by the code that opens it.
    """
    suffix = PurePath(filename.replace("\\", "/")).suffix.lower().lstrip(".")
    if not (suffix.isascii() and suffix.isalnum() and len(suffix) <= 5):
        suffix = "bin"
    return f"{folder.strip('/')}/{uuid.uuid4().hex}.{suffix}"
