"""Rows for the admin scale test (test_admin_scale.py): a few thousand of any registered model.

By default a row is made with the model's factory (from `tests.factories` or any
`tests/<app>/factories.py`) and then cloned with `bulk_create`, every unique field and every
unique constraint given distinct values (related rows are cloned too when a constraint needs
them). A model that cannot be cloned that way gets its own maker in `MAKERS`.
"""

import datetime as dt
import importlib
import pkgutil
from decimal import Decimal

import factory
from django.db import models

import tests

MAKERS: dict = {}  # "app_label.Model" -> callable(n) -> None, for models the cloner cannot make
TEMPLATES: dict = {}  # "app_label.Model" -> callable() -> a saved row to clone (no factory)


def _factories() -> dict:
    found = {}
    modules = ["tests.factories"] + [
        f"tests.{info.name}.factories"
        for info in pkgutil.iter_modules(tests.__path__)
        if info.ispkg and importlib.util.find_spec(f"tests.{info.name}.factories")
    ]
    for name in modules:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, factory.django.DjangoModelFactory)
                and value._meta.model is not None
            ):
                found.setdefault(value._meta.model, value)
    return found


VARIABLE = (models.CharField, models.DateField, models.IntegerField, models.DecimalField)


def _unique_value(field: models.Field, template, i: int):
    current = getattr(template, field.attname)
    if isinstance(field, models.EmailField):
        return f"row{i}.{field.model._meta.model_name}@example.com"
    if isinstance(field, models.CharField):
        return f"{i + 1:0{min(field.max_length, 12)}d}"
    # Earlier, not later: an end time after the start (a check constraint) stays after it.
    if isinstance(field, models.DateTimeField):
        return current - dt.timedelta(minutes=30 * (i + 1))
    if isinstance(field, models.DateField):
        return current - dt.timedelta(days=i + 1)
    if isinstance(field, models.IntegerField | models.DecimalField):
        return (current or 0) + (
            Decimal(i + 1) if isinstance(field, models.DecimalField) else i + 1
        )
    raise NotImplementedError(f"{field.model._meta.label}.{field.name}: add a maker in MAKERS")


