"""A :class:`~sphinx_academic.publication.Publication` as docutils nodes, in the seed CV's form.

Shared by publication lists, highlights and roles.  Every piece of bib text
goes into ``Text`` nodes, so each writer escapes it for its own format.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.bibfields import added_fields
from ..core.publication import (
    DISPLAY_ONLY_FIELDS,
    ET_AL,
    AcceptanceNote,
    Author,
    Publication,
    format_acceptance,
)
from ..core.venues import BUNDLED_SOURCES
from ..ext.config import SETTINGS
from ..locale import _
from .nodes import acceptance_note, bibtex_source, collapsed_authors, entry_text, owner_name

if TYPE_CHECKING:
    from pybtex.database import Entry

BADGE_LABELS = {
    "pdf": "PDF",
    "code": "Code",
    "doi": "DOI",
    "arxiv": "arXiv",
    "eprint": "e-print",
    "url": "URL",
    "html": "HTML",
    "slides": "Slides",
    "poster": "Poster",
    "video": "Video",
    "supp": "Supp",
    "website": "Website",
    "blog": "Blog",
    "bibtex": "BibTeX",
}


@dataclass(frozen=True)
class EntryStyle:
    """How entries look: from the ``academic_*`` config and the directive's options."""

    owner_style: str = "bold"
    corresponding_mark: str = str(SETTINGS["academic_corresponding_mark"].default)
    equal_mark: str = "*"
    acceptance_format: str = str(SETTINGS["academic_acceptance_format"].default)
    rate_only_format: str = str(SETTINGS["academic_acceptance_rate_only_format"].default)
    links: Collection[str] | None = None  # None: every link present
    layout: str = "stacked"  # or "citation", see render.entry
    interactive: bool = False  # HTML: buttons, toggles and an aside column
    max_authors: int = 0  # 0: never collapse
    venue_badges: bool = False
    venue_colors: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: Mapping[str, object] | object, **overrides: object) -> EntryStyle:
        values: dict[str, Any] = {
            "owner_style": getattr(config, "academic_owner_style", "bold"),
            "corresponding_mark": getattr(config, "academic_corresponding_mark", None),
            "equal_mark": getattr(config, "academic_equal_mark", "*"),
            "acceptance_format": getattr(config, "academic_acceptance_format", None),
            "rate_only_format": getattr(config, "academic_acceptance_rate_only_format", None),
            "layout": getattr(config, "academic_entry_style", None),
            "max_authors": getattr(config, "academic_max_authors", None),
            "venue_badges": getattr(config, "academic_venue_badges", None),
            "venue_colors": getattr(config, "academic_venue_colors", None),
        }
        values.update(overrides)
        return cls(**{name: value for name, value in values.items() if value is not None})


def _source_name(source: str) -> str:
    return _("the bib entry") if source == "bib" else BUNDLED_SOURCES.get(source, source)


def source_description(note: AcceptanceNote) -> str:
    """The tooltip, for readers: where the shown figure comes from, and nothing else (a
    comparison with the table belongs in the build log and ``sphinx-academic audit``)."""
    return _("Source: %s") % _source_name(note.figure.source)


def _corresponding_text(style: EntryStyle) -> str:
    default = SETTINGS["academic_corresponding_mark"].default
    if style.corresponding_mark == default:
        return "(" + _("Corresponding Author") + ")"
    return style.corresponding_mark


def author_nodes(author: Author, style: EntryStyle) -> list[nodes.Node]:
    """One name, highlighted when it is the owner's, with its role marks."""
    name: nodes.Element
    if author.is_owner:
        name = owner_name(author.name, author.name, style=style.owner_style)
        name["classes"] = ["sa-owner", f"sa-owner-{style.owner_style}"]
    else:
        name = nodes.inline(author.name, author.name, classes=["sa-author"])
    result: list[nodes.Node] = [name]
    if "equal" in author.roles:
        result.append(nodes.superscript(style.equal_mark, style.equal_mark, classes=["sa-equal"]))
    if "corresponding" in author.roles:
        mark = " " + _corresponding_text(style)
        result.append(nodes.inline(mark, mark, classes=["sa-corresponding"]))
    return result


def shown_authors(authors: tuple[Author, ...], limit: int) -> list[bool]:
    """Which authors a list collapsed to *limit* names shows: the first ones and the owner."""
    if not limit or len(authors) <= limit + 1:  # hiding one name saves nothing
        return [True] * len(authors)
    return [index < limit or author.is_owner for index, author in enumerate(authors)]


def authors_node(publication: Publication, style: EntryStyle) -> nodes.inline:
    """The author list; plain names stay one text run (fewer nodes, faster builds).

    Past ``max_authors`` names, runs of other authors go into a
    :class:`~.nodes.collapsed_authors` node ("… 12 more", which HTML can expand).
    """
    node = nodes.inline(classes=["sa-authors"])
    shown = shown_authors(publication.authors, style.max_authors)
    target: nodes.Element = node
    plain: list[str] = []

    def flush() -> None:
        if plain:
            target.append(nodes.Text("".join(plain)))
            plain.clear()

    for index, author in enumerate(publication.authors):
        if shown[index] and target is not node:
            flush()
            target = node
        elif not shown[index] and target is node:
            flush()
            hidden = 0
            while index + hidden < len(shown) and not shown[index + hidden]:
                hidden += 1
            target = collapsed_authors(count=hidden, label=_("%d more") % hidden)
            node += target
        separator = (" " if author.name == ET_AL else ", ") if index else ""
        if author.is_owner or author.roles:
            plain.append(separator)
            flush()
            target.extend(author_nodes(author, style))
        else:
            plain.extend((separator, author.name))
    flush()
    return node


