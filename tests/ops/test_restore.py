"""A backup restores into a site that shows the same catalogue, threads and ledger
(docs/operations.md, "Backups" and "Restore").

The demo is loaded into the test database, dumped with `pg_dump --format=custom` and restored with
`pg_restore --no-owner` into a fresh database; a separate process then reads the restored
database through DATABASE_URL, as a restored site would.
"""

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from catalog.models import Product
from demo.demo import seed_demo
from tests.ops.site_snapshot import site_snapshot

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 90
# Unhashed static names, as in the tests: nothing has been collected.
STATIC_STORAGE = "django.contrib.staticfiles.storage.StaticFilesStorage"


def _major(binary: Path) -> int:
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"\(PostgreSQL\) (\d+)", out).group(1))


def _client_tools(server_major: int) -> Path:
    """The folder of pg_dump and pg_restore for the server's major version: an older pg_dump
    refuses a newer server, and a newer one may write an archive an older pg_restore cannot read."""
    pgserver = importlib.util.find_spec("pgserver")  # found, not imported: its import warns
    folders = [Path(pgserver.origin).parent / "pginstall" / "bin"] if pgserver else []
    folders += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    if shutil.which("pg_dump"):
        folders.append(Path(shutil.which("pg_dump")).parent)
    found = {}
    for folder in folders:
        if (folder / "pg_dump").exists() and (folder / "pg_restore").exists():
            found.setdefault(_major(folder / "pg_dump"), folder)
    if server_major in found:
        return found[server_major]
    newer = [major for major in found if major > server_major]
    assert newer, f"no pg_dump for PostgreSQL {server_major} (found {sorted(found)})"
    return found[min(newer)]


def _libpq_env(settings_dict: dict) -> dict[str, str]:
    env = {**os.environ, "PGHOST": settings_dict["HOST"] or "127.0.0.1"}
    env["PGPORT"] = str(settings_dict["PORT"] or 5432)
    env["PGUSER"] = settings_dict["USER"] or "postgres"
    if settings_dict["PASSWORD"]:
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def _database_url(settings_dict: dict, name: str) -> str:
    user = quote(settings_dict["USER"] or "postgres", safe="")
    if settings_dict["PASSWORD"]:
        user += ":" + quote(settings_dict["PASSWORD"], safe="")
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    if host.startswith("/"):  # the embedded server's socket folder
        return f"postgres://{user}@:{port}/{name}?host={quote(host)}"
    return f"postgres://{user}@{host}:{port}/{name}"


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_restored_dump_serves_the_same_catalogue_threads_and_ledger(
    regions, categories, tmp_path
):
    seed_demo()
    original = json.loads(json.dumps(site_snapshot()))
    assert len(original["catalogue"]) == Product.objects.public().count() > 10
    assert sum(original["threads"].values()) > len(original["threads"]) > 0
    assert original["ledger"]

    settings_dict = connection.settings_dict
    tools = _client_tools(connection.pg_version // 10000)
    env = _libpq_env(settings_dict)
    restored = f"{settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    dump = tmp_path / "expo.dump"

    def run(*args: str | Path) -> None:
        result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=TIMEOUT)
        assert result.returncode == 0, result.stderr

    run(tools / "pg_dump", "--format=custom", "--file", dump, settings_dict["NAME"])
    run(tools / "createdb", restored)
    try:
        run(tools / "pg_restore", "--no-owner", "--exit-on-error", "--dbname", restored, dump)
        result = subprocess.run(
            [sys.executable, "-m", "tests.ops.site_snapshot"],
            cwd=ROOT,
            env={
                **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_URL"}},
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "DATABASE_URL": _database_url(settings_dict, restored),
                "CELERY_BROKER_URL": "",
                # A cache of its own: nothing may come from the original site's pages.
                "EXPO_VAR_DIR": str(tmp_path / "restored-var"),
                "DJANGO_ALLOWED_HOSTS": "testserver",
                "DJANGO_STATICFILES_STORAGE": STATIC_STORAGE,
            },
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert result.returncode == 0, result.stderr
        after = json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        run(tools / "dropdb", "--if-exists", restored)

    assert after["catalogue"] == original["catalogue"]
    assert after["threads"] == original["threads"]
    assert after["ledger"] == original["ledger"]
