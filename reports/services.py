"""Writes of the reports app: the printable expo catalogue."""

import logging
import zlib
from datetime import timedelta

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone, translation

from core.files import private_storage
from expo.models import Expo
from reports import catalogue
from reports.models import CatalogueBuild

logger = logging.getLogger(__name__)
# pg_advisory_xact_lock(namespace, key): the first number keeps these locks apart from others.
BUILD_LOCK_NAMESPACE = 0x43415401


def catalogue_request(*, expo: Expo, language: str, version: str) -> bool:
    """Ask for `version` of the catalogue; True when this caller must enqueue its build.

    One conditional upsert decides: the row changes (and the caller wins) only if it holds
    another version or is not already pending, so of thirty visitors asking for a stale
    catalogue at once exactly one enqueues a build; the others wait for it. Postgres makes a
    concurrent upsert of the same row wait for the first and then re-check the condition.
    """
    table = CatalogueBuild._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (expo_id, language, version, status, requested_at, attempts)
            VALUES (%s, %s, %s, %s, %s, 0)
            ON CONFLICT (expo_id, language) DO UPDATE
               SET version = EXCLUDED.version, status = EXCLUDED.status,
                   requested_at = EXCLUDED.requested_at, attempts = 0
             WHERE {table}.version <> EXCLUDED.version OR {table}.status <> EXCLUDED.status
            RETURNING id
            """,  # noqa: S608 - the table name is ours, the values are parameters
            [expo.pk, language, version, CatalogueBuild.Status.PENDING, timezone.now()],
        )
        return cursor.fetchone() is not None


def catalogue_build(*, expo: Expo, language: str) -> str:
    """Write the PDF of the edition's current content unless it exists; returns its name.

    Older versions of the same edition are removed, so one file per edition stays. One build
    per edition and language runs at a time (a transaction-scoped advisory lock, dropped with
    the connection of a worker that dies): a second one waits, then finds the file written.
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                [BUILD_LOCK_NAMESPACE, zlib.crc32(f"{expo.pk}:{language}".encode()) - 2**31],
            )
        with translation.override(language):
            version = catalogue.catalogue_version(expo=expo)
        name = catalogue.catalogue_name(expo=expo, version=version, language=language)
        storage = private_storage()
        if not storage.exists(name):
            with translation.override(language):
                pdf = catalogue.render_catalogue(expo=expo)
            storage.save(name, ContentFile(pdf))
        now = timezone.now()
        builds = CatalogueBuild.objects.filter(expo=expo, language=language)
        if not builds.filter(version=version).update(
            status=CatalogueBuild.Status.READY, built_at=now
        ):
            CatalogueBuild.objects.get_or_create(
                expo=expo,
                language=language,
                defaults={
                    "version": version,
                    "status": CatalogueBuild.Status.READY,
                    "built_at": now,
                },
            )
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


def catalogue_sweep(
    *, grace: timedelta = timedelta(minutes=1), limit: int = 10, max_attempts: int = 3
) -> int:
    """Build catalogues asked for but left pending (a worker died, the broker was down).

    Returns how many it built; one picked up `max_attempts` times waits for a new request.
    """
    stale = CatalogueBuild.objects.filter(
        status=CatalogueBuild.Status.PENDING,
        requested_at__lte=timezone.now() - grace,
        attempts__lt=max_attempts,
    ).select_related("expo")
    built = 0
    for build in stale.order_by("requested_at")[:limit]:
        CatalogueBuild.objects.filter(pk=build.pk).update(attempts=F("attempts") + 1)
        try:
            catalogue_build(expo=build.expo, language=build.language)
        except Exception:  # one broken catalogue must not hold up the others
            logger.exception("Building the catalogue %s failed", build)
            continue
        built += 1
    return built
