"""A bib entry as a CV shows it: authors with marks, venue, year, acceptance rate, links.

Pure Python over pybtex entries, with no Sphinx in it: the directives turn a
:class:`Publication` into nodes, the tests check it directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from .bibfields import source_type
from .names import OwnerMatcher, display_name, fold, latex_to_text, roles_from_fields, unbraced
from .numbers import whole_number
from .reading import vocabulary
from .venues import (
    BUNDLED_SOURCES,
    MAIN,
    Acceptance,
    VenueMatch,
    VenueTable,
    is_rate,
    normalise,
)

if TYPE_CHECKING:
    from pybtex.database import Entry

CONFERENCE_TYPES = frozenset({"inproceedings", "conference", "proceedings"})
JOURNAL_TYPES = frozenset({"article"})
THESIS_TYPES = frozenset({"phdthesis", "mastersthesis", "thesis"})
BOOK_TYPES = frozenset({"book", "inbook", "incollection", "booklet"})
REPORT_TYPES = frozenset({"techreport", "report"})
PREPRINT_TYPES = frozenset({"misc", "unpublished", "online", "preprint"})

#: Link badges, in display order: the field names al-folio's ``papers.bib`` uses.
LINK_KINDS = (
    "pdf",
    "code",
    "doi",
    "arxiv",
    "eprint",
    "url",
    "html",
    "slides",
    "poster",
    "video",
    "supp",
    "website",
    "blog",
    "bibtex",
)
#: Fields this package reads only to display an entry (badges, notes, marks, toggles), and
#: al-folio's fields of the same kind: left out of the BibTeX a visitor copies.
DISPLAY_ONLY_FIELDS = frozenset(
    {
        *(kind for kind in LINK_KINDS if kind not in ("doi", "url")),
        "abbr",
        "abstract",
        "acceptance",
        "acceptance_rate",
        "altmetric",
        "author+an",
        "award",
        "award_name",
        "bibtex_show",
        "corresponding",
        "dimensions",
        "equal",
        "google_scholar_id",
        "keywords",
        "preview",
        "selected",
        "tldr",
        "track",
        "venue",
    }
)
#: Categories for ``:group: type``, in display order.
CATEGORIES = (
    "conference",
    "journal",
    "workshop",
    "preprint",
    "book",
    "thesis",
    "report",
    "other",
)
NO_RATE_TRACKS = frozenset({"workshop"})
#: Short tags carry a two-digit year for these (``KDD23``), not for journals (``TMC``).
DATED_CATEGORIES = frozenset({"conference", "workshop", "preprint"})
#: Short tags for entries with no venue abbreviation of their own.
SHORT_NAMES = {"phdthesis": "PhD Thesis", "mastersthesis": "Master's Thesis", "thesis": "Thesis"}
TRUE_WORDS = frozenset({"true", "yes", "1", "on", "selected"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
#: What ``and others`` at the end of a name list is shown as.
ET_AL = "et al."

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_FIGURES = re.compile(r"^\s*([\d,.\s]+?)\s*/\s*([\d,.\s]+?)\s*$")
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%?\s*$")
_ARXIV_ID = re.compile(r"^(?:arxiv:)?\s*([\w.\-/]+?)(?:v\d+)?$", re.IGNORECASE)
# What an arXiv identifier looks like: 2505.01234, or hep-th/9901001 and cs.CV/0501001 (old style).
_ARXIV_SHAPE = re.compile(
    r"^(?:arxiv:)?\s*(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[a-z]{2})?/\d{7})(?:v\d+)?$", re.IGNORECASE
)


@dataclass(frozen=True)
class Archive:
    """An e-print archive named by ``eprinttype`` (or ``archivePrefix``): badge and link."""

    label: str
    url: str  # with {id}: the e-print identifier, URL-quoted


#: e-print archives by their ``eprinttype`` in lower case (biblatex's names and common variants).
#: Any other type gets no link: a wrong link is worse than none.
ARCHIVES: dict[str, Archive] = {
    "arxiv": Archive("arXiv", "https://arxiv.org/abs/{id}"),
    "googlebooks": Archive("Google Books", "https://books.google.com/books?id={id}"),
    "jstor": Archive("JSTOR", "https://www.jstor.org/stable/{id}"),
    "pubmed": Archive("PubMed", "https://pubmed.ncbi.nlm.nih.gov/{id}/"),
    "pmid": Archive("PubMed", "https://pubmed.ncbi.nlm.nih.gov/{id}/"),
    "pmcid": Archive("PubMed Central", "https://www.ncbi.nlm.nih.gov/pmc/articles/{id}/"),
    "hdl": Archive("Handle", "https://hdl.handle.net/{id}"),
    "handle": Archive("Handle", "https://hdl.handle.net/{id}"),
    "hal": Archive("HAL", "https://hal.science/{id}"),
    "iacr": Archive("IACR ePrint", "https://eprint.iacr.org/{id}"),
    "cryptology eprint archive": Archive("IACR ePrint", "https://eprint.iacr.org/{id}"),
    "biorxiv": Archive("bioRxiv", "https://doi.org/10.1101/{id}"),
    "ssrn": Archive("SSRN", "https://ssrn.com/abstract={id}"),
}


@dataclass(frozen=True)
class Author:
    """One author as displayed, with the owner flag and roles (``corresponding``, ``equal``)."""

    name: str
    is_owner: bool = False
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Link:
    kind: str
    url: str
    label: str = ""  # the badge's text, when the kind alone does not say it


@dataclass(frozen=True)
class AcceptanceNote:
    """The figure shown for an entry, where it came from, and the table's figure to compare.

    ``user_file`` is the user venue table a table figure comes from (``None``: the
    bundled table, or the bib entry). ``table`` is only set where the venue and track
    are identified, so a comparison never involves another track's figure.
    """

    figure: Acceptance
    origin: str  # "bib" or "table"
    table: Acceptance | None = None
    user_file: str | None = None

    @property
    def origin_text(self) -> str:
        """Where the shown figure comes from: the bib entry, a user table, or a bundled dataset."""
        if self.origin == "bib":
            return "bib entry"
        if self.user_file is not None:
            return f"user table {self.user_file} ({self.figure.source})"
        source = self.figure.source
        return f"bundled table: {BUNDLED_SOURCES.get(source, source)}"

    @property
    def differs(self) -> bool:
        """The bib states a figure and the table has a different one."""
        if self.origin != "bib" or self.table is None:
            return False
        mine, theirs = self.figure, self.table
        if mine.submitted:
            return (mine.accepted, mine.submitted) != (theirs.accepted, theirs.submitted)
        return abs(mine.rate - theirs.rate) >= 0.05


#: Why an entry shows no figure, by code (``NoFigure.reason``).
NO_FIGURE_REASONS = {
    "not-a-conference": "not a conference paper",
    "unknown-venue": "venue not recognised",
    "no-year": "no year",
    "unidentified-track": "track not identified",
    "no-figure": "no figure in the table",
}


@dataclass(frozen=True)
class NoFigure:
    """Why no acceptance figure is shown: a code from :data:`NO_FIGURE_REASONS` and details
    (the leftover words of an unidentified track, the venue and year the table lacks)."""

    reason: str
    detail: str = ""

    def __str__(self) -> str:
        text = NO_FIGURE_REASONS[self.reason]
        return f"{text}: {self.detail}" if self.detail else text


@dataclass(frozen=True, eq=False)
class FormatOptions:
    """Everything a publication's formatting depends on besides the entry itself."""

    owner: OwnerMatcher
    table: VenueTable
    acceptance: bool = True


