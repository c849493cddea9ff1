"""Small server-side SVG charts: no script, no library; each is shown beside a data table."""

from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 480
BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 170
VALUE_WIDTH = 120
# Colours of the design system (app.css), AA contrast against white for the text.
BAR = "#8a3b12"
TEXT = "#1f2328"


def _truncate(text: str, length: int = 22) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def bar_chart(*, rows, title: str, format_value, chart_id: str) -> SafeString:
    """A horizontal bar chart of `rows` (objects with `label` and `value`).

    The SVG is an image with a title; screen readers get the numbers from the table beside it,
    so the chart itself is `aria-hidden` apart from its name.
    """
    values = [Decimal(row.value or 0) for row in rows]
    top = max(values, default=Decimal(0)) or Decimal(1)
    bar_space = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = max(len(rows), 1) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        format_html(
            '<svg class="report-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
            'width="{}" height="{}" role="img" aria-labelledby="{}-title">'
            '<title id="{}-title">{}</title>',
            WIDTH, height, WIDTH, height, chart_id, chart_id, title,
        )
    ]  # fmt: skip
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = int(bar_space * value / top) if value > 0 else 0
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="{}">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"></rect>'
                '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>',
                LABEL_WIDTH - 6, y + 15, TEXT, _truncate(str(row.label)),
                LABEL_WIDTH, y, max(length, 1), BAR_HEIGHT, BAR,
                LABEL_WIDTH + length + 6, y + 15, TEXT, format_value(value),
            )
        )  # fmt: skip
    if not rows:
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" fill="{}">—</text>', LABEL_WIDTH, 20, TEXT
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every value escaped
