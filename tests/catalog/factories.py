"""Catalogue factories: products in seeded categories, photos already processed."""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import Category, ProductImage, SearchLog, SearchSynonym, SearchVariant
from core.images import image_process
from core.models import Image
from tests.factories import ProductFactory
from tests.images import jpeg_bytes


def category(slug: str) -> Category:
    """A category of the seeded tree (data migration)."""
    return Category.objects.get(slug=slug)


def ready_image(*, size=(800, 600), color=(180, 90, 40)) -> Image:
    image = Image(original=SimpleUploadedFile("p.jpg", jpeg_bytes(size=size, color=color)))
    image.save()
    return image_process(image=image)


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    image = factory.LazyFunction(ready_image)
    position = factory.Sequence(lambda n: n)


class SearchVariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SearchVariant

    words = factory.Sequence(lambda n: f"kripik{n}, keripik{n}")


class SearchSynonymFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SearchSynonym

    term = factory.Sequence(lambda n: f"cassava{n}")
    means = "singkong"


class SearchLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SearchLog

    query = factory.Sequence(lambda n: f"keripik {n}")
    language = "id"
    results = 0