@dataclass
class Publication:
    """One bib entry, decoded and annotated; ``problems`` become warnings at the entry's line."""

    key: str
    type: str
    authors: tuple[Author, ...]
    title: str
    venue_name: str
    venue_abbr: str
    match: VenueMatch
    year: int | None
    month: int | None
    location: str
    acceptance: AcceptanceNote | None
    links: tuple[Link, ...]
    selected: bool
    tldr: str
    index: int
    fields: Mapping[str, str]
    problems: list[tuple[str, str]] = field(default_factory=list)  # (warning subtype, text)
    no_figure: NoFigure | None = None  # why no acceptance figure is shown, when none is

    @property
    def is_journal(self) -> bool:
        return self.type in JOURNAL_TYPES

    @property
    def track(self) -> str:
        return self.match.track

    @property
    def abstract(self) -> str:
        return _text(self.fields, "abstract")

    @property
    def award(self) -> str:
        return _text(self.fields, "award")

    @cached_property
    def category(self) -> str:
        """The kind of output, for grouping: conference, journal, workshop, preprint, …"""
        return _category(self.type, self.fields, self.venue_name, self.match)

    @property
    def short_tag(self) -> str:
        """``KDD23`` for a conference, ``TMC`` for a journal, ``SIGCOMM18 Demo`` with a track."""
        category = self.category
        fallback = SHORT_NAMES.get(self.type) or (
            "arXiv" if category == "preprint" else self.venue_name
        )
        name = self.venue_abbr or fallback or self.key
        dated = category in DATED_CATEGORIES or (self.venue_abbr and category == "other")
        tag = name
        if dated and self.year is not None and str(self.year) not in name:
            # a name that ends in a number (a volume, a date) takes the year as a word
            tag = f"{name} {self.year}" if name[-1:].isdigit() else f"{name}{self.year % 100:02d}"
        if self.track not in (MAIN, "long"):
            tag = f"{tag} {self.track.title()}"
        return tag

    @cached_property
    def filter_fields(self) -> dict[str, object]:
        """The names a ``:filter:`` expression sees."""
        names: dict[str, object] = {name.lower(): value for name, value in self.fields.items()}
        names.update(
            key=self.key,
            type=self.type,
            year=self.year or 0,
            venue=self.venue_abbr or self.venue_name,
            track=self.track,
            category=self.category,
            keywords=self.fields.get("keywords", ""),
            selected=self.selected,
            author=", ".join(author.name for author in self.authors),
            title=self.title,
        )
        return names


