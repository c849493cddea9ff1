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


def test_long_labels_wrap_and_keep_their_end_never_cut_off():
    from reports.charts import label_lines

    assert label_lines("Kabupaten Lamongan 2020") == ["Kabupaten Lamongan 2020"]
    assert label_lines("Kabupaten Tanjung Jabung Timur 2020") == [
        "Kabupaten Tanjung Jabung",
        "Timur 2020",
    ]
    # Too long for two lines: the front of the last line gives way, the year stays.
    lines = label_lines("Kabupaten Kepulauan Siau Tagulandang Biaro Barat Daya 2019")
    assert len(lines) == 2
    assert lines[1].startswith("…")
    assert lines[1].endswith("Daya 2019")
    assert all(len(line) <= 24 for line in lines)


def test_the_ledger_chart_tells_two_years_of_a_long_regency_apart():
    regency = "Kabupaten Tanjung Jabung Timur"
    svg = bar_chart(
        rows=[Row(f"{regency} 2019", 100), Row(f"{regency} 2020", 50)],
        title="Ledger",
        format_value=str,
        chart_id="ledger",
    )
    assert svg.count(">Timur 2019</tspan>") == 1
    assert svg.count(">Timur 2020</tspan>") == 1
    # Two-line rows are taller: 8 + (32 + 8) * 2.
    assert 'viewBox="0 0 480 88"' in svg
