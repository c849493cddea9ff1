"""Item 6: server-side SVG charts and locale-aware numbers."""

from decimal import Decimal

from django.utils import translation

from reports.charts import bar_chart
from reports.formatting import format_change, format_number
from reports.selectors import Row


def test_bar_lengths_are_proportional_and_labels_escaped():
    svg = bar_chart(
        rows=[Row("<script>", 100), Row("Half", 50), Row("None", 0)],
        title="Deals & more",
        format_value=str,
        chart_id="c1",
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert '<title id="c1-title">Deals &amp; more</title>' in svg
    # 480 wide, 170 for labels, 120 for values: the largest bar is 190 long.
    assert '<rect x="170" y="8" width="190" height="22"' in svg
    assert '<rect x="170" y="38" width="95" height="22"' in svg
    assert '<rect x="170" y="68" width="1" height="22"' in svg
    assert 'viewBox="0 0 480 98"' in svg


def test_numbers_and_changes_follow_the_language():
    with translation.override("en"):
        assert format_number(Decimal("1234567")) == "1,234,567"
        assert format_change(Decimal("-0.21498")) == "\u221221.5%"
        assert format_change(Decimal("0.5357")) == "+53.6%"
        assert format_change(None) == "—"
    with translation.override("id"):
        assert format_number(Decimal("1234567")) == "1.234.567"
        assert format_change(Decimal("-0.21498")) == "\u221221,5%"