def is_preprint_venue(text: str) -> bool:
    """``arXiv preprint arXiv:…``, ``CoRR``, ``bioRxiv``…: a preprint server, not a journal."""
    words = normalise(text).split()
    phrases = vocabulary().phrases
    return any(
        phrases.get(tuple(words[i : i + size]), ("",))[0] == "preprint"
        for size in (1, 2, 3)
        for i in range(len(words))
    )


def _category(entry_type: str, fields: Mapping[str, str], venue: str, match: VenueMatch) -> str:
    """Conference, journal, workshop, preprint, …; a conference written in ``journal`` (an
    ``@article`` whose journal is a venue the table knows) is a conference paper."""
    if entry_type in JOURNAL_TYPES:
        if is_preprint_venue(venue):
            return "preprint"
        if match.venue is None or match.leftover:
            return "journal"
    if entry_type in CONFERENCE_TYPES or entry_type in JOURNAL_TYPES:
        return "workshop" if match.track == "workshop" else "conference"
    if entry_type in THESIS_TYPES:
        return "thesis"
    if entry_type in BOOK_TYPES:
        return "book"
    if entry_type in REPORT_TYPES:
        return "report"
    if entry_type in PREPRINT_TYPES and (
        "arxiv" in fields or "eprint" in fields or entry_type != "misc"
    ):
        return "preprint"
    return "other"


def _text(fields: Mapping[str, str], *names: str) -> str:
    for name in names:
        value = fields.get(name)
        if value and value.strip():
            return latex_to_text(value)
    return ""


def _parse_count(text: str) -> int | None:
    """A count of papers; None for more digits than any venue has (or Python would convert)."""
    digits = re.sub(r"[,.\s]", "", text)
    return int(digits) if 0 < len(digits) <= 9 else None


