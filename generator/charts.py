"""Small bar charts drawn as inline SVG at build time (no script, no other host)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.i18n import Catalogue, resolve

_WIDTH = 320
_HEIGHT = 150
_TOP = 16  # room for the value above the tallest bar
_BOTTOM = 18  # room for the year labels


@dataclass(frozen=True)
class Chart:
    """One chart: its id, caption, and (year, value) points (see :func:`year_series`).

    A value is None for a year with papers of which none has a citation count: no data,
    drawn and read as such, not as 0.
    """

    key: str  # "papers" or "citations", used for ids and classes
    caption: str
    points: tuple[tuple[int, int | None], ...]

    @property
    def total(self) -> int:
        """The sum of the values (what the chart adds up to)."""
        return sum(value or 0 for _, value in self.points)


# The most years a chart spans with a bar for every one, empty years included (a career).
# Beyond, only the years with papers have bars: two records dated 1000 and 9999 would
# otherwise draw 9,000 bars (a megabyte on every page of the author) from two lines.
MAX_SPAN = 100


def year_series(
    per_year: Sequence[tuple[int, int, int | None]], column: int
) -> tuple[tuple[int, int | None], ...]:
    """One column of ``per_year`` (1 papers, 2 citations) for every year from first to last.

    Over a span of more than ``MAX_SPAN`` years, for the years with papers only.
    """
    values = {row[0]: row[column] for row in per_year}
    if not values:
        return ()
    first, last = min(values), max(values)
    if last - first >= MAX_SPAN:
        return tuple(sorted(values.items()))
    return tuple((year, values.get(year, 0)) for year in range(first, last + 1))


def profile_charts(
    per_year: Sequence[tuple[int, int, int | None]],
    citations_known: bool,
    words: Catalogue | None = None,
) -> tuple[Chart, ...]:
    """Papers per year, and citations per year when any paper records its citations.

    Captioned in ``words``' language (English without).
    """
    words = words or resolve("en")
    charts = []
    papers = year_series(per_year, 1)
    if papers:
        charts.append(Chart("papers", words.text("chart_papers"), papers))
    cited = year_series(per_year, 2)
    if citations_known and cited and any(v for _, v in cited):
        charts.append(Chart("citations", words.text("chart_citations"), cited))
    return tuple(charts)


def bar_svg(chart: Chart) -> str:
    """The chart as an SVG element sized by its viewBox (it scales to its container)."""
    points = chart.points
    count = max(len(points), 1)
    top = max((v or 0 for _, v in points), default=0) or 1
    slot = _WIDTH / count
    bar = min(slot * 0.62, 40.0)
    plot = _HEIGHT - _TOP - _BOTTOM
    # Label every year when they fit; otherwise every few, always the first and last.
    step = max(1, -(-count * 34 // _WIDTH))
    parts = [
        f'<svg class="chart-svg" viewBox="0 0 {_WIDTH} {_HEIGHT}" '
        f'preserveAspectRatio="xMidYMid meet" aria-hidden="true" focusable="false">',
        f'<line class="axis" x1="0" y1="{_HEIGHT - _BOTTOM}" x2="{_WIDTH}" '
        f'y2="{_HEIGHT - _BOTTOM}"/>',
    ]
    width = round(bar, 1)
    for i, (year, value) in enumerate(points):
        middle = round(i * slot + slot / 2, 1)
        if value is None:  # no paper of the year has a count: a dash, not an empty 0
            parts.append(
                f'<text class="value none" x="{middle}" y="{_HEIGHT - _BOTTOM - 4}" '
                'text-anchor="middle">\u2013</text>'
            )
        elif value:
            height = round(plot * value / top, 1)
            x = round(i * slot + (slot - bar) / 2, 1)
            y = round(_HEIGHT - _BOTTOM - height, 1)
            parts.append(
                f'<rect class="bar" x="{x}" y="{y}" width="{width}" height="{height}" rx="3"/>'
            )
            parts.append(
                f'<text class="value" x="{middle}" y="{round(y - 4, 1)}" '
                f'text-anchor="middle">{value}</text>'
            )
        # The last year always; the others every `step`, unless they would crowd the last.
        if i == count - 1 or (i % step == 0 and count - 1 - i >= step):
            parts.append(
                f'<text class="year" x="{middle}" y="{_HEIGHT - 4}" '
                f'text-anchor="middle">{year}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
