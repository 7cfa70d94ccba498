"""The layout of one publication entry: its text in one of two styles, and its buttons.

``stacked``: the title on its own line, then the authors, then the venue line (venue,
acceptance note, award). ``citation``: the seed CV's one paragraph, ``Authors. Title.
Venue.`` In HTML both are followed by one row of small buttons (links, Abstract,
BibTeX with a copy button) and have an aside on the left (number, venue badge,
preview); other builders get the links inline and nothing interactive.
"""

from __future__ import annotations

from docutils import nodes

from ..core.publication import Publication
from ..locale import _
from .formatting import (
    BADGE_LABELS,
    EntryStyle,
    acceptance_nodes,
    authors_node,
    bibtex_node,
    entry_paragraph,
    venue_node,
)
from .nodes import (
    entry_actions,
    entry_aside,
    entry_links,
    entry_preview,
    entry_text,
    entry_toggle,
    link_separator,
    publication_number,
    venue_badge,
)


def _line(kind: str, *children: nodes.Node) -> entry_text:
    return entry_text("", "", *children, classes=["sa-line", f"sa-line-{kind}"])


def award_node(publication: Publication) -> nodes.inline | None:
    award = publication.award
    if not award:
        return None
    return nodes.inline(award, award, classes=["sa-award"])


def stacked_paragraphs(publication: Publication, style: EntryStyle) -> list[entry_text]:
    """Title, authors, venue line: one paragraph each, so every builder breaks the lines."""
    lines: list[entry_text] = []
    if publication.title:
        title = nodes.inline(
            publication.title, publication.title, classes=["sa-title", "sa-title-block"]
        )
        lines.append(_line("title", title))
    if publication.authors:
        authors = _line("authors", authors_node(publication, style))
        if any("equal" in author.roles for author in publication.authors):
            note = " (" + style.equal_mark + _("Equal contribution") + ")"
            authors += nodes.inline(note, note, classes=["sa-note"])
        lines.append(authors)
    venue_line = _line("venue")
    venue = venue_node(publication)
    if venue.children:
        venue_line += venue
    if publication.acceptance is not None:
        venue_line.extend(acceptance_nodes(publication.acceptance, style, prefix=" "))
    award = award_node(publication)
    if award is not None:
        venue_line += nodes.Text(" ")
        venue_line += award
    if venue_line.children:
        if isinstance(venue_line[0], nodes.Text):
            venue_line[0] = nodes.Text(venue_line[0].astext().lstrip())
        lines.append(venue_line)
    return lines


def link_references(publication: Publication, style: EntryStyle) -> list[nodes.reference]:
    """The entry's links that this list shows, in the fixed order of ``LINK_KINDS``."""
    wanted = style.links
    references = []
    for link in publication.links:
        if wanted is None or link.kind in wanted:
            label = link.label or BADGE_LABELS.get(link.kind, link.kind)
            references.append(
                nodes.reference(
                    label,
                    label,
                    refuri=link.url,
                    classes=["sa-button", "sa-badge", f"sa-badge-{link.kind}"],
                )
            )
    return references


def inline_links(references: list[nodes.reference]) -> entry_links | None:
    """Links for print and text: separated, so they never run together."""
    if not references:
        return None
    links = entry_links(classes=["sa-links"])
    for index, reference in enumerate(references):
        if index:
            links += link_separator(" · ", " · ")
        links += reference
    return links


def actions_row(
    publication: Publication, style: EntryStyle, *, bibtex: bool
) -> entry_actions | None:
    """HTML's one row of buttons: links, then the Abstract and BibTeX toggles."""
    row = entry_actions(classes=["sa-actions"])
    row.extend(link_references(publication, style))
    abstract = publication.abstract
    if abstract and (style.links is None or "abstract" in style.links):
        toggle = entry_toggle(kind="abstract", label=_("Abstract"), classes=["sa-abstract"])
        toggle += entry_text(abstract, abstract, classes=["sa-abstract-text"])
        row += toggle
    if bibtex:
        row += bibtex_node(publication.key)
    return row if row.children else None


#: A badge holds a short name; a venue known only by its full name gets none.
BADGE_MAX_LENGTH = 16


def venue_badge_text(publication: Publication) -> str:
    """The venue's short name (``abbr``, or the recognised venue), or "arXiv" for a preprint."""
    name = publication.venue_abbr or ("arXiv" if publication.category == "preprint" else "")
    return name if len(name) <= BADGE_MAX_LENGTH else ""


def aside_node(
    publication: Publication, style: EntryStyle, number: int | None, preview: nodes.Node | None
) -> entry_aside:
    """The label column: the number, the venue badge, the preview image."""
    aside = entry_aside(classes=["sa-entry-aside"])
    if number is not None:
        label = f"[{number}]"
        aside += nodes.inline(label, label, classes=["sa-number"])
    if style.venue_badges:
        name = venue_badge_text(publication)
        if name:
            colour = style.venue_colors.get(name.casefold(), "")
            aside += venue_badge(name, name, colour=colour, classes=["sa-venue-badge"])
    if preview is not None:
        aside += preview
    return aside


def entry_nodes(
    publication: Publication,
    style: EntryStyle,
    *,
    number: int | None = None,
    bibtex: bool = True,
    preview: entry_preview | None = None,
) -> list[nodes.Node]:
    """Everything one list item shows, for the builder *style* was made for."""
    if style.layout == "stacked":
        text: list[nodes.Element] = list(stacked_paragraphs(publication, style))
    else:
        paragraph = entry_paragraph(publication, style)
        award = award_node(publication)
        if award is not None:
            paragraph += nodes.Text(" ")
            paragraph += award
        text = [paragraph]
    if not text:
        text = [entry_text(publication.key, publication.key)]
    if not style.interactive:
        if number is not None:
            label = f"[{number}] "
            text[0].insert(0, publication_number(label, label, classes=["sa-number"]))
        links = inline_links(link_references(publication, style))
        if links is not None:
            if style.layout == "stacked":
                text.append(_line("links", links))
            else:
                text[-1] += nodes.Text(" ")
                text[-1] += links
        return list(text)
    main = nodes.container(classes=["sa-entry-main"])
    main.extend(text)
    row = actions_row(publication, style, bibtex=bibtex)
    if row is not None:
        main += row
    return [aside_node(publication, style, number, preview), main]
