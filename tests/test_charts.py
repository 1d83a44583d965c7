"""Charts drawn at build time: every year between the first and last, bars to scale."""

from __future__ import annotations

import itertools
import re

from generator.charts import Chart, bar_svg, profile_charts, year_series


def test_years_without_papers_are_zero_not_missing() -> None:
    per_year = ((2019, 2, 10), (2022, 1, 0))
    assert year_series(per_year, 1) == ((2019, 2), (2020, 0), (2021, 0), (2022, 1))
    assert year_series((), 1) == ()


def test_citations_chart_only_when_counts_are_known() -> None:
    per_year = ((2020, 3, 0), (2021, 1, 0))
    assert [c.key for c in profile_charts(per_year, citations_known=False)] == ["papers"]
    assert [c.key for c in profile_charts(per_year, citations_known=True)] == ["papers"]
    cited = ((2020, 3, 40), (2021, 1, 5))
    assert [c.key for c in profile_charts(cited, citations_known=True)] == ["papers", "citations"]
    assert profile_charts((), citations_known=True) == ()


def test_bars_are_to_scale_and_zero_years_draw_no_bar() -> None:
    svg = bar_svg(Chart("papers", "Papers per year", ((2020, 4), (2021, 0), (2022, 2))))
    heights = [float(h) for h in re.findall(r'<rect class="bar"[^>]*height="([\d.]+)"', svg)]
    assert len(heights) == 2
    assert abs(heights[0] - 2 * heights[1]) < 0.2
    assert re.findall(r'class="year"[^>]*>(\d+)<', svg) == ["2020", "2021", "2022"]


def test_many_years_keep_first_and_last_labels_readable() -> None:
    points = tuple((1990 + i, i % 3) for i in range(36))
    svg = bar_svg(Chart("papers", "Papers per year", points))
    years = re.findall(r'class="year"[^>]*>(\d+)<', svg)
    assert years[0] == "1990" and years[-1] == "2025"
    assert len(years) <= 10  # about 34 user units per label on a 320-unit axis
    xs = [float(x) for x in re.findall(r'<text class="year" x="([\d.]+)"', svg)]
    assert min(b - a for a, b in itertools.pairwise(xs)) >= 30  # no two labels overlap


def test_a_year_without_counts_is_no_data_not_zero() -> None:
    """SPEC §3: a metric with no data is not shown as 0."""
    per_year = ((2020, 2, 5), (2021, 1, None), (2022, 1, 0))
    [_, cited] = profile_charts(per_year, citations_known=True)
    assert cited.points == ((2020, 5), (2021, None), (2022, 0))
    assert cited.total == 5
    svg = bar_svg(cited)
    assert len(re.findall(r'<rect class="bar"', svg)) == 1  # 2020 only
    assert len(re.findall(r'<text class="value none"[^>]*>–</text>', svg)) == 1  # 2021
