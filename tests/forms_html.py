"""Read the forms and links of a rendered page the way a browser would submit them.

`page_forms(html)` gives each `<form>` with its fields; `Form.data()` is what pressing its submit
button sends (checked boxes only, the selected options, textareas' text). `page_query_names(html)`
gives the query parameter names used in the page's links. Used by the scope test of the admin
(tests/vendors/test_coordinator_writes.py) and the input fuzzer (tests/test_input_fuzz.py).
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "select-multiple" or "textarea"
    value: str = ""
    checked: bool = False
    options: list[tuple[str, bool]] = field(default_factory=list)  # (value, selected)


@dataclass
class Form:
    action: str
    method: str
    id: str
    fields: list[Field] = field(default_factory=list)

    def data(self) -> dict[str, str | list[str]]:
        sent: dict[str, list[str]] = {}
        for f in self.fields:
            if f.kind in ("submit", "button", "reset", "image", "file"):
                continue
            if f.kind in ("checkbox", "radio") and not f.checked:
                continue
            if f.kind == "select":
                chosen = [v for v, selected in f.options if selected] or [
                    v for v, _selected in f.options[:1]
                ]
                values = chosen[-1:]
            elif f.kind == "select-multiple":
                values = [v for v, selected in f.options if selected]
            else:
                values = [f.value]
            sent.setdefault(f.name, []).extend(values)
        return {name: values[0] if len(values) == 1 else values for name, values in sent.items()}


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: list | None = None
        self._textarea: Field | None = None

    def _add(self, f: Field) -> None:
        if self._form is not None and f.name:
            self._form.fields.append(f)

    def handle_starttag(self, tag, attrs):
        a = {k: v if v is not None else "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            method = a.get("method", "get").lower()
            self._form = Form(action=a.get("action", ""), method=method, id=a.get("id", ""))
            self.forms.append(self._form)
        elif tag in ("input", "button"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            self._add(Field(a.get("name", ""), kind, a.get("value", ""), "checked" in a))
        elif tag == "select":
            self._select = Field(
                a.get("name", ""), "select-multiple" if "multiple" in a else "select"
            )
            self._add(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, ""]
            self._select.options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self._textarea = Field(a.get("name", ""), "textarea")
            self._add(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        elif self._option is not None and self._option[0] is None:
            self._option[2] += data  # an option without value= sends its text

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "option" and self._option is not None and self._select is not None:
            if self._option[0] is None:
                self._select.options[-1] = (self._option[2].strip(), self._option[1])
            self._option = None
        elif tag == "textarea" and self._textarea is not None:
            self._textarea.value = self._textarea.value.removeprefix("\n")
            self._textarea = None


def _parsed(html: str) -> _Parser:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser


def page_forms(html: str) -> list[Form]:
    return _parsed(html).forms


def page_links(html: str) -> list[str]:
    return _parsed(html).links


def page_query_names(html: str) -> set[str]:
    """Names of the query parameters in the page's links (same-site links only)."""
    names = set()
    for href in page_links(html):
        parts = urlsplit(href)
        if parts.netloc:
            continue
        names.update(name for name, _value in parse_qsl(parts.query, keep_blank_values=True))
    return names
