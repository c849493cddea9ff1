import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
# The wiring and every app (a folder with an apps.py), so a new app is never left out.
SOURCES = [
    *("manage.py", "config", "templates", "static", "locale"),
    *sorted(path.parent.name for path in ROOT.glob("*/apps.py")),
]
LANGUAGES = ["id", "en"]


@pytest.fixture(scope="module")
def extracted_catalogues(tmp_path_factory) -> Path:
    """Extract every string of the code base anew, merged with the committed translations."""
    copy = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-obsolete",
            *(f"-l{lang}" for lang in LANGUAGES),
        ],
        cwd=copy,
        env={**os.environ, "DATABASE_URL": "postgres://unused@127.0.0.1:1/unused"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return copy / "locale"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_in_the_code_is_translated(extracted_catalogues, language):
    catalogue = polib.pofile(str(extracted_catalogues / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [], "run `make messages` and translate these"
    assert fuzzy == [], "these changed since they were translated"


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_catalogue_has_no_stale_strings(extracted_catalogues, language):
    fresh = {
        e.msgid
        for e in polib.pofile(str(extracted_catalogues / language / "LC_MESSAGES" / "django.po"))
    }
    committed = {
        e.msgid for e in polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    }
    assert committed - fresh == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_translations(language):
    folder = ROOT / "locale" / language / "LC_MESSAGES"
    source = {
        (e.msgid, e.msgstr or e.msgstr_plural.get(0))
        for e in polib.pofile(str(folder / "django.po"))
        if e.translated()
    }
    compiled = {
        (e.msgid, e.msgstr or e.msgstr_plural.get(0))
        for e in polib.mofile(str(folder / "django.mo"))
        if e.msgid
    }
    assert compiled == source, "run `make messages` to compile the catalogues"