def parse_stated_acceptance(fields: Mapping[str, str]) -> tuple[Acceptance | None, str | None]:
    """The bib's own figure from ``acceptance = {5290/21500}`` and ``acceptance_rate = {24.5}``."""
    figures = fields.get("acceptance", "").strip()
    rate_text = fields.get("acceptance_rate", "").strip()
    stated_rate: float | None = None
    if rate_text:
        rate_match = _PERCENT.match(latex_to_text(rate_text))
        if not rate_match or not is_rate(float(rate_match.group(1))):
            return None, (
                f"acceptance_rate {rate_text!r} is not a percentage above 0 and at most 100, "
                "such as 24.5"
            )
        stated_rate = float(rate_match.group(1))
    if figures:
        figures = latex_to_text(figures)
        counts = _FIGURES.match(figures)
        if counts:
            accepted, submitted = _parse_count(counts.group(1)), _parse_count(counts.group(2))
            if accepted is None or submitted is None or submitted <= 0 or accepted > submitted:
                return None, f"acceptance {figures!r} is not accepted/submitted"
            return Acceptance(accepted, submitted, "bib", stated_rate), None
        percent = _PERCENT.match(figures)
        if percent and not is_rate(float(percent.group(1))):
            return None, f"acceptance {figures!r} is not a percentage above 0 and at most 100"
        if percent and stated_rate is None:
            return Acceptance(0, 0, "bib", float(percent.group(1))), None
        return None, f"acceptance {figures!r} is not of the form accepted/submitted (5290/21500)"
    if stated_rate is not None:
        return Acceptance(0, 0, "bib", stated_rate), None
    return None, None


