"""Reads of the vendors app."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.models import Regency
from vendors.models import Vendor, VendorInvitation, VendorMember


@dataclass(frozen=True)
class CheckItem:
    label: str
    done: bool


def vendor_checklist(vendor: Vendor, *, certification_count: int, product_count: int):
    """The profile-completeness checklist of the dashboard."""
    return [
        CheckItem(_("Business identity and NIB"), bool(vendor.nib and vendor.legal_form)),
        CheckItem(_("Regency or city"), vendor.regency_id is not None),
        CheckItem(_("WhatsApp number"), bool(vendor.whatsapp)),
        CheckItem(_("Description in Indonesian"), bool(vendor.description_id)),
        CheckItem(_("Description in English"), bool(vendor.description_en)),
        CheckItem(_("Logo"), vendor.logo_id is not None),
        CheckItem(_("At least one certification"), certification_count > 0),
        CheckItem(_("At least one published product"), product_count > 0),
    ]


# Apps above vendors add their figures of a business (products, inquiries, meetings, views) to the
# dashboard home by registering a provider in their `AppConfig.ready`; equal keys are added up.
CountProvider = Callable[[Vendor], dict[str, int]]
_count_providers: list[CountProvider] = []


def vendor_counts_register(provider: CountProvider) -> None:
    if provider not in _count_providers:
        _count_providers.append(provider)


def vendor_counts(vendor: Vendor) -> dict[str, int]:
    counts = {"certifications": vendor.certifications.count()}
    for provider in _count_providers:
        for key, value in provider(vendor).items():
            counts[key] = counts.get(key, 0) + value
    return counts


@dataclass(frozen=True)
class TaskItem:
    """One row under a task: a thread, a meeting, with the time it has been waiting since."""

    label: str
    url: str
    since: datetime | None = None


@dataclass(frozen=True)
class Task:
    """One thing a business should do next, on its dashboard home (already translated)."""

    label: str
    url: str
    count: int = 0
    detail: str = ""
    items: tuple[TaskItem, ...] = ()
    order: int = 50


# Apps above vendors add what a business should do next (products without photos, inquiries
# waiting for an answer, meetings to confirm, a booth deadline) to its dashboard home. Each
# provider runs a fixed number of queries, however many products or threads the business has.
TaskProvider = Callable[[Vendor], list[Task]]
_task_providers: list[TaskProvider] = []


def vendor_tasks_register(provider: TaskProvider) -> None:
    if provider not in _task_providers:
        _task_providers.append(provider)


def vendor_tasks(vendor: Vendor) -> list[Task]:
    """What the business should do next, most urgent first (providers give only open tasks)."""
    tasks = [task for provider in _task_providers for task in provider(vendor)]
    return sorted(tasks, key=lambda task: task.order)


ONBOARDING_STEPS = 6


def onboarding_progress(vendor: Vendor) -> dict[str, int]:
    """Registration steps done of the total (a submitted or verified business has done them all)."""
    done = vendor.onboarding_step
    if vendor.status in (Vendor.Status.SUBMITTED, Vendor.Status.VERIFIED, Vendor.Status.SUSPENDED):
        done = ONBOARDING_STEPS
    done = min(done, ONBOARDING_STEPS)
    return {
        "done": done,
        "total": ONBOARDING_STEPS,
        "percent": round(100 * done / ONBOARDING_STEPS),
    }


def team_members(*, vendor: Vendor) -> QuerySet[VendorMember]:
    """The vendor's team, the owner first, then by joining date."""
    return vendor.members.select_related("user").order_by("role", "created_at")


def invitations_pending(*, vendor: Vendor) -> QuerySet[VendorInvitation]:
    return vendor.invitations.filter(accepted_at__isnull=True)


REGENCY_NAMES_KEY = "vendors:regency-names"


def _regencies_matching(word: str) -> list[int]:
    """Regencies with a word of their name that starts with `word` (as PostgreSQL's `\\m`):
    matched here over the cached names, where a query per word of every search cost more."""
    names = cache.get(REGENCY_NAMES_KEY)
    if names is None:
        names = list(Regency.objects.values_list("pk", "name"))
        cache.set(REGENCY_NAMES_KEY, names, 600)  # regions change by data migration only
    starts = re.compile(r"\b" + re.escape(word), re.IGNORECASE)
    return [pk for pk, name in names if starts.search(name)]


def businesses_matching(words: list[str], *, limit: int = 5) -> list[Vendor]:
    """Public businesses with, for each of `words`, a word of their name or of their regency's
    name that starts with it (lower-case words without accents, e.g. a catalogue query's); by
    name, `limit` at most. The name is matched through its word index, the regency by id."""
    words = [w for w in words if re.fullmatch(r"[a-z0-9]+", w)][:6]
    if not words:
        return []
    matches = Vendor.objects.public().annotate(
        name_words=SearchVector("name", config="simple")  # as the index `vendors_vendor_name_words`
    )
    for word in words:
        prefix = SearchQuery(f"{word}:*", config="simple", search_type="raw")
        matches = matches.filter(Q(name_words=prefix) | Q(regency_id__in=_regencies_matching(word)))
    return list(matches.select_related("regency", "logo").order_by("name", "pk")[:limit])
