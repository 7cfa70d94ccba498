"""``pubstats``: the chart's bars against the bib, and its tables elsewhere."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

from pybtex.database import parse_file

from sphinx_academic.render.chart import stacked_bars_svg

SVG = re.compile(r"<svg [^>]*class=\"sa-chart\".*?</svg>", re.DOTALL)
KINDS = {
    "inproceedings": "Conference Papers",
    "article": "Journal Articles",
    "misc": "Other Publications",
}
CHARTED = ("wang2025flashdp", "guo2024explore", "evil:quote", "unlisted2020")


def bars(svg: str) -> Counter[tuple[int, str]]:
    root = ElementTree.fromstring(svg)  # well-formed XML, whatever the bib says
    return Counter(
        {
            (int(rect.get("data-year", "")), rect.get("data-series", "")): int(
                rect.get("data-count", "")
            )
            for rect in root.iter("{http://www.w3.org/2000/svg}rect")
            if rect.get("data-year")
        }
    )


def test_bars_count_the_bib_by_year_and_type(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html("paperpages")
    charts = SVG.findall((app.outdir / "index.html").read_text(encoding="utf-8"))
    assert len(charts) == 3
    bib = parse_file(str(Path(app.srcdir) / "refs.bib")).entries
    expected = Counter((int(bib[key].fields["year"]), KINDS[bib[key].type]) for key in CHARTED)
    assert bars(charts[0]) == expected
    recent = Counter(
        # the 2025 preprint has no abbr: it counts as arXiv
        (int(entry.fields["year"]), entry.fields.get("abbr", "arXiv"))
        for entry in bib.values()
        if int(entry.fields["year"]) >= 2024
    )
    assert bars(charts[2]) == recent  # :by: venue, with the same :filter: as publications
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert '<desc id="sa-chart-0-desc">2020: 1 (Other Publications 1); 2023: 1' in html
    assert "sa-pubstats-years" not in html  # the year table is for other builders


def test_latex_and_text_get_tables(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html("paperpages", "text")
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert re.search(r"\| 2025 +\| 1 +\| 0 +\| 0 +\| 1 +\|", text)
    assert re.search(r"\| NeurIPS +\| 1 +\|", text)
    app = built_html("paperpages", "latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Conference Papers" in tex and "<svg" not in tex


def test_series_names_are_escaped_for_xml() -> None:
    svg = stacked_bars_svg(
        {2024: {'</svg><script>"x"': 2, "A & B": 1}}, ['</svg><script>"x"', "A & B"], "T", "c"
    )
    assert "<script>" not in svg
    assert bars(svg) == Counter({(2024, '</svg><script>"x"'): 2, (2024, "A & B"): 1})


def test_venues_are_counted_by_short_name(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html("paperpages", "text")
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert re.search(r"\| arXiv +\| 1 +\|", text)  # not "arXiv preprint arXiv:2502.00002"
    assert re.search(r"\| PhD Thesis +\| 1 +\|", text)  # not the university
