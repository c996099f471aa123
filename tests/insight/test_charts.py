"""The SVG drawing, on charts made up here: its text escaped, its shapes where the numbers say."""

import re

import pytest

from factcheck.insight.charts import Chart, Series, csv_text, nice_ceiling, svg


def chart(**changes: object) -> Chart:
    fields: dict[str, object] = {
        "slug": "test",
        "title": "A <title>",
        "description": "Numbers & words",
        "label_heading": "Day",
        "labels": ("2026-03-02", "2026-03-03"),
        "series": (
            Series("In", "#1d4ed8", (3, 1)),
            Series("Out", "#9ca3af", (2, 0), below=True),
        ),
    }
    fields.update(changes)
    return Chart(**fields)  # type: ignore[arg-type]


def heights(drawing: str) -> list[float]:
    return [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', drawing)]


def test_the_svg_is_named_for_screen_readers_and_escapes_its_text() -> None:
    drawing = svg(chart(labels=("<b>x</b>", "y")))
    assert 'role="img"' in drawing
    assert '<title id="test-svg-title">A &lt;title&gt;</title>' in drawing
    assert '<desc id="test-svg-desc">Numbers &amp; words</desc>' in drawing
    assert "<b>" not in drawing


def test_column_heights_are_proportional_to_the_values_on_both_sides_of_the_axis() -> None:
    # 3 and 1 above, 2 below: one scale for all, so 3 is three times as tall as 1.
    h = heights(svg(chart()))
    assert len(h) == 3
    assert abs(h[0] / h[2] - 3) < 0.01
    assert abs(h[0] / h[1] - 1.5) < 0.01


def test_an_empty_chart_says_so() -> None:
    drawing = svg(chart(series=(Series("In", "#1d4ed8", (0, 0)),)))
    assert "Nothing in this period." in drawing and "<rect" not in drawing


def test_bars_are_drawn_one_row_per_label_with_their_total() -> None:
    ranked = chart(
        kind="bars",
        labels=("Daily Planet", "Evening Star"),
        series=(Series("False", "#991b1b", (2, 1)), Series("True", "#15803d", (1, 0))),
    )
    drawing = svg(ranked)
    assert heights(drawing) and len(heights(drawing)) == 3
    assert re.search(r">3</text>", drawing) and re.search(r">1</text>", drawing)


def test_axis_maxima_are_round_numbers() -> None:
    assert nice_ceiling(7) == (8, 2)
    assert nice_ceiling(31) == (40, 10)
    assert nice_ceiling(0.3) == pytest.approx((0.3, 0.1))
    assert nice_ceiling(0) == (1, 1)


def test_the_csv_holds_the_table_and_neutralises_formulas() -> None:
    text = csv_text(chart(labels=("=cmd", "@x")))
    assert text.splitlines() == ["Day,In,Out", "'=cmd,3,2", "'@x,1,0"]
