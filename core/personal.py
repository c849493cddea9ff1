"""The per-visitor parts of a page that is shared by everyone.

A public page (home, expo, booth, product, catalogue…) is rendered once, for an anonymous
visitor, and kept in the cache (core.cache). A signed-in visitor gets that same stored page with
only their own parts put in: the account menu, favourite buttons, the quote button, "for you".
Each such part is written in a template as

    {% load personal %}{% personal "expo.session_registration" session_id=session.pk %}

which renders the part for the current visitor and marks where it is:

    <!--personal {"name":"expo.session_registration","session_id":7}-->…HTML…<!--/personal-->

`personal_splice()` replaces every marked part of a stored page with the part rendered for the
visitor now asking, one renderer call per part name (so a page's 24 favourite buttons cost one
query). Everything is still plain links and forms: nothing needs JavaScript.

The app that owns a part registers its renderer (`personal_register`) in its `AppConfig.ready`;
arguments are small JSON values (ids, slugs, names), never objects.
"""

import json
import re
from collections import defaultdict
from collections.abc import Callable

from django.http import HttpRequest
from django.template.context import make_context
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

# Renders the part for each item (its arguments) for the visitor of `request`, in order.
Renderer = Callable[[HttpRequest, list[dict]], list[str]]
_renderers: dict[str, Renderer] = {}

_MARK_RE = re.compile(r"<!--personal (\{.*?\})-->(.*?)<!--/personal-->", re.DOTALL)
# Inside an HTML comment neither "--" nor ">" may appear: JSON escapes them away.
_COMMENT_SAFE = str.maketrans({"-": "\\u002d", ">": "\\u003e", "<": "\\u003c"})


def personal_register(name: str, renderer: Renderer) -> None:
    _renderers[name] = renderer


def personal_template(
    template_name: str, data: Callable[[HttpRequest, list[dict]], dict] | None = None
) -> Renderer:
    """A renderer of `template_name` once per item, with the request's context processors, the
    item's arguments, and `data(request, items)` computed once for all the page's items."""

    def render(request: HttpRequest, items: list[dict]) -> list[str]:
        template = get_template(template_name).template
        context = make_context(data(request, items) if data is not None else {}, request)
        with context.bind_template(template):  # the context processors run once per page
            rendered = []
            for item in items:
                with context.push(item):
                    rendered.append(template.render(context))
        return rendered

    return render


def personal_part(request: HttpRequest, name: str, **arguments) -> SafeString:
    """The part `name` rendered for this visitor, marked so a stored copy can be personalised."""
    (html,) = _renderers[name](request, [arguments])
    return mark_safe(_marked(name, arguments, html))  # noqa: S308 — rendered by a template


def _marked(name: str, arguments: dict, html: str) -> str:
    label = json.dumps({"name": name, **arguments}, ensure_ascii=False, separators=(",", ":"))
    return f"<!--personal {label.translate(_COMMENT_SAFE)}-->{html}<!--/personal-->"


def personal_splice(request: HttpRequest, content: str) -> str:
    """`content` (a page stored for everyone) with each marked part rendered for this visitor."""
    found = [(m, json.loads(m.group(1))) for m in _MARK_RE.finditer(content)]
    if not found:
        return content
    by_name: dict[str, list[dict]] = defaultdict(list)
    for _match, label in found:
        by_name[label["name"]].append(label)
    rendered: dict[str, list[str]] = {}
    for name, labels in by_name.items():
        items = [{k: v for k, v in label.items() if k != "name"} for label in labels]
        rendered[name] = _renderers[name](request, items)
    taken: dict[str, int] = defaultdict(int)
    pieces, last = [], 0
    for match, label in found:
        name = label["name"]
        html = rendered[name][taken[name]]
        taken[name] += 1
        # The same marker around the visitor's own part, as a full render would write it.
        pieces += [
            content[last : match.start()],
            f"<!--personal {match.group(1)}-->{html}<!--/personal-->",
        ]
        last = match.end()
    pieces.append(content[last:])
    return "".join(pieces)