def safe_url(url: str) -> str | None:
    """The URL if it is http(s), mailto or relative; None for anything else."""
    url = url.strip()
    # browsers read a backslash as a slash: "https://a\\@b" and "/\\host" go elsewhere
    if not url or "\\" in url or any(ord(char) < 32 for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme:
        return (
            url
            if parts.scheme.lower() in SAFE_SCHEMES
            and (parts.netloc or parts.scheme.lower() == "mailto")
            else None
        )
    if parts.netloc or url.startswith("//") or ":" in url.split("/", 1)[0]:
        # "//host" and "///host" reach another host in a browser;
        # a colon before the first slash is a scheme in disguise
        return None
    return url


_URL_ESCAPES = re.compile(r"\\([_%&#~$])(?:\{\})?")


def _link_url(kind: str, value: str) -> str:
    value = _URL_ESCAPES.sub(r"\1", unbraced(value))  # LaTeX escapes written for BibTeX
    if kind == "doi" and "://" not in value:
        doi = re.sub(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", "", value, flags=re.IGNORECASE)
        return "https://doi.org/" + quote(doi, safe="/:;()._-")
    if kind == "arxiv" and "://" not in value:
        match = _ARXIV_ID.match(value)
        return "https://arxiv.org/abs/" + quote(match.group(1) if match else value, safe="/.-")
    return value


def eprint_archive(fields: Mapping[str, str]) -> str:
    """The archive an entry's ``eprint`` is in: its ``archivePrefix``/``eprinttype`` in lower
    case, or ``arxiv`` for an untyped identifier shaped like arXiv's; "" when unknown."""
    named = latex_to_text(fields.get("archiveprefix", "")).lower()
    if named:
        return named
    return "arxiv" if _ARXIV_SHAPE.match(unbraced(fields.get("eprint", ""))) else ""


def _eprint_link(fields: Mapping[str, str]) -> tuple[str, str] | None:
    """(label, URL) for a non-arXiv e-print in a known archive."""
    value = unbraced(fields.get("eprint", ""))
    archive = ARCHIVES.get(eprint_archive(fields))
    if not value or archive is None or archive is ARCHIVES["arxiv"]:
        return None
    return archive.label, archive.url.format(id=quote(value, safe="/.-:"))


def parse_links(fields: Mapping[str, str]) -> tuple[tuple[Link, ...], list[str]]:
    """Link badges from the entry's fields; unsafe links are dropped with a problem."""
    links: list[Link] = []
    problems: list[str] = []
    for kind in LINK_KINDS:
        label = ""
        if kind == "bibtex":
            continue
        if kind == "eprint":
            found = _eprint_link(fields)
            if found is None:
                continue
            label, url_text = found
            value: str | None = url_text
        elif kind == "arxiv":
            value = fields.get("arxiv") or (
                fields.get("eprint") if eprint_archive(fields) == "arxiv" else None
            )
        else:
            value = fields.get(kind)
        if not value or not value.strip():
            continue
        url = safe_url(_link_url(kind, value))
        if url is None:
            problems.append(
                f"{kind} link {value.strip()[:80]!r} dropped: only http(s), mailto "
                "and relative links are allowed"
            )
        else:
            links.append(Link(kind, url, label))
    return tuple(links), problems


def _year(fields: Mapping[str, str], problems: list[str]) -> int | None:
    text = fields.get("year", "").strip()
    if not text:
        problems.append("no year")
        return None
    digits = re.fullmatch(r"\{?(\d{4})\}?", text)
    if not digits:
        problems.append(f"year {text!r} is not a four-digit year")
        return None
    return int(digits.group(1))


def _month(fields: Mapping[str, str]) -> int | None:
    text = fields.get("month", "").strip().lower().rstrip(".")
    number = whole_number(text, 12)
    if number:
        return number
    return _MONTHS.get(text)


def _container(entry_type: str, fields: Mapping[str, str]) -> str:
    if entry_type in JOURNAL_TYPES:
        return _text(fields, "journal", "booktitle")
    if entry_type in THESIS_TYPES:
        return _text(fields, "school", "institution")
    if entry_type in REPORT_TYPES:
        return _text(fields, "institution", "publisher")
    return _text(fields, "booktitle", "journal", "howpublished", "publisher")


def _preprint_venue(fields: Mapping[str, str]) -> str:
    """``arXiv preprint arXiv:2501.01234`` for an entry known only by its arXiv id."""
    identifier = fields.get("arxiv") or (
        fields.get("eprint") if eprint_archive(fields) == "arxiv" else None
    )
    if identifier and identifier.strip():
        return f"arXiv preprint arXiv:{latex_to_text(identifier)}"
    return ""


def track_words(track: str) -> str:
    """`` (demo track)`` for messages; nothing for the main and long tracks."""
    return f" ({track} track)" if track not in (MAIN, "long") else ""


def decide_acceptance(
    category: str,
    match: VenueMatch,
    year: int | None,
    fields: Mapping[str, str],
    table: VenueTable,
    problems: list[str],
) -> tuple[AcceptanceNote | None, NoFigure | None]:
    """The figure to show, or why there is none.

    The bib's own figure is always shown. A table figure only for a conference paper
    whose venue is recognised and whose track is identified (nothing left over besides
    the venue's names, known tracks and boilerplate), for that venue, year and track.
    """
    stated, problem = parse_stated_acceptance(fields)
    if problem:
        problems.append(problem)
    found = None
    no_figure: NoFigure | None = None
    if category not in ("conference", "workshop"):
        no_figure = NoFigure("not-a-conference", category)
    elif match.venue is None:
        no_figure = NoFigure("unknown-venue")
    elif year is None:
        no_figure = NoFigure("no-year")
    elif match.track in NO_RATE_TRACKS:  # whatever else is said (the workshop's own name)
        no_figure = NoFigure("no-figure", f"{match.track} papers never get one")
    elif match.leftover:
        no_figure = NoFigure("unidentified-track", ", ".join(repr(w) for w in match.leftover))
    else:
        found = table.lookup(match.venue, year, match.track)
        if found is None:
            no_figure = NoFigure("no-figure", f"{match.venue} {year}{track_words(match.track)}")
    if stated is not None:
        return AcceptanceNote(stated, "bib", found.figure if found else None), None
    if found is not None:
        return AcceptanceNote(found.figure, "table", user_file=found.user_file), None
    return None, no_figure


def make_publication(key: str, entry: Entry, index: int, options: FormatOptions) -> Publication:
    """Decode and annotate one pybtex entry."""
    fields: dict[str, str] = dict(entry.fields.items())
    lowered = {name.lower(): value for name, value in fields.items()}
    entry_type = source_type(entry)
    problems: list[str] = []

    persons = list(entry.persons.get("author", ())) or list(entry.persons.get("editor", ()))
    roles, role_problems = roles_from_fields(persons, lowered)
    problems.extend(role_problems)
    authors = tuple(
        Author(
            ET_AL if str(person) == "others" else display_name(person),
            bool(options.owner) and options.owner.matches(person),
            roles.get(position, frozenset()),
        )
        for position, person in enumerate(persons)
    )
    if not authors:
        problems.append("no author")
    title = _text(lowered, "title")
    if not title:
        problems.append("no title")
        # a note-only @misc shows its note; an entry with nothing at all, its key
        title = _text(lowered, "note", "howpublished") or ("" if persons else key)

    venue_name = _container(entry_type, lowered) or _preprint_venue(lowered)
    abbr = _text(lowered, "abbr")
    match = options.table.recognise(
        abbr=abbr or None,
        venue=_text(lowered, "venue") or None,
        container=venue_name or None,
        track=_text(lowered, "track").lower() or None,
    )
    year = _year(lowered, problems)
    links, link_problems = parse_links(lowered)
    category = _category(entry_type, lowered, venue_name, match)
    acceptance, no_figure = (
        decide_acceptance(category, match, year, lowered, options.table, problems)
        if options.acceptance
        else (None, None)
    )
    return Publication(
        key=key,
        type=entry_type,
        authors=authors,
        title=title,
        venue_name=venue_name or (match.full_name or ""),
        venue_abbr=abbr or _text(lowered, "venue") or (match.venue or ""),
        match=match,
        year=year,
        month=_month(lowered),
        location=_text(lowered, "address"),
        acceptance=acceptance,
        links=links,
        selected=lowered.get("selected", "").strip().lower() in TRUE_WORDS,
        tldr=_text(lowered, "tldr"),
        index=index,
        fields=lowered,
        problems=[("entry", text) for text in problems]
        + [("link", text) for text in link_problems],
        no_figure=no_figure,
    )


def format_acceptance(figure: Acceptance, full_format: str, rate_only_format: str) -> str:
    """The note after an entry, e.g. ``(acceptance rate~24.6% [5,290/21,500])``."""
    if figure.submitted:
        return full_format.format(
            rate=figure.rate, accepted=figure.accepted, submitted=figure.submitted
        )
    return rate_only_format.format(rate=figure.rate)


def describe_figure(figure: Acceptance) -> str:
    """``5,290/21,500`` or ``24.5%`` for messages and tooltips."""
    if figure.submitted:
        return f"{figure.accepted:,}/{figure.submitted:,}"
    return f"{figure.rate:.1f}%"


SORTS: dict[str, Any] = {
    "year-desc": lambda pub: (-(pub.year or 0), -(pub.month or 0), pub.index),
    "year-asc": lambda pub: (pub.year or 9999, pub.month or 0, pub.index),
    "title": lambda pub: (fold(pub.title), pub.index),  # "École" sorts with the Es
    "source": lambda pub: pub.index,
}


def sort_publications(publications: Iterable[Publication], order: str) -> list[Publication]:
    """Sort by one of :data:`SORTS`; ``source`` keeps the given order."""
    return sorted(publications, key=SORTS[order])


def group_key(publication: Publication, group: str) -> str:
    """The group a publication falls in for ``:group:`` year, type or venue."""
    if group == "year":
        return str(publication.year) if publication.year else ""
    if group == "type":
        return publication.category
    if group == "venue":
        return publication.venue_abbr or publication.venue_name
    return ""
