"""biblatex data read as BibTeX: entry types, field aliases, dates, ``crossref`` and ``xdata``.

One pass over the parsed bib data, right after it is read: every reader (this package's
lists and sphinxcontrib-bibtex's own ``bibliography`` styles) then sees BibTeX's field
names and types, with inherited fields filled in. Fields are only ever added, never
replaced: what an entry states itself wins. Pure Python over pybtex objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pybtex.database import BibliographyData, Entry

#: The entry types every BibTeX style formats.
BIBTEX_TYPES = frozenset(
    "article book booklet inbook incollection inproceedings manual mastersthesis misc "  # noqa: SIM905
    "phdthesis proceedings techreport unpublished".split()
)
#: Other types (biblatex's, and BibTeX's own alias ``conference``): the BibTeX type a BibTeX
#: style formats them as. A type in neither table is formatted as ``misc``.
TYPE_ALIASES: dict[str, str] = {
    "conference": "inproceedings",
    "report": "techreport",
    "thesis": "phdthesis",
    "collection": "book",
    "mvcollection": "book",
    "mvbook": "book",
    "reference": "book",
    "mvreference": "book",
    "bookinbook": "inbook",
    "suppbook": "inbook",
    "inreference": "incollection",
    "suppcollection": "incollection",
    "mvproceedings": "proceedings",
    "suppperiodical": "article",
}
#: biblatex field names and their BibTeX counterparts (biber's own mapping, read backwards),
#: plus ``eventtitle`` standing in for a missing ``booktitle``.
FIELD_ALIASES: dict[str, str] = {
    "journaltitle": "journal",
    "location": "address",
    "institution": "school",
    "eprinttype": "archiveprefix",
    "eprintclass": "primaryclass",
    "annotation": "annote",
    "eventtitle": "booktitle",
}
#: Fields a child never inherits: biblatex's own exceptions, and links, which name one work
#: (a proceedings volume's DOI is not its papers' DOI).
NOT_INHERITED = frozenset(
    "crossref xref xdata entryset entrysubtype execute ids label options presort related "  # noqa: SIM905
    "relatedoptions relatedstring relatedtype shorthand shorthandintro sortkey "
    "sortname sortyear "
    "doi url urldate eprint eprinttype archiveprefix eprintclass primaryclass arxiv pdf code "
    "html slides poster video supp website blog biburl".split()
)
#: A container's own title becomes the child's container title: (parent types, child field).
_TITLE_TARGETS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"proceedings", "mvproceedings", "book", "mvbook", "collection", "mvcollection",
                "reference", "mvreference"}), "booktitle"),
    (frozenset({"periodical"}), "journal"),
)  # fmt: skip
_TITLE_FIELDS = frozenset({"title", "subtitle", "titleaddon", "shorttitle"})
#: Types a list of every entry leaves out: biblatex's data-only entries, and sets (their
#: members are listed on their own).
UNLISTED_TYPES = frozenset({"xdata", "set"})
_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?")
_KEY_LIST = re.compile(r"\s*,\s*")


def is_listed(entry: Entry) -> bool:
    """Whether a list of every entry shows *entry*: not data-only or a set, not the container
    other entries ``crossref`` (a DBLP export's proceedings volumes), not empty."""
    return (
        source_type(entry) not in UNLISTED_TYPES
        and not getattr(entry, "sphinx_academic_container", False)
        and bool(entry.fields or entry.persons)
    )


def source_type(entry: Entry) -> str:
    """The type as written, in lower case and without stray characters (``@@article``)."""
    return re.sub(r"[^a-z]", "", str(entry.original_type).lower())


def bibtex_type(written: str) -> str:
    """The BibTeX type a BibTeX style formats an entry of type *written* as."""
    if written in BIBTEX_TYPES:
        return written
    return TYPE_ALIASES.get(written, "misc")


def added_fields(entry: Entry) -> frozenset[str]:
    """Names of the fields :func:`normalise` added to *entry* (not in the bib file)."""
    return frozenset(getattr(entry, "sphinx_academic_added", ()))


@dataclass(frozen=True)
class Problem:
    """Something :func:`normalise` could not do, for a warning at the entry."""

    key: str
    message: str


def _add(entry: Entry, name: str, value: str, added: set[str]) -> None:
    if value and name not in entry.fields:
        entry.fields[name] = value
        added.add(name.lower())


def _aliases_and_date(entry: Entry, added: set[str]) -> None:
    for biblatex, bibtex in FIELD_ALIASES.items():
        value = entry.fields.get(biblatex)
        if value is not None:
            _add(entry, bibtex, value, added)
    date = _DATE.match(entry.fields.get("date", ""))
    if date:
        _add(entry, "year", date.group(1), added)
        if date.group(2) and 1 <= int(date.group(2)) <= 12:
            _add(entry, "month", str(int(date.group(2))), added)


def _inherit(child: Entry, parent: Entry, added: set[str], *, titles: bool) -> None:
    skipped = NOT_INHERITED
    if titles:
        parent_type = source_type(parent)
        for parent_types, target in _TITLE_TARGETS:
            if parent_type in parent_types:
                # the container's title names the container, not the child
                _add(child, target, parent.fields.get("title", ""), added)
                skipped = skipped | _TITLE_FIELDS
    for name, value in parent.fields.items():
        if name.lower() not in skipped:
            _add(child, name, value, added)
    for role, persons in parent.persons.items():
        if role not in child.persons:
            child.persons[role] = list(persons)
            added.add(role.lower())


def _parents(entry: Entry, entries: Mapping[str, Entry]) -> Iterator[tuple[str, bool]]:
    """(key, is crossref) of the entries *entry* inherits from: xdata first, then crossref."""
    for key in _KEY_LIST.split(entry.fields.get("xdata", "").strip()):
        if key:
            yield key, False
    crossref = entry.fields.get("crossref", "").strip()
    if crossref:
        yield crossref, True


def _resolve(
    key: str,
    entries: Mapping[str, Entry],
    done: set[str],
    active: list[str],
    problems: list[Problem],
) -> None:
    folded = key.lower()
    if folded in done:
        return
    entry = entries[key]
    active.append(folded)
    added: set[str] = set(added_fields(entry))
    for parent_key, is_crossref in list(_parents(entry, entries)):
        kind = "crossref" if is_crossref else "xdata"
        parent = entries.get(parent_key)
        if parent is None:
            problems.append(Problem(key, f"{kind} {parent_key!r} is not in the bib files"))
            continue
        if parent_key.lower() in active:
            problems.append(Problem(key, f"{kind} {parent_key!r} leads back to this entry"))
            continue
        _resolve(parent.key, entries, done, active, problems)
        _inherit(entry, parent, added, titles=is_crossref)
        if is_crossref:
            parent.sphinx_academic_container = True
    _aliases_and_date(entry, added)
    entry.type = bibtex_type(source_type(entry))
    entry.sphinx_academic_added = frozenset(added)
    active.pop()
    done.add(folded)


def normalise(data: BibliographyData) -> list[Problem]:
    """Read every entry of *data* as BibTeX, in place; once per parsed data object."""
    if getattr(data, "sphinx_academic_normalised", False):
        return []
    problems: list[Problem] = []
    done: set[str] = set()
    for key, entry in list(data.entries.items()):
        _resolve(key, data.entries, done, [], problems)
        if not entry.fields and not entry.persons:
            problems.append(Problem(key, "nothing in it could be read; it is left out of lists"))
    data.sphinx_academic_normalised = True
    return problems
