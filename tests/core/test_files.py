import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from core.files import generated_name, private_storage


@pytest.mark.parametrize(
    ("filename", "suffix"),
    [
        ("IMG_0001.JPG", "jpg"),
        ("../../etc/passwd", "bin"),
        ("..\\..\\windows\\system.ini", "ini"),
        ("a" * 300 + ".png", "png"),
        ("photo.php.jpeg", "jpeg"),
        ("no-extension", "bin"),
        ("weird.<script>", "bin"),
    ],
)
def test_generated_names_never_use_the_uploaders_name(filename, suffix):
    name = generated_name("vendors/7/products", filename)
    assert re.fullmatch(rf"vendors/7/products/[0-9a-f]{{32}}\.{suffix}", name)


def test_private_files_live_outside_the_public_media_folder(settings):
    storage = private_storage()
    name = storage.save(generated_name("certificates", "halal.pdf"), ContentFile(b"%PDF-1.4"))
    assert storage.exists(name)
    assert not default_storage.exists(name)
    assert not str(storage.path(name)).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError, match="not accessible via a URL"):
        storage.url(name)