def _varied_fields(model) -> list[models.Field]:
    """One field per uniqueness rule, preferring plain fields over relations."""
    rules = [[f] for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            rules.append([model._meta.get_field(name) for name in constraint.fields])
    for together in model._meta.unique_together:
        rules.append([model._meta.get_field(name) for name in together])
    chosen: list[models.Field] = []
    for rule in rules:
        if any(f in chosen for f in rule):
            continue
        plain = [f for f in rule if not f.is_relation and isinstance(f, VARIABLE)]
        chosen.append(plain[0] if plain else rule[0])
    return chosen


def clone_rows(model, template, n: int) -> list:
    varied = _varied_fields(model)
    related = {
        f.attname: clone_rows(f.related_model, getattr(template, f.name), n)
        for f in varied
        if f.is_relation
    }
    objects = []
    for i in range(n):
        values = {
            f.attname: getattr(template, f.attname)
            for f in model._meta.concrete_fields
            if not f.primary_key
        }
        for f in varied:
            values[f.attname] = (
                related[f.attname][i].pk if f.is_relation else (_unique_value(f, template, i))
            )
        objects.append(model(**values))
    return model.objects.bulk_create(objects, batch_size=1000)


def make_rows(model, n: int) -> None:
    label = model._meta.label
    if label in MAKERS:
        MAKERS[label](n)
        return
    if label in TEMPLATES:
        template = TEMPLATES[label]()
    else:
        factory_class = _factories().get(model)
        if factory_class is None:
            raise LookupError(f"{label}: no factory; add a template or maker in {__name__}")
        template = factory_class()
    clone_rows(model, template, n)


def _outbound_emails(n: int) -> None:
    from core.models import OutboundEmail

    OutboundEmail.objects.bulk_create(
        OutboundEmail(kind="test", to=[f"r{i}@example.com"], from_email="x@example.com",
                      subject=f"Subject {i}", body_text="Body")
        for i in range(n)
    )  # fmt: skip


def _report_exports(n: int) -> None:
    from core.models import ReportExport
    from tests.reports.factories import staff_user

    user = staff_user()
    ReportExport.objects.bulk_create(
        ReportExport(requested_by=user, model="vendors.Vendor", format="csv", row_count=i)
        for i in range(n)
    )


def _catalogue_builds(n: int) -> None:
    from reports.models import CatalogueBuild
    from tests.factories import ExpoFactory

    CatalogueBuild.objects.bulk_create(
        CatalogueBuild(expo=ExpoFactory(), language="id", version=f"{i:016x}") for i in range(n)
    )


def _regencies(n: int) -> None:
    from core.models import Regency

    template = Regency.objects.order_by("pk").first()
    clone_rows(Regency, template, n)


def _email_addresses(n: int) -> None:
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    clone_rows(EmailAddress, EmailAddress(user=UserFactory(), email="a@example.com"), n)


def _authenticators(n: int) -> None:
    from allauth.mfa.models import Authenticator

    from accounts.models import User
    from tests.factories import UserFactory

    users = clone_rows(User, UserFactory(), n)
    Authenticator.objects.bulk_create(
        Authenticator(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
        for user in users
    )


def _groups(n: int) -> None:
    from django.contrib.auth.models import Group

    Group.objects.bulk_create(Group(name=f"Group {i}") for i in range(n))


MAKERS.update(
    {
        "core.OutboundEmail": _outbound_emails,
        "core.ReportExport": _report_exports,
        "reports.CatalogueBuild": _catalogue_builds,
        "core.Regency": _regencies,
        "account.EmailAddress": _email_addresses,
        "mfa.Authenticator": _authenticators,
        "auth.Group": _groups,
    }
)


def _image():
    from core.models import Image

    return Image.objects.create(original="originals/template.jpg")


def _vendor_invitation():
    from tests.factories import VendorFactory
    from vendors.models import VendorInvitation

    return VendorInvitation.objects.create(vendor=VendorFactory(), email="staff@example.com")


def _vendor_review():
    from tests.factories import VendorFactory
    from vendors.models import VendorReview

    return VendorReview.objects.create(vendor=VendorFactory(), decision="verified")


def _coordinator():
    from tests.factories import UserFactory
    from vendors.models import RegionalCoordinator

    return RegionalCoordinator.objects.create(user=UserFactory(is_staff=True))


def _export_stat():
    from tests.factories import regency
    from trade.models import RegencyExportStat

    return RegencyExportStat.objects.create(regency=regency(), year=2020, value_idr=10**9)


def _product_image():
    from catalog.models import ProductImage
    from tests.factories import ProductFactory

    return ProductImage.objects.create(product=ProductFactory(), image=_image())


def _booth_score():
    from expo.models import BoothScore
    from tests.factories import BoothFactory, UserFactory

    return BoothScore.objects.create(
        booth=BoothFactory(), curator=UserFactory(is_staff=True), originality=4,
        quality_capacity=4, packaging=3, legality=5,
    )  # fmt: skip


def _expo_session():
    from django.utils import timezone

    from expo.models import ExpoSession
    from tests.factories import ExpoFactory

    start = timezone.now()
    return ExpoSession.objects.create(
        expo=ExpoFactory(), kind="talk", title_id="Bincang ekspor", title_en="Export talk",
        starts_at=start, ends_at=start + dt.timedelta(hours=1),
    )  # fmt: skip


TEMPLATES.update(
    {
        "core.Image": _image,
        "vendors.VendorInvitation": _vendor_invitation,
        "vendors.VendorReview": _vendor_review,
        "vendors.RegionalCoordinator": _coordinator,
        "trade.RegencyExportStat": _export_stat,
        "catalog.ProductImage": _product_image,
        "expo.BoothScore": _booth_score,
        "expo.ExpoSession": _expo_session,
    }
)


def _declined_meeting():
    # Declined: neither "one active meeting per slot" nor "no overlapping meetings" applies.
    from expo.models import Meeting
    from tests.factories import MeetingFactory

    return MeetingFactory(status=Meeting.Status.DECLINED)


def _meeting_reminders(n: int) -> None:
    from expo.models import Meeting, MeetingReminder

    meetings = clone_rows(Meeting, _declined_meeting(), n)
    MeetingReminder.objects.bulk_create(
        MeetingReminder(meeting=meeting, kind=MeetingReminder.Kind.values[0])
        for meeting in meetings
    )


def _booth_visit_day():
    from expo.models import BoothVisitDay
    from tests.factories import BoothFactory

    return BoothVisitDay.objects.create(
        booth=BoothFactory(), day=dt.date(2021, 3, 1), visits=3, unique_visitors=2
    )


def _product_view_day():
    from catalog.models import ProductViewDay
    from tests.factories import ProductFactory

    return ProductViewDay.objects.create(
        product=ProductFactory(), day=dt.date(2021, 3, 1), views=3, unique_visitors=2
    )


def _visit_events(n: int) -> None:
    from core.models import VisitEvent

    VisitEvent.objects.bulk_create(
        VisitEvent(kind=VisitEvent.Kind.BOOTH, object_id=i % 7, visitor=f"{i:032x}")
        for i in range(n)
    )


TEMPLATES.update(
    {
        "expo.Meeting": _declined_meeting,
        "expo.BoothVisitDay": _booth_visit_day,
        "catalog.ProductViewDay": _product_view_day,
    }
)
MAKERS.update({"expo.MeetingReminder": _meeting_reminders, "core.VisitEvent": _visit_events})


def _exchange_rates(n: int) -> None:
    from core.models import ExchangeRate

    start = dt.date(2000, 1, 1)
    ExchangeRate.objects.bulk_create(
        ExchangeRate(currency="USD", date=start + dt.timedelta(days=i), rate_idr=Decimal(15000))
        for i in range(n)
    )


MAKERS["core.ExchangeRate"] = _exchange_rates


def _recently_viewed():
    from django.utils import timezone

    from buyers.models import RecentlyViewed
    from tests.factories import ProductFactory, UserFactory

    return RecentlyViewed.objects.create(
        user=UserFactory(), product=ProductFactory(), viewed_at=timezone.now()
    )


def _session_reminder():
    from expo.models import SessionReminder
    from tests.factories import UserFactory

    return SessionReminder.objects.create(
        session=_expo_session(), user=UserFactory(), kind=SessionReminder.Kind.DAY
    )


TEMPLATES.update(
    {"buyers.RecentlyViewed": _recently_viewed, "expo.SessionReminder": _session_reminder}
)
