"""Charts as data, drawn as SVG on the server: no chart library, no script, no Django.

One `Chart` holds the numbers once; the page draws it (`svg`), lists it (`rows`, the
table behind "Show data"), the CSV download and the API serve the same rows. Every text
that reaches the SVG is escaped here, because outlet names, claimants and statements
are the desk's input.
"""

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Literal

from factcheck.spreadsheet import neutralise

# The drawing's own units: narrow enough that its text stays readable on a 390 px phone,
# where the SVG is shown about as wide as its viewBox.
WIDTH = 340
COLUMN_HEIGHT = 200
FONT = 11
ROW_HEIGHT = 34  # a bar chart's row: its label on one line, the bar under it
MAX_TICKS = 5  # x-axis labels on a time chart
LABEL_CHARS = 52  # a bar's label is cut to fit one line of the drawing
NO_DATA = "Nothing in this period."


@dataclass(frozen=True)
class Series:
    name: str
    colour: str  # #rrggbb
    values: tuple[float, ...]
    below: bool = False  # drawn under the axis: what went out, against what came in


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    description: str  # what the picture shows, in words, with its main numbers
    label_heading: str  # the table's first column: "Day", "Week", "Outlet"...
    labels: tuple[str, ...]  # one per column (time) or bar (ranking)
    series: tuple[Series, ...]
    kind: Literal["columns", "bars"] = "columns"
    stacked: bool = True
    unit: str = ""  # after each number: "%", " h"; empty for counts
    ticks: tuple[str, ...] = ()  # short axis labels for `labels`, when those are long
    # Text columns shown in the table after the label (a claim's rating, say).
    notes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # A bar chart's bars can each take their own colour (a claim's rating).
    bar_colours: tuple[str, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not any(value for series in self.series for value in series.values)

    def header(self) -> list[str]:
        return [
            self.label_heading,
            *(name for name, _ in self.notes),
            *(series.name for series in self.series),
        ]

    def rows(self) -> list[list[str | float]]:
        return [
            [
                label,
                *(values[i] for _, values in self.notes),
                *(series.values[i] for series in self.series),
            ]
            for i, label in enumerate(self.labels)
        ]

    def table(self) -> list[list[str]]:
        """The rows as the page shows them: numbers formatted with their unit."""
        count = 1 + len(self.notes)
        return [
            [
                str(cell) if i < count else number(float(cell), self.unit)
                for i, cell in enumerate(row)
            ]
            for row in self.rows()
        ]


def table_html(chart: Chart, *, no_data: str = NO_DATA, caption: str = "") -> str:
    """The numbers behind the chart as an HTML table, every cell escaped. Built here rather
    than by a template loop: a quarter's daily chart has 91 rows of 5 cells. The caller
    gives the words in the reader's language (`caption`: "<title>: the numbers")."""
    head = "".join(f'<th scope="col">{escape(name)}</th>' for name in chart.header())
    rows = [
        f'<tr><th scope="row">{escape(row[0])}</th>'
        + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in chart.table()
    ] or [f'<tr><td colspan="{len(chart.header())}">{escape(no_data)}</td></tr>']
    caption = caption or f"{chart.title}: the numbers"
    return (
        f'<table class="chart-data"><caption class="visually-hidden">{escape(caption)}'
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
        "</table>"
    )


def number(value: float, unit: str = "") -> str:
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    return text + unit


def csv_text(chart: Chart) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralise(cell) for cell in chart.header()])
    writer.writerows([neutralise(cell) for cell in row] for row in chart.rows())
    return out.getvalue()


def nice_ceiling(value: float) -> tuple[float, float]:
    """An axis maximum at or above `value` and its tick step: 1, 2 or 5 times 10^n."""
    if value <= 0:
        return 1.0, 1.0
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if step < 1 and value >= 1:
        step = 1.0
    return step * math.ceil(value / step - 1e-9), step


def _text(x: float, y: float, text: str, *, anchor: str = "start", css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>{escape(text)}</text>'


def _rect(x: float, y: float, w: float, h: float, colour: str, tip: str) -> str:
    # The <title> is the hover text: the exact figure behind the bar.
    return (
        f'<rect x="{x:.2f}" y="{y:.2f}" width="{max(w, 0):.2f}" height="{max(h, 0):.2f}" '
        f'fill="{escape(colour)}"><title>{escape(tip)}</title></rect>'
    )


def svg(chart: Chart, *, no_data: str = NO_DATA) -> str:
    """The chart as an SVG element; `title` and `desc` name it for screen readers.
    `no_data` is what an empty chart says, in the reader's language."""
    draw = _columns if chart.kind == "columns" else _bars
    body, height = draw(chart, no_data)
    slug = escape(chart.slug)
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="{slug}-svg-title {slug}-svg-desc" font-size="{FONT}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{slug}-svg-title">{escape(chart.title)}</title>'
        f'<desc id="{slug}-svg-desc">{escape(chart.description)}</desc>{body}</svg>'
    )


