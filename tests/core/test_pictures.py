"""The {% picture %} tag: every picture on the site goes through it."""

import pytest
from django.core.files.storage import default_storage
from django.template import Context, Template

from core.models import Image
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def render(image, **attrs) -> str:
    """`{% picture image sizes=… %}` with each argument passed as a template variable."""
    args = " ".join(f"{name}=arg_{index}" for index, name in enumerate(attrs))
    context = {f"arg_{index}": value for index, value in enumerate(attrs.values())}
    return Template(f"{{% load pictures %}}{{% picture image {args} %}}").render(
        Context({"image": image, **context})
    )


def url(image: Image, kind: str, width: int) -> str:
    return default_storage.url(image.renditions[kind][str(width)])


def test_a_ready_image_is_a_picture_with_webp_and_jpeg_srcsets_and_the_smallest_src():
    image = ImageFactory(processed=True)  # 1600 x 1200: renditions of 320, 640 and 1280 px
    webp = ", ".join(f"{url(image, 'webp', w)} {w}w" for w in (320, 640, 1280))
    jpeg = ", ".join(f"{url(image, 'jpeg', w)} {w}w" for w in (320, 640, 1280))
    html = render(image, sizes="160px", alt="A red sarong", **{"class": "photo"})
    assert html == (
        f'<picture><source type="image/webp" srcset="{webp}" sizes="160px">'
        f'<img class="js-placeholder photo" src="{url(image, "jpeg", 320)}" srcset="{jpeg}"'
        f' sizes="160px" width="1600" height="1200" alt="A red sarong" loading="lazy"'
        f' decoding="async" data-color="{image.dominant_color}"></picture>'
    )
    assert image.dominant_color.startswith("#")


@pytest.mark.parametrize(
    ("sizes", "src_width"),
    [
        ("6rem", 320),  # a 96 px logo
        ("(min-width: 60em) 16rem, 50vw", 320),  # a product card
        ("(min-width: 60em) 36rem, 100vw", 640),  # the product gallery
        ("100vw", 1280),  # nothing fixed: the widest
    ],
)
def test_src_is_the_smallest_rendition_at_least_as_wide_as_the_picture_is_shown(sizes, src_width):
    image = ImageFactory(processed=True)
    assert f'src="{url(image, "jpeg", src_width)}"' in render(image, sizes=sizes)


def test_loading_can_be_eager_for_the_first_picture_seen():
    html = render(ImageFactory(processed=True), sizes="100vw", loading="eager")
    assert ' loading="eager" ' in html


def test_the_alt_text_is_escaped():
    html = render(ImageFactory(processed=True), sizes="100vw", alt='"><script>')
    assert 'alt="&quot;&gt;&lt;script&gt;"' in html


@pytest.mark.parametrize("state", ["pending", "failed", "missing"])
def test_an_image_that_is_not_ready_renders_nothing(state):
    image = {
        "pending": lambda: ImageFactory(),
        "failed": lambda: ImageFactory(status=Image.Status.FAILED, error=Image.Error.DAMAGED),
        "missing": lambda: None,
    }[state]()
    assert render(image, sizes="160px", alt="A photo") == ""