def _sentence_end(text: str) -> str:
    return "" if text.endswith((".", "?", "!")) else "."


_TRAILING_YEAR = re.compile(r"[\s'’]*(?:19|20)?\d{2}$")


def venue_text(publication: Publication) -> str:
    """``Conference Name (ABBR)``: the abbreviation added when the name does not show it
    (``NeurIPS 2025`` is shown by a name that says ``NeurIPS``: the year follows anyway)."""
    name, abbr = publication.venue_name, publication.venue_abbr
    bare = _TRAILING_YEAR.sub("", abbr) or abbr
    if name and abbr and not re.search(rf"(?<!\w){re.escape(bare)}(?!\w)", name, re.IGNORECASE):
        return f"{name} ({abbr})"
    return name or abbr


def venue_node(publication: Publication) -> nodes.inline:
    """``Venue (ABBR) 2025, City, Country`` — the venue's name in italics, whatever its kind."""
    node = nodes.inline(classes=["sa-venue"])
    name = venue_text(publication)
    if name:
        node += nodes.emphasis(name, name)
    parts = []
    if publication.year is not None and str(publication.year) not in name:
        parts.append(str(publication.year))
    explicit_track = publication.fields.get("track", "").strip()
    if explicit_track and explicit_track.lower() not in name.lower():
        parts.append(explicit_track[:1].upper() + explicit_track[1:])
    text = " ".join([name, *parts]).strip()
    if publication.location and not publication.is_journal:
        text = f"{text}, {publication.location}" if text else publication.location
    if text[len(name) :]:
        node += nodes.Text(text[len(name) :] if name else text)
    return node


def _translated_default(value: str, setting: str) -> str:
    """A format left at its default is shown in the document's language."""
    return _(value) if value == SETTINGS[setting].default else value


def acceptance_nodes(
    note: AcceptanceNote, style: EntryStyle, prefix: str = " "
) -> list[nodes.Node]:
    full = _translated_default(style.acceptance_format, "academic_acceptance_format")
    rate_only = _translated_default(style.rate_only_format, "academic_acceptance_rate_only_format")
    try:
        text = format_acceptance(note.figure, full, rate_only)
    except (ValueError, KeyError, IndexError):  # a broken translation: fall back to English
        text = format_acceptance(note.figure, style.acceptance_format, style.rate_only_format)
    tooltip = source_description(note)
    node = acceptance_note(text, text, tooltip=tooltip, classes=["sa-acceptance"])
    return [nodes.Text(prefix), node]


def bibtex_text(entry: Entry, hidden: Collection[str] = ()) -> str:
    """The entry as BibTeX, from pybtex's raw field strings (still LaTeX, as in the file),
    without the fields only this package reads (:data:`DISPLAY_ONLY_FIELDS`) or *hidden*.

    pybtex's own writer re-encodes every field through latexcodec, which costs a
    millisecond an entry; the raw strings need only their outer braces back.
    """
    lines = [f"@{entry.original_type}{{{entry.key},"]
    added = added_fields(entry)  # inherited or biblatex-derived: not in the file
    for role, persons in entry.persons.items():
        if role.lower() not in added:
            names = " and ".join(str(person) for person in persons)
            lines.append(f"  {role} = {{{names}}},")
    for name, value in entry.fields.items():
        if name.lower() not in added | DISPLAY_ONLY_FIELDS and name.lower() not in hidden:
            lines.append(f"  {name} = {{{value}}},")
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines)


def bibtex_node(key: str) -> bibtex_source:
    """A place for the entry's own BibTeX, written out only by the HTML builder.

    The text is not kept in the doctree: written from the bib data when the page is
    written, it costs neither pickling nor search indexing (the page is re-read, and
    so rewritten, whenever the bib file changes).
    """
    return bibtex_source(key=key, classes=["sa-bibtex"], summary="BibTeX", copy=_("Copy"))


def entry_paragraph(
    publication: Publication, style: EntryStyle, *, with_acceptance: bool = True
) -> nodes.paragraph:
    """Authors. Title. Venue Year, Location. (acceptance note): the ``citation`` style."""
    paragraph = entry_text(classes=["sa-entry"])
    if publication.authors:
        paragraph += authors_node(publication, style)
        last = publication.authors[-1].name
        paragraph += nodes.Text(_sentence_end(last) + " ")
    if publication.title:
        paragraph += nodes.inline(publication.title, publication.title, classes=["sa-title"])
        paragraph += nodes.Text(_sentence_end(publication.title) + " ")
    venue = venue_node(publication)
    if venue.children:
        paragraph += venue
        paragraph += nodes.Text(_sentence_end(venue.astext()))
    if with_acceptance and publication.acceptance is not None:
        paragraph.extend(acceptance_nodes(publication.acceptance, style))
    if any("equal" in author.roles for author in publication.authors):
        note = " (" + style.equal_mark + _("Equal contribution") + ")"
        paragraph += nodes.inline(note, note, classes=["sa-note"])
    return paragraph
