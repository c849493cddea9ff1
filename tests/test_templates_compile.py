"""Every template of the project compiles: a syntax error anywhere fails with the file's path.

Templates come from the DIRS of the Django template engine and from the `templates/` folder of
every project app (third-party apps ship their own tests). Compiling is what
`get_template` does, so an error in a partial that only some pages include, or in a branch no
test renders, is caught here before a visitor finds it.
"""

import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError, engines
from django.template.loader import get_template


def _template_roots() -> list[Path]:
    engine = engines["django"]
    roots = [Path(folder) for folder in engine.dirs]
    for app in apps.get_app_configs():
        folder = Path(app.path) / "templates"
        ours = Path(app.path).is_relative_to(settings.BASE_DIR)
        installed = Path(app.path).is_relative_to(sys.prefix)  # a virtualenv inside the project
        if folder.is_dir() and ours and not installed:
            roots.append(folder)
    return roots


def _template_names() -> list[str]:
    names = set()
    for root in _template_roots():
        for path in root.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".txt", ".xml", ".ics", ".svg"):
                names.add(path.relative_to(root).as_posix())
    return sorted(names)


NAMES = _template_names()


def test_the_walk_finds_the_templates():
    assert "base.html" in NAMES
    assert "vendors/partials/logo.html" in NAMES
    assert "admin/expo/booth/change_list.html" in NAMES  # admin overrides are compiled too
    assert len(NAMES) > 100


@pytest.mark.parametrize("name", NAMES)
def test_template_compiles(name):
    template = get_template(name, using="django")
    assert template.origin.name.startswith(str(settings.BASE_DIR))  # ours, not a package's


# Self-checks: the errors this file relies on are raised when a template is compiled, not only
# when the faulty line is rendered.


@pytest.mark.parametrize(
    "source",
    [
        "{{ logo.url 'webp' 320 }}",  # arguments to a method: the bug this file guards against
        "{% if x %}{{ x.url 'a' 1 }}{% endif %}",  # in a branch that is never rendered
        "{{ x|no_such_filter }}",
        "{% no_such_tag %}",
        "{% if x %}unclosed",
        "{% block a %}{% endblock b %}",
    ],
)
def test_compiling_raises_on_a_syntax_error(source):
    with pytest.raises(TemplateSyntaxError):
        Template(source)


def test_a_broken_included_template_fails_when_the_include_renders(tmp_path, settings):
    """`{% include %}` compiles its template when it renders, so a broken partial passes the
    including template's compile step; the per-file compile above (and rendering the pages in
    tests/test_pages_render.py) catches it."""
    (tmp_path / "broken_partial.html").write_text("<img src=\"{{ logo.url 'webp' 320 }}\">")
    (tmp_path / "page.html").write_text('{% include "broken_partial.html" %}')
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    page = get_template("page.html", using="django")  # compiles: the include is not followed
    with pytest.raises(TemplateSyntaxError):
        page.render({})
    with pytest.raises(TemplateSyntaxError):
        get_template("broken_partial.html", using="django")


def test_a_valid_template_renders_after_compiling():
    assert Template("{{ a.b|default:'-' }}").render(Context({"a": {"b": ""}})) == "-"
