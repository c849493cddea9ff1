"""Small server-side SVG charts: no script, no library; each is shown beside a data table."""

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH = 480
BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 170
VALUE_WIDTH = 120
# Colours of the design system (app.css), AA contrast against white for the text.
BAR = "#8a3b12"
TEXT = "#1f2328"


LINE_CHARS = 24  # what fits in LABEL_WIDTH at 12 px
LINE_HEIGHT = 14
MAX_LINES = 2


def label_lines(text: str, width: int = LINE_CHARS, lines: int = MAX_LINES) -> list[str]:
    """A label wrapped on words into at most `lines` lines. What does not fit is cut from the
    *front* of the last line ("…Jabung Timur 2020"): the end, where the year or the distinguishing
    word stands, always shows. The data table beside the chart has the full label."""
    wrapped: list[str] = []
    for word in text.split():
        if wrapped and len(wrapped[-1]) + 1 + len(word) <= width:
            wrapped[-1] += " " + word
        else:
            wrapped.append(word)
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], " ".join(wrapped[lines - 1 :])]
    return [line if len(line) <= width else "…" + line[-(width - 1) :] for line in wrapped]


def _label(x: int, y: int, text: str) -> SafeString:
    """The label's lines, centred on the bar; the full text as the label's tooltip when cut."""
    lines = label_lines(text) or [""]
    cut = " ".join(lines) != " ".join(text.split())
    if len(lines) == 1 and not cut:  # the common case: one line, as it always was
        return format_html(
            '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="{}">{}</text>',
            x, y + 15, TEXT, lines[0],
        )  # fmt: skip
    first_dy = 15 - (len(lines) - 1) * LINE_HEIGHT // 2
    spans = format_html_join(
        "",
        '<tspan x="{}" dy="{}">{}</tspan>',
        ((x, first_dy if index == 0 else LINE_HEIGHT, line) for index, line in enumerate(lines)),
    )
    return format_html(
        '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="{}">{}{}</text>',
        x, y, TEXT, format_html("<title>{}</title>", text) if cut else "", spans,
    )  # fmt: skip


def bar_chart(*, rows, title: str, format_value, chart_id: str) -> SafeString:
    """A horizontal bar chart of `rows` (objects with `label` and `value`).

    The SVG is an image with a title; screen readers get the numbers from the table beside it,
    so the chart itself is `aria-hidden` apart from its name.
    """
    values = [Decimal(row.value or 0) for row in rows]
    top = max(values, default=Decimal(0)) or Decimal(1)
    bar_space = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    # A row is as tall as its label: labels wrap onto two lines rather than being cut.
    heights = [max(BAR_HEIGHT, len(label_lines(str(row.label))) * LINE_HEIGHT + 4) for row in rows]
    height = sum(h + GAP for h in heights) + GAP if rows else BAR_HEIGHT + 2 * GAP
    parts = [
        format_html(
            '<svg class="report-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
            'width="{}" height="{}" role="img" aria-labelledby="{}-title">'
            '<title id="{}-title">{}</title>',
            WIDTH, height, WIDTH, height, chart_id, chart_id, title,
        )
    ]  # fmt: skip
    y = GAP
    for row, value, row_height in zip(rows, values, heights, strict=True):
        length = int(bar_space * value / top) if value > 0 else 0
        bar_y = y + (row_height - BAR_HEIGHT) // 2
        parts.append(_label(LABEL_WIDTH - 6, bar_y, str(row.label)))
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"></rect>'
                '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>',
                LABEL_WIDTH, bar_y, max(length, 1), BAR_HEIGHT, BAR,
                LABEL_WIDTH + length + 6, bar_y + 15, TEXT, format_value(value),
            )
        )  # fmt: skip
        y += row_height + GAP
    if not rows:
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" fill="{}">—</text>', LABEL_WIDTH, 20, TEXT
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every value escaped
