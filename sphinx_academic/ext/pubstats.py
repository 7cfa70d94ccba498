"""The ``pubstats`` directive: papers per year, stacked by type (or a field), and per venue.

It chooses entries exactly as ``publications`` does (``:keys:``, ``:filter:``,
``:selected:``). HTML gets an inline SVG chart whose text alternative lists the counts;
the other builders get the same counts as a table. The venue counts are a table everywhere.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes

from ..core.publication import CATEGORIES, SHORT_NAMES, Publication
from ..locale import _
from ..render.chart import stacked_bars_svg
from .bibdata import note_dependencies
from .options import number_option
from .publications import CATEGORY_TITLES, PublicationsDirective

if TYPE_CHECKING:
    from docutils.parsers.rst.directives import _OptionSpec  # type: ignore[attr-defined]

#: How many venues the venue table lists unless ``:venues:`` says otherwise.
DEFAULT_VENUES = 10


def series_of(publication: Publication, by: str) -> str:
    """The stack a paper falls in: its kind (``type``), or the value of a field."""
    if by == "type":
        return _(CATEGORY_TITLES[publication.category])
    if by == "venue":
        return venue_of(publication)
    value = publication.filter_fields.get(by)
    text = str(value).strip() if value not in (None, "") else ""
    return text or _("Other")


def count_by_year(
    publications: list[Publication], by: str
) -> tuple[dict[int, dict[str, int]], list[str], int]:
    """Papers per year and series, the series in display order, and the undated count."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    totals: Counter[str] = Counter()
    undated = 0
    for publication in publications:
        if publication.year is None:
            undated += 1
            continue
        name = series_of(publication, by)
        row = counts[publication.year]
        row[name] = row.get(name, 0) + 1
        totals[name] += 1
    if by == "type":
        order = [_(CATEGORY_TITLES[category]) for category in CATEGORIES]
        series = [name for name in order if name in totals]
    else:
        series = sorted(totals, key=lambda name: (-totals[name], name))
    return dict(counts), series, undated


def venue_of(publication: Publication) -> str:
    """The venue as counted: its abbreviation, ``arXiv`` for an arXiv preprint, the kind of
    thesis (not the university), else its name."""
    if publication.venue_abbr:
        return publication.venue_abbr
    if publication.type in SHORT_NAMES:
        return SHORT_NAMES[publication.type]
    if publication.category == "preprint" and "arxiv" in publication.venue_name.lower():
        return "arXiv"
    return publication.venue_name or _("Other")


def count_by_venue(publications: list[Publication]) -> list[tuple[str, int]]:
    """Papers per venue, most first."""
    venues = Counter(venue_of(publication) for publication in publications)
    return sorted(venues.items(), key=lambda item: (-item[1], item[0].casefold()))


def simple_table(header: list[str], rows: list[list[str]], classes: list[str]) -> nodes.table:
    """A table with one header row, every cell plain text."""
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(header))
    table += group
    for column, title in enumerate(header):  # the text writer sizes columns by these
        widest = max([len(title), *(len(cells[column]) for cells in rows)])
        group += nodes.colspec(colwidth=widest + 2)

    def row_of(cells: list[str]) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            row += nodes.entry("", nodes.paragraph(cell, cell))
        return row

    group += nodes.thead("", row_of(header))
    group += nodes.tbody("", *(row_of(cells) for cells in rows))
    return table


class PubstatsDirective(PublicationsDirective):
    """Counts of the chosen publications, per year and per venue."""

    has_content = True
    option_spec: ClassVar[_OptionSpec] = {
        "keys": directives.unchanged,
        "filter": directives.unchanged,
        "selected": directives.flag,
        "by": directives.unchanged,
        "venues": directives.unchanged,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        note_dependencies(self.env)
        block = nodes.container(classes=["sa-pubstats", *self.options.get("class", [])])
        self.set_source_info(block)
        self.add_name(block)
        plan = self.plan()
        if plan is None:
            return [block]
        by = (self.options.get("by") or "type").strip().lower() or "type"
        counts, series, undated = count_by_year(plan.publications, by)
        title = _("Publications per year")
        if counts:
            ident = f"sa-chart-{self.env.new_serialno('sa-chart')}"
            svg = stacked_bars_svg(counts, series, title, ident)
            block += nodes.raw("", svg, format="html")
            rows = [
                [str(year), *(str(row.get(name, 0)) for name in series), str(sum(row.values()))]
                for year, row in sorted(counts.items(), reverse=True)
            ]
            table = simple_table([_("Year"), *series, _("Total")], rows, ["sa-pubstats-years"])
            only = addnodes.only(expr="not html")  # HTML has the chart and its description
            only += table
            block += only
        if undated:
            note = _("Undated") + f": {undated}"
            block += nodes.paragraph(note, note, classes=["sa-pubstats-undated"])
        limit = number_option(self, "venues", DEFAULT_VENUES)
        venues = count_by_venue(plan.publications)[:limit]
        if venues:
            header = [_("Venue"), _("Papers")]
            rows = [[name, str(count)] for name, count in venues]
            block += simple_table(header, rows, ["sa-pubstats-venues"])
        return [block]
