"""The apps' layers hold in templates too (`make lint` checks Python imports with import-linter).

A template in `templates/<app>/` may load tag libraries and include or extend templates only of its
own app and the apps below it; the order is the one of the "Apps in layers" contract in
pyproject.toml. Templates outside an app's folder (the site's base layout, admin and allauth
overrides) belong to the site, above every app.
"""

import re
import tomllib
from pathlib import Path

import pytest
from django.template import engines
from django.template.backends.django import get_installed_libraries

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")
REFERENCE = re.compile(r"{%\s*(?:include|extends)\s+[\"']([\w-]+)/")


def _layers() -> list[str]:
    """Bottom first."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    return [layer for layer in reversed(layers) if layer != "config"]


LAYERS = _layers()


def _library_modules() -> dict[str, str]:
    """Tag library name → the module that defines it."""
    return {**get_installed_libraries(), **engines["django"].engine.libraries}


def _rank(app: str) -> int:
    return LAYERS.index(app) if app in LAYERS else len(LAYERS)  # the site sits on top


def _template_files() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*") if p.is_file() and p.suffix in {".html", ".txt"})


def test_the_layer_order_lists_every_app_with_code():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps == set(LAYERS)


@pytest.mark.parametrize("path", _template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_use_only_their_own_and_lower_apps(path: Path):
    folder = path.relative_to(TEMPLATES).parts[0]
    rank = _rank(folder)
    text = path.read_text()
    library_modules = _library_modules()
    wrong = []
    for names in LOAD.findall(text):
        for name in names.split():
            if name == "from":
                break  # `{% load x from lib %}`: checked as the library below
            app = library_modules.get(name, "").split(".")[0]
            if app in LAYERS and _rank(app) > rank:
                wrong.append(f"loads {name!r} of {app}")
    for app in REFERENCE.findall(text):
        if app in LAYERS and _rank(app) > rank:
            wrong.append(f"includes or extends a template of {app}")
    assert not wrong, f"{path.relative_to(TEMPLATES)} ({folder}): {', '.join(wrong)}"