def _empty(height: float, no_data: str) -> tuple[str, float]:
    return _text(WIDTH / 2, height / 2, no_data, anchor="middle", css="empty"), height


def _columns(chart: Chart, no_data: str) -> tuple[str, float]:
    """Columns over time: stacked (or side by side), what went out hanging under the axis."""
    if chart.is_empty or not chart.labels:
        return _empty(COLUMN_HEIGHT / 2, no_data)
    n = len(chart.labels)
    above = [s for s in chart.series if not s.below]
    below = [s for s in chart.series if s.below]

    def reach(group: Sequence[Series]) -> float:
        if not group:
            return 0.0
        if chart.stacked:
            return max(sum(s.values[i] for s in group) for i in range(n))
        return max(max(s.values) for s in group)

    top, bottom = reach(above), reach(below)
    step = nice_ceiling(max(top, bottom))[1]
    # One scale for both halves (a claim is as tall going out as coming in), each half
    # rounded up to a whole grid step.
    up_max = step * math.ceil(top / step - 1e-9)
    down_max = step * math.ceil(bottom / step - 1e-9)
    left, right, head, foot = 40.0, 6.0, 8.0, 20.0
    plot_w = WIDTH - left - right
    per_unit = (COLUMN_HEIGHT - head - foot) / (up_max + down_max)
    zero_y = head + up_max * per_unit
    parts: list[str] = []
    for k in range(-round(down_max / step), round(up_max / step) + 1):
        y = zero_y - k * step * per_unit
        parts.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        )
        parts.append(
            _text(left - 4, y + 3.5, number(abs(k) * step, chart.unit), anchor="end", css="axis")
        )
    slot = plot_w / n
    gap = min(slot * 0.2, 4.0)
    for i, label in enumerate(chart.labels):
        x = left + i * slot + gap / 2
        width = slot - gap
        for group, sign in ((above, -1), (below, 1)):
            offset = 0.0
            for j, series in enumerate(group):
                value = series.values[i]
                if not value:
                    continue
                tip = f"{label}: {series.name} {number(value, chart.unit)}"
                h = value * per_unit
                if chart.stacked:
                    y = zero_y - offset - h if sign < 0 else zero_y + offset
                    parts.append(_rect(x, y, width, h, series.colour, tip))
                    offset += h
                else:
                    w = width / len(group)
                    y = zero_y - h if sign < 0 else zero_y
                    parts.append(_rect(x + j * w, y, w, h, series.colour, tip))
    parts.append(
        f'<line x1="{left}" x2="{WIDTH - right}" y1="{zero_y:.1f}" y2="{zero_y:.1f}" class="zero"/>'
    )
    ticks = chart.ticks or chart.labels
    every = max(1, math.ceil(n / MAX_TICKS))
    for i in range(0, n, every):
        x = left + (i + 0.5) * slot
        anchor = "start" if n > 1 and i == 0 and every > 1 else "middle"
        if anchor == "start":
            x = left + i * slot
        parts.append(_text(x, COLUMN_HEIGHT - 5, ticks[i], anchor=anchor, css="axis"))
    return "".join(parts), COLUMN_HEIGHT


def _bars(chart: Chart, no_data: str) -> tuple[str, float]:
    """Ranked bars, one row each: the label on a line, the (stacked) bar under it."""
    if chart.is_empty or not chart.labels:
        return _empty(COLUMN_HEIGHT / 2, no_data)
    n = len(chart.labels)
    totals = [
        sum(s.values[i] for s in chart.series)
        if chart.stacked
        else max(s.values[i] for s in chart.series)
        for i in range(n)
    ]
    value_room = 44.0
    per_unit = (WIDTH - value_room) / max(max(totals), 1)
    # Side by side, each measure gets a bar thick enough to read and its own number.
    bar_h = ROW_HEIGHT - FONT - 12.0 if chart.stacked else 9.0 * len(chart.series)
    row_height = FONT + 12 + bar_h
    parts: list[str] = []
    for i, label in enumerate(chart.labels):
        top = i * row_height
        shown = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        parts.append(_text(0, top + FONT + 1, shown, css="label"))
        bar_y = top + FONT + 6
        x = 0.0
        for j, series in enumerate(chart.series):
            value = series.values[i]
            if not value:
                continue
            colour = chart.bar_colours[i] if chart.bar_colours else series.colour
            tip = f"{label}: {series.name} {number(value, chart.unit)}"
            w = value * per_unit
            if chart.stacked:
                parts.append(_rect(x, bar_y, w, bar_h, colour, tip))
                x += w
            else:
                h = bar_h / len(chart.series)
                parts.append(_rect(0, bar_y + j * h, w, h - 1, colour, tip))
                parts.append(
                    f'<text x="{w + 3:.1f}" y="{bar_y + (j + 1) * h - 1.5:.1f}" class="value" '
                    f'font-size="8">{escape(number(value, chart.unit))}</text>'
                )
        if chart.stacked:
            total = number(totals[i], chart.unit)
            parts.append(_text(x + 4, bar_y + bar_h - 1, total, css="value"))
    return "".join(parts), n * row_height
