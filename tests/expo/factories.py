import datetime as dt

import factory
from django.utils import timezone

from expo.models import ExpoSession
from tests.factories import ExpoFactory


class OpenExpoFactory(ExpoFactory):
    """An expo taking applications now; it goes live in a month."""

    applications_open_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=2))
    applications_close_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    ends_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=33))
    status = "applications_open"


class ExpoSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpoSession

    expo = factory.SubFactory(ExpoFactory)
    kind = ExpoSession.Kind.TALK
    title_id = factory.Sequence(lambda n: f"Bincang ekspor {n}")
    title_en = factory.Sequence(lambda n: f"Export talk {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=2))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))
