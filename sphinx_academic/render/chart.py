"""A stacked bar chart of papers per year as inline SVG, from counts alone.

Pure text output: every label is escaped for XML, every colour is a CSS variable with a
fallback, so a theme (light or dark) can recolour the chart without touching it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from ..core.scholarly import one_line

#: Series colours: a site sets ``--sa-chart-1`` … in its CSS; the first falls back to the
#: theme's brand colour (Furo, PyData), then to this palette (colour-blind safe, Okabe-Ito).
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999")
THEME_PRIMARY = ("--color-brand-primary", "--pst-color-primary")
BAR, GAP, PLOT_HEIGHT, LEFT, TOP, AXIS = 28, 12, 140, 36, 12, 22
LEGEND_ROW = 18


def series_colour(index: int) -> str:
    fallback = PALETTE[index % len(PALETTE)]
    if index == 0:
        for variable in reversed(THEME_PRIMARY):
            fallback = f"var({variable}, {fallback})"
    return f"var(--sa-chart-{index + 1}, {fallback})"


def _text(value: object) -> str:
    return html.escape(one_line(str(value)), quote=True)


def describe(counts: Mapping[int, Mapping[str, int]], series: Sequence[str]) -> str:
    """The chart in words, year by year: its text alternative."""
    parts = []
    for year in sorted(counts):
        row = counts[year]
        detail = ", ".join(f"{name} {row[name]}" for name in series if row.get(name))
        parts.append(f"{year}: {sum(row.values())} ({detail})")
    return "; ".join(parts)


def stacked_bars_svg(
    counts: Mapping[int, Mapping[str, int]], series: Sequence[str], title: str, ident: str
) -> str:
    """``<svg>`` with one stacked bar per year (every year from the first to the last, so
    gaps show), series in the given order from the bottom; each bar segment carries its
    year, series and count as ``data-`` attributes and a tooltip."""
    if not counts:
        return ""
    years = list(range(min(counts), max(counts) + 1))
    tallest = max(sum(row.values()) for row in counts.values()) or 1
    width = LEFT + len(years) * (BAR + GAP) + GAP
    legend_top = TOP + PLOT_HEIGHT + AXIS + 8
    height = legend_top + LEGEND_ROW * len(series)
    alternative = describe(counts, series)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sa-chart" role="img" '
        f'viewBox="0 0 {max(width, 220)} {height}" width="{max(width, 220)}" height="{height}" '
        f'aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{_text(title)}</title>',
        f'<desc id="{ident}-desc">{_text(alternative)}</desc>',
        '<g fill="currentColor" font-size="11" font-family="inherit">',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end">{tallest}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + PLOT_HEIGHT}" text-anchor="end">0</text>',
        f'<line x1="{LEFT}" y1="{TOP + PLOT_HEIGHT}" x2="{width}" y2="{TOP + PLOT_HEIGHT}" '
        'stroke="currentColor" stroke-opacity="0.4"/>',
    ]
    for position, year in enumerate(years):
        x = LEFT + GAP + position * (BAR + GAP)
        bottom: float = TOP + PLOT_HEIGHT
        row = counts.get(year, {})
        for index, name in enumerate(series):
            count = row.get(name, 0)
            if not count:
                continue
            height_px = round(count * PLOT_HEIGHT / tallest, 2)
            bottom -= height_px
            out.append(
                f'<rect class="sa-bar" x="{x}" y="{round(bottom, 2)}" width="{BAR}" '
                f'height="{height_px}" style="fill: {series_colour(index)}" '
                f'data-year="{year}" data-series="{_text(name)}" data-count="{count}">'
                f"<title>{year}, {_text(name)}: {count}</title></rect>"
            )
        total = sum(row.values())
        if total:
            out.append(
                f'<text x="{x + BAR / 2}" y="{round(bottom - 3, 2)}" text-anchor="middle">'
                f"{total}</text>"
            )
        label_y = TOP + PLOT_HEIGHT + 15
        out.append(f'<text x="{x + BAR / 2}" y="{label_y}" text-anchor="middle">{year}</text>')
    for index, name in enumerate(series):
        y = legend_top + index * LEGEND_ROW
        out.append(
            f'<rect x="{LEFT}" y="{y}" width="12" height="12" '
            f'style="fill: {series_colour(index)}"/>'
            f'<text x="{LEFT + 18}" y="{y + 10}">{_text(name)}</text>'
        )
    out.append("</g></svg>")
    return "\n".join(out)
