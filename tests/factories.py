"""factory_boy factories for every model the apps share. Apps may add more in tests/<app>/."""

import datetime as dt
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from buyers.models import BuyerProfile, Favourite, Inquiry, InquiryMessage
from catalog.models import Category, Product
from core.images import image_process
from core.models import ExchangeRate, Image, Regency
from expo.models import AvailabilitySlot, Booth, Expo, Hall, Meeting
from tests.images import jpeg_bytes
from trade.models import Deal
from vendors.models import Certification, Vendor, VendorMember

PASSWORD = "a-long-test-password-2024"


def regency(code: str = "35.24") -> Regency:
    """A regency from the data migration (Kabupaten Lamongan by default)."""
    return Regency.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class VerifiedUserFactory(UserFactory):
    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class VendorFactory(factory.django.DjangoModelFactory):
    """A verified vendor in Lamongan with an owner (pass `owner=` to choose the user)."""

    class Meta:
        model = Vendor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"UMKM Maju Jaya {n}")
    slug = factory.Sequence(lambda n: f"umkm-maju-jaya-{n}")
    legal_form = Vendor.LegalForm.UD
    nib = factory.Sequence(lambda n: f"{9120000000000 + n}")
    regency = factory.LazyFunction(regency)
    whatsapp = "+6281234567890"
    description_id = "Kerajinan tangan dari Lamongan."
    description_en = "Handicrafts from Lamongan."
    status = Vendor.Status.VERIFIED
    onboarding_step = 6

    @factory.post_generation
    def owner(obj, create, extracted, **kwargs):
        if create:
            VendorMember.objects.create(
                vendor=obj, user=extracted or VerifiedUserFactory(), role=VendorMember.Role.OWNER
            )


class VendorMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VendorMember

    vendor = factory.SubFactory(VendorFactory)
    user = factory.SubFactory(VerifiedUserFactory)
    role = VendorMember.Role.STAFF


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    vendor = factory.SubFactory(VendorFactory)
    kind = Certification.Kind.HALAL
    number = factory.Sequence(lambda n: f"ID35110000{n:05d}")
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=365))


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name_id = factory.Sequence(lambda n: f"Kategori {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    vendor = factory.SubFactory(VendorFactory)
    category = factory.SubFactory(CategoryFactory)
    name_id = factory.Sequence(lambda n: f"Sarung tenun ikat {n}")
    name_en = factory.Sequence(lambda n: f"Woven ikat sarong {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    description_id = "Sarung tenun ikat khas Parengan."
    description_en = "Hand-woven ikat sarong from Parengan."
    price_min_idr = Decimal(250000)
    moq = 10
    status = Product.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def searchable(obj, create, extracted, **kwargs):
        """Like the catalogue's services do, so factory products are found by search."""
        if create:
            from catalog.services import product_search_refresh

            product_search_refresh(product_ids=[obj.pk])


class BuyerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuyerProfile

    user = factory.SubFactory(VerifiedUserFactory, time_zone="Asia/Qatar", language="en")
    country = "QA"
    city = "Doha"
    buyer_type = BuyerProfile.BuyerType.SHOP
    display_currency = "QAR"


class FavouriteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Favourite

    user = factory.SubFactory(VerifiedUserFactory)
    product = factory.SubFactory(ProductFactory)


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    buyer = factory.SubFactory(BuyerProfileFactory)
    product = factory.SubFactory(ProductFactory)
    vendor = factory.SelfAttribute("product.vendor")
    quantity = 100
    target_currency = "QAR"
    destination_country = "QA"
    last_message_at = factory.LazyFunction(timezone.now)


class InquiryMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InquiryMessage

    inquiry = factory.SubFactory(InquiryFactory)
    sender = factory.SelfAttribute("inquiry.buyer.user")
    side = InquiryMessage.Side.BUYER
    body = "Could you send your price for 100 pieces?"


class ExpoFactory(factory.django.DjangoModelFactory):
    """An expo that is live now, applications already closed."""

    class Meta:
        model = Expo

    name = factory.Sequence(lambda n: f"UMKM Virtual Expo Jawa Timur {2021 + n} · I")
    slug = factory.Sequence(lambda n: f"expo-{n}")
    applications_open_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=40))
    applications_close_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=20))
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=6))
    status = Expo.Status.LIVE


class HallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hall

    expo = factory.SubFactory(ExpoFactory)
    name_id = factory.Sequence(lambda n: f"Paviliun {n}")
    name_en = factory.Sequence(lambda n: f"Pavilion {n}")
    slug = factory.Sequence(lambda n: f"hall-{n}")


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    expo = factory.SubFactory(ExpoFactory)
    vendor = factory.SubFactory(VendorFactory)
    hall = factory.SubFactory(HallFactory, expo=factory.SelfAttribute("..expo"))
    number = factory.Sequence(lambda n: n + 1)
    tagline_id = "Tenun ikat warisan Parengan"
    tagline_en = "Ikat weaving from Parengan"
    status = Booth.Status.APPROVED


class AvailabilitySlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AvailabilitySlot

    expo = factory.SubFactory(ExpoFactory)
    vendor = factory.SubFactory(VendorFactory)
    starts_at = factory.Sequence(
        lambda n: (
            (timezone.now() + dt.timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
            + dt.timedelta(minutes=30 * n)
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=30))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    slot = factory.SubFactory(AvailabilitySlotFactory)
    vendor = factory.SelfAttribute("slot.vendor")
    buyer = factory.SubFactory(BuyerProfileFactory)
    starts_at = factory.SelfAttribute("slot.starts_at")
    ends_at = factory.SelfAttribute("slot.ends_at")


class DealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deal

    vendor = factory.SubFactory(VendorFactory)
    stage = Deal.Stage.SHIPPED
    amount = Decimal(1000)
    currency = "USD"
    exchange_rate = Decimal(15000)
    amount_idr = factory.LazyAttribute(lambda o: o.amount * o.exchange_rate)
    destination_country = "QA"
    date = factory.LazyFunction(timezone.localdate)


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRate
        django_get_or_create = ("currency", "date")

    currency = "USD"
    date = factory.LazyFunction(timezone.localdate)
    rate_idr = Decimal(15000)


class ImageFactory(factory.django.DjangoModelFactory):
    """An uploaded photo waiting for the worker; `ImageFactory(processed=True)` is ready."""

    class Meta:
        model = Image
        skip_postgeneration_save = True

    original = factory.LazyFunction(
        lambda: SimpleUploadedFile("photo.jpg", jpeg_bytes(size=(1600, 1200)), "image/jpeg")
    )

    @factory.post_generation
    def processed(obj, create, extracted, **kwargs):
        if create and extracted:
            image_process(image=obj)


def staff_groups_load() -> None:
    """The "Curator" and "Regional coordinator" groups with the permissions their data migrations
    give them (a transactional test's flush empties the groups; the permissions come back)."""
    import importlib

    from django.contrib.auth.models import Group, Permission

    def migration(name: str):
        return importlib.import_module(name)

    grants: dict[str, set[tuple[str, str]]] = {}
    for group, spec in migration(
        "vendors.migrations.0002_curator_and_coordinator_groups"
    ).GROUPS.items():
        grants.setdefault(group, set()).update(
            (app, f"{action}_{model}")
            for app, models in spec.items()
            for model, actions in models.items()
            for action in actions
        )
    for group, models in migration("trade.migrations.0001_initial").GROUP_PERMISSIONS.items():
        grants[group].update(
            ("trade", f"{action}_{model}")
            for model, actions in models.items()
            for action in actions
        )
    for group in grants:
        grants[group].add(("expo", "nominate_booth"))
    scores = migration("expo.migrations.0008_curators_score_booths").CODENAMES
    grants["Curator"].update(("expo", codename) for codename in scores)
    vocabulary = migration("catalog.migrations.0011_seed_search_vocabulary").CURATOR_PERMISSIONS
    grants["Curator"].update(("catalog", codename) for codename in vocabulary)
    for name, codenames in grants.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.set(
                [
                    Permission.objects.get(content_type__app_label=app, codename=codename)
                    for app, codename in sorted(codenames)
                ]
            )
