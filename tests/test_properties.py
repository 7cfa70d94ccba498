"""Property tests: generated input never crashes the pure helpers or a real Sphinx build.

The pure functions get many examples; whole Sphinx builds get a few dozen. Every
test is derandomised (a fixed search, no example database), so CI sees the same
examples on every run. Set ``SPHINX_ACADEMIC_FUZZ=N`` to multiply every
``max_examples`` by N and search at random, for a longer local run.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import strip_colors
from docutils.nodes import make_id
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st
from pybtex.database import Entry, Person
from sphinx.testing.util import SphinxTestApp

from sphinx_academic.core.dates import DateError, parse_span
from sphinx_academic.core.filters import FilterError, compile_filter
from sphinx_academic.core.names import (
    OwnerMatcher,
    latex_to_text,
    name_key,
    names_match,
    parse_annotation,
)
from sphinx_academic.core.publication import FormatOptions, make_publication, safe_url
from sphinx_academic.core.venues import VenueTable, detect_track, normalise

# -- settings ------------------------------------------------------------------------------------

_SCALE = max(1, int(os.environ.get("SPHINX_ACADEMIC_FUZZ", "1") or "1"))


def _settings(examples: int, *, shrink: bool = True) -> settings:
    phases = [phase for phase in Phase if shrink or phase is not Phase.shrink]
    return settings(
        max_examples=examples * _SCALE,
        phases=phases,
        deadline=None,
        derandomize=_SCALE == 1,  # reproducible in CI; a random search when scaled up
        database=None,
        print_blob=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


PURE = _settings(600)
# Shrinking a failing build can take minutes: sites report the failing example as found.
SITE = _settings(30, shrink=False)
FEW_SITES = _settings(10, shrink=False)

# -- text strategies -----------------------------------------------------------------------------

#: What BibTeX can hold: any character but control characters (tab and newline are whitespace),
#: surrogates and the line and paragraph separators that end a line in docutils.
_BIB_CHARACTERS = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"
) | st.sampled_from("\t\n")
_ODD = [
    "{", "}", "\\", "%", "#", "&", "~", "$", "^", "_", '"', "@", ",", "=",
    "M{\\\"u}ller", "\\'e", "\\c{c}", "\\ss{}", "{\\'\\i}", "--", "---", "\\&", "\\%", "\\\\",
    "\\textbf{x}", "\\emph{", "\\input{/etc/passwd}", "\\write18{ls}", "\\csname relax\\endcsname",
    "\\def\\x{y}", "^^5c", "\\end{document}", "$x^2$", "\\url{http://x.org}", "\\href{a}{b}",
    "<script>alert(1)</script>", '" onmouseover="alert(1)', "<img src=x onerror=alert(1)>",
    "javascript:alert(1)", "Müller", "Sørensen", "王俊潇", "東京", "😀", "👩‍🔬", "\u202e", "\u200b",
    "\ufeff", "\u00a0", " and ", "others", "Doe, Jane", "Jane Doe", "NeurIPS", "Workshop on",
    "Findings of", "2023", " ", "\n",
]  # fmt: skip
_ODD_TEXT = st.lists(st.sampled_from(_ODD) | st.text(_BIB_CHARACTERS, max_size=6), max_size=14)
TEXT = st.one_of(
    st.text(_BIB_CHARACTERS, max_size=40),
    _ODD_TEXT.map("".join),
)


def _balance(text: str) -> str:
    """Drop unmatched closing braces and close open ones: a value BibTeX can read."""
    depth, kept = 0, []
    for char in text:
        if char == "}":
            if not depth:
                continue
            depth -= 1
        elif char == "{":
            depth += 1
        kept.append(char)
    value = "".join(kept)
    if value.endswith("\\"):
        value += " "  # a final backslash would escape nothing but reads oddly
    return value + "}" * depth


# -- pure functions ------------------------------------------------------------------------------

_DATE_PARTS = [
    "2024", "1999", "0999", "3000", "2024-02", "2024-02-29", "2023-02-29", "2024-13", "2024-00",
    "2024-1-5", "-", " - ", "--", " -- ", "–", "—", "present", "Present", "now", "NOW", " ", "/",
    ":", "9" * 30, "x", "٢٠٢٤", "２０２４",
]  # fmt: skip


@PURE
@given(
    st.one_of(st.text(max_size=80), st.lists(st.sampled_from(_DATE_PARTS), max_size=8).map("".join))
)
@example("2024 -- 2023")
@example("9" * 5000)
def test_parse_span_raises_only_date_error(text: str) -> None:
    try:
        span = parse_span(text)
    except DateError as error:
        assert str(error)
    else:
        assert span.sort_key  # a parsed span can always be ordered


_FILTER_TOKENS = [
    "year", "type", "venue", "keywords", "selected", "title", "author", "abbr", "__class__",
    "and", "or", "not", "in", "not in", "is", "==", "!=", "<", "<=", ">", ">=", "%", "+", "*",
    "**", "@", ":=", "(", ")", "[", "]", "{", "}", ",", ":", ".", "lambda", "if", "else", "for",
    "2020", "-1", "+3", "~1", "1e309", "1_000", "0x1f", "1j", "True", "false", "None", "...",
    "'x'", '"privacy"', "'(a+)+'", "'[z-a]'", "'\\\\d+'", "b'x'", "f'{x}'", "f(1)", "x.y",
]  # fmt: skip
FILTER_SOURCE = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(_FILTER_TOKENS), max_size=14).map(" ".join),
)
FIELD_VALUE = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.lists(st.one_of(st.text(max_size=8), st.integers()), max_size=4),
    st.lists(st.text(max_size=8), max_size=3).map(tuple),
    st.frozensets(st.text(max_size=4), max_size=3),
)
FIELDS = st.dictionaries(
    st.sampled_from(["year", "type", "venue", "keywords", "selected", "title", "author", "Year"])
    | st.text(max_size=8),
    FIELD_VALUE,
    max_size=8,
)


@PURE
@given(FILTER_SOURCE, FIELDS)
@example("(" * 200 + "year" + ")" * 200, {"year": 2020})
@example("not " * 400 + "selected", {"selected": True})
@example("year > 'soon'", {"year": 2024})
def test_filters_raise_only_filter_error(source: str, fields: dict[str, object]) -> None:
    try:
        compiled = compile_filter(source)
    except FilterError as error:
        assert str(error)
        return
    try:
        assert compiled(fields) in (True, False)
    except FilterError as error:
        assert str(error)


@PURE
@given(TEXT, TEXT, st.integers(min_value=-2, max_value=12))
@example("\\", "{", 0)
@example('{\\"{u}}}}', "\\c", 3)
@example("Doe, Jane, Jr, Extra", "J. Doe", 1)
def test_name_functions_never_raise(first: str, second: str, count: int) -> None:
    assert isinstance(latex_to_text(first), str)
    first_key, second_key = name_key(first), name_key(second)
    assert names_match(first_key, second_key) in (True, False)
    roles, problems = parse_annotation(first, count)
    assert all(0 <= index < max(count, 0) for index in roles)
    assert all(isinstance(problem, str) for problem in problems)
    assert OwnerMatcher([first, second]).matches(second) in (True, False)


_VENUE_PARTS = [
    "Proceedings of the", "In", "The", "37th", "Thirty-Seventh", "Annual", "Conference on",
    "Advances in Neural Information Processing Systems", "36", "vol. 2", "(Volume 2: Short Papers)",
    "NeurIPS", "ICLR", "ACL", "EMNLP", "CVPR", "Findings of", ":", "Workshop on", "Demo", "Poster",
    "Track", "2023", "'23", "(", ")", "{", "}", "\\&", "–", "-", " ", "ﬁ", "İ", "ß", "王",
]  # fmt: skip
VENUE_TEXT = st.one_of(
    st.none(),
    st.text(max_size=60),
    st.lists(st.sampled_from(_VENUE_PARTS), max_size=10).map(" ".join),
)
_TABLE = VenueTable.bundled()


@PURE
@given(VENUE_TEXT, VENUE_TEXT, VENUE_TEXT, VENUE_TEXT)
@example("(" * 300, None, ")" * 300, "workshop")
def test_venue_functions_never_raise(
    abbr: str | None, venue: str | None, container: str | None, track: str | None
) -> None:
    for text in (abbr, venue, container):
        if text is not None:
            assert isinstance(normalise(text), str)
            found, rest = detect_track(text)
            assert isinstance(found, str) and isinstance(rest, str)
    match = _TABLE.recognise(abbr=abbr, venue=venue, container=container, track=track)
    if match.venue is not None:
        _TABLE.acceptance(match.venue, 2023, match.track)


_URL_PARTS = [
    "http", "https", "HTTPS", "mailto", "javascript", "JaVaScRiPt", "data", "vbscript", "file",
    "ftp", ":", "://", "//", "/", "\\", " ", "\t", "\n", "\x00", "\x7f", "\u200b", "\u00a0",
    "\uff1a", "%0a", "%3a", "&#58;", "evil.example.com", "@", "?", "#", "[::1]", "..", "a.html",
    "x:y", "alert(1)", '"', "'", "<", ">",
]  # fmt: skip
URL_TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(_URL_PARTS), max_size=10).map("".join),
)
SAFE_SCHEMES = {"http", "https", "mailto"}
_BROWSER_STRIPPED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def _as_browser_reads(url: str) -> str:
    """The URL as the WHATWG parser sees it: tab and newline removed, C0 and space trimmed."""
    return _BROWSER_STRIPPED.sub("", url).strip("".join(map(chr, range(33))))


@PURE
@given(URL_TEXT)
@example("JaVaScRiPt:alert(1)")
@example(" javascript:alert(1)")
@example("java\tscript:alert(1)")
@example("//evil.example.com")
def test_safe_url_keeps_only_safe_schemes(url: str) -> None:
    result = safe_url(url)
    if result is None:
        return
    scheme = urlsplit(result).scheme.lower()
    assert scheme in SAFE_SCHEMES | {""}, result
    seen = _SCHEME.match(_as_browser_reads(result))
    assert seen is None or seen.group(1).lower() in SAFE_SCHEMES, result
    if not scheme:
        assert not urlsplit(result).netloc, result  # no host without a scheme


@PURE
@given(URL_TEXT)
@example("//")
@example("///evil.example.com")
@example("/\\evil.example.com")
def test_safe_url_never_returns_a_protocol_relative_url(url: str) -> None:
    result = safe_url(url)
    if result is None:
        return
    seen = _as_browser_reads(result).replace("\\", "/")
    assert not seen.startswith("//"), f"safe_url({url!r}) = {result!r}"


# -- generated pybtex entries --------------------------------------------------------------------

_ENTRY_TYPES = [
    "article", "inproceedings", "conference", "misc", "phdthesis", "mastersthesis", "techreport",
    "book", "incollection", "unpublished", "online", "weirdtype",
]  # fmt: skip
_BIB_FIELDS = [
    "title", "booktitle", "journal", "journaltitle", "year", "month", "date", "abbr", "venue",
    "track", "address", "location", "acceptance", "acceptance_rate", "author+an", "corresponding",
    "equal", "pdf", "code", "doi", "arxiv", "eprint", "archiveprefix", "url", "html", "slides",
    "poster", "video", "supp", "website", "blog", "selected", "tldr", "keywords", "school",
    "institution", "publisher", "howpublished", "note",
]  # fmt: skip
_LINK_FIELDS = {"pdf", "code", "doi", "arxiv", "eprint", "url", "html", "slides", "poster"}
_LINK_FIELDS |= {"video", "supp", "website", "blog"}
YEAR = st.one_of(
    st.integers(min_value=1900, max_value=2100).map(str),
    st.sampled_from(["", "{2024}", "last year", "20 24", "2024a", "99", "٢٠٢٤", "1e3"]),
    TEXT,
)
ACCEPTANCE = st.one_of(
    st.tuples(st.integers(-5, 10**7), st.integers(-5, 10**7)).map(lambda p: f"{p[0]}/{p[1]}"),
    st.sampled_from(["5,290/21,500", "24.5", "24.5%", "many/few", "1/0", "/", "0/0", "1e9/1e10"]),
    TEXT,
)
ANNOTATION = st.one_of(
    st.lists(
        st.tuples(
            st.integers(-1, 8),
            st.sampled_from(["corresponding", "equal", "corr", "equal-contrib", "wizard", ""]),
        ),
        max_size=4,
    ).map(lambda items: "; ".join(f"{index}={role}" for index, role in items)),
    TEXT,
)
URL_VALUE = st.one_of(
    st.sampled_from(
        [
            "https://example.org/paper.pdf",
            "http://example.org/a?b=1&c=2",
            "mailto:someone@example.org",
            "papers/local.pdf",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "//evil.example.com/x",
            'https://example.org/a"onmouseover="alert(1)',
            "10.1000/xyz123",
            "2501.01234",
            "https\\://example.org/escaped\\_url",
        ]
    ),
    TEXT,
)


def _field_value(name: str) -> st.SearchStrategy[str]:
    if name == "year":
        return YEAR
    if name in ("acceptance", "acceptance_rate"):
        return ACCEPTANCE
    if name == "author+an":
        return ANNOTATION
    if name in _LINK_FIELDS:
        return URL_VALUE
    return st.one_of(TEXT, TEXT, st.just("x" * 10_000), TEXT.map(lambda t: (t or "long ") * 400))


@st.composite
def entry_fields(draw: st.DrawFn) -> dict[str, str]:
    names = draw(st.lists(st.sampled_from(_BIB_FIELDS), unique=True, max_size=10))
    return {name: draw(_field_value(name)) for name in names}


PERSON_NAME = st.one_of(
    st.sampled_from(
        ["Doe, Jane", "Jane Doe", "J. Doe", "Doe, J.", "D{\\\"o}e, Jane", "van der Berg, Anna",
         "Wang, Junxiao", "王, 俊潇", "others", "{Org Name}", "Doe, Jr, Jane", "A, B, C, D"]
    ),
    TEXT.map(_balance),
)  # fmt: skip


@PURE
@given(
    st.sampled_from(_ENTRY_TYPES),
    entry_fields(),
    st.lists(PERSON_NAME, max_size=5),
    st.lists(PERSON_NAME, max_size=2),
    st.booleans(),
)
def test_make_publication_reports_problems_and_never_raises(
    entry_type: str,
    fields: dict[str, str],
    authors: list[str],
    editors: list[str],
    acceptance: bool,
) -> None:
    persons: dict[str, list[Person]] = {}
    try:
        if authors:
            persons["author"] = [Person(name) for name in authors]
        if editors:
            persons["editor"] = [Person(name) for name in editors]
    except Exception:  # pybtex refuses the name itself, before our code sees it
        return
    entry = Entry(entry_type, fields=fields, persons=persons)
    options = FormatOptions(
        owner=OwnerMatcher(["Doe, Jane", "Wang, Junxiao"]),
        table=_TABLE,
        acceptance=acceptance,
    )
    publication = make_publication("key", entry, 0, options)
    for subtype, text in publication.problems:
        assert subtype in {"entry", "link"} and isinstance(text, str) and text
    for link in publication.links:
        assert safe_url(link.url) == link.url
    assert isinstance(publication.short_tag, str)
    assert publication.category
    assert isinstance(publication.filter_fields, dict)


#: More digits than Python converts to an int by default (``sys.get_int_max_str_digits()``).
HUGE = "9" * 4301


@pytest.mark.parametrize(
    ("field", "value"),
    [("corresponding", HUGE), ("equal", HUGE), ("month", HUGE), ("acceptance", f"{HUGE}/1")],
)
def test_huge_numbers_in_bib_fields_are_problems_not_crashes(field: str, value: str) -> None:
    fields = {"title": "T", "booktitle": "ICLR", "year": "2023", field: value}
    entry = Entry("inproceedings", fields=fields, persons={"author": [Person("Doe, Jane")]})
    options = FormatOptions(owner=OwnerMatcher(["Doe, Jane"]), table=_TABLE)
    publication = make_publication("huge", entry, 0, options)  # never an exception
    assert publication.year == 2023 and publication.authors[0].is_owner
    assert publication.acceptance is not None and publication.acceptance.origin == "table"
    if field == "month":
        assert publication.month is None  # an unreadable month is left out
    else:
        assert [kind for kind, _ in publication.problems] == ["entry"]
        assert field in publication.problems[0][1]


@pytest.mark.parametrize("row", [f"ICLR,2023,{HUGE},{HUGE}9,,x", f"ICLR,{HUGE},1,2,,x"])
def test_huge_numbers_in_a_venue_table_are_problems_not_crashes(row: str, tmp_path: Path) -> None:
    table = tmp_path / "rates.csv"
    table.write_text(f"venue,year,accepted,submitted,track,source\n{row}\n", encoding="utf-8")
    _table, problems = VenueTable.load([table])
    assert problems  # the row is skipped with a problem


# -- whole sites ---------------------------------------------------------------------------------

CONF = """\
extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
academic_owner = ["Doe, Jane", "Wang, Junxiao"]
project = "Generated"
"""
KEY = st.from_regex(r"[a-z][a-z0-9_:-]{0,10}", fullmatch=True)


@st.composite
def bib_entry(draw: st.DrawFn, key: str) -> str:
    """One entry as BibTeX; sometimes with a brace left open or a value in quotes."""
    entry_type = draw(st.sampled_from(_ENTRY_TYPES))
    fields = draw(entry_fields())
    balanced = draw(st.integers(0, 5)) > 0  # mostly readable; one in six may break the file
    lines = [f"@{entry_type}{{{key},"]
    authors = draw(st.one_of(st.none(), st.just([]), st.lists(PERSON_NAME, min_size=1, max_size=4)))
    if authors is not None:
        fields = {"author": " and ".join(authors), **fields}
    for name, value in fields.items():
        value = value.replace("@", "(at)") if balanced else value  # '@' may start an entry
        if balanced:
            lines.append(f"  {name} = {{{_balance(value)}}},")
        elif draw(st.booleans()):
            lines.append(f'  {name} = "{value}",')
        else:
            lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines)


@st.composite
def bib_file(draw: st.DrawFn) -> tuple[str, list[str]]:
    keys = draw(st.lists(KEY, min_size=1, max_size=5, unique_by=str.lower))
    return "\n\n".join(draw(bib_entry(key)) for key in keys) + "\n", keys


def _page(keys: list[str]) -> str:
    roles = " ".join(f"{{pub}}`{key}`" for key in keys)
    return f"""\
# Generated

:::{{publications}}
:::

See {roles}.

::::{{highlights}} Highlights
:::{{highlight}} {keys[0]}
:::
::::

::::{{timeline}}
:::{{entry}} A project
:date: 2020 -- present
:pubs: {", ".join(keys)}
:::
::::
"""


@contextmanager
def built_site(files: dict[str, str], builder: str = "html") -> Iterator[SphinxTestApp]:
    """Write *files* to a fresh directory, build it once and clean the app up afterwards."""
    with tempfile.TemporaryDirectory(prefix="sa-prop-") as tmp:
        srcdir = Path(tmp)
        for name, text in files.items():
            (srcdir / name).write_text(text, encoding="utf-8")
        app = SphinxTestApp(builder, srcdir=srcdir, freshenv=True)
        try:
            app.build()
            yield app
        finally:
            app.cleanup()


#: Warning types other extensions give when they read what we give them.
KNOWN_TYPE = re.compile(r"\[(?:academic\.[a-z]+|bibtex\.[\w.]+|myst\.[\w.]+)\]$")
_RECORD_START = re.compile(r"(?:^|: )(?:WARNING|ERROR|CRITICAL|SEVERE):")


def warning_records(app: SphinxTestApp) -> list[str]:
    """The build's warnings, a message that spans several lines kept as one record."""
    records: list[str] = []
    for line in strip_colors(app.warning.getvalue()).splitlines():
        if _RECORD_START.search(line) or not records:
            records.append(line)
        else:
            records[-1] += "\n" + line
    return records


def assert_typed_warnings(app: SphinxTestApp) -> None:
    for record in warning_records(app):
        assert "Traceback" not in record, record
        assert KNOWN_TYPE.search(record), f"untyped or unexpected warning: {record!r}"


URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster"})
URL_ATTRIBUTES |= {"srcset", "background", "cite", "data", "ping"}
FORBIDDEN_TAGS = frozenset(
    {"script", "iframe", "frame", "object", "embed", "applet", "style", "link", "meta", "base"}
) | {"form", "input", "button", "textarea", "img", "video", "audio", "body"}
ALLOWED_ATTRIBUTES = frozenset(
    {"class", "id", "href", "title", "value", "start", "reversed", "role", "aria-label"}
) | {"aria-hidden", "xmlns", "viewbox", "fill", "focusable", "d"}


#: Our own markup that the lists above would flag: the copy and "… N more" buttons (inert
#: until our script gives them a click handler) and an entry's preview image.
OWN_ELEMENTS = {
    "button": ({"type", "class", "hidden"}, {"sa-copy", "sa-more-authors"}),
    "img": ({"class", "src", "alt"}, {"sa-preview"}),
}


def _own_element(tag: str, attributes: dict[str, str | None]) -> bool:
    if tag not in OWN_ELEMENTS:
        return False
    names, classes = OWN_ELEMENTS[tag]
    own_class = bool(set((attributes.get("class") or "").split()) & classes)
    button_type = tag != "button" or attributes.get("type") == "button"
    return own_class and button_type and set(attributes) <= names


class _BodyChecker(HTMLParser):
    """Collects what an HTML body must not have: script tags, event handlers, unsafe URLs."""

    def __init__(self, *, urls_only: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.urls_only = urls_only  # the whole page, theme scripts and all: check links only
        self.problems: list[str] = []
        self._last: tuple[str, dict[str, str | None]] = ("", {})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.urls_only:
            for name, value in attrs:
                if name in URL_ATTRIBUTES:
                    self._check_url(tag, name, value or "")
            return
        if _own_element(tag, attributes):
            for name, value in attrs:
                if name in URL_ATTRIBUTES:
                    self._check_url(tag, name, value or "")
            self._last = (tag, attributes)
            return
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> {attrs}")
        if tag == "svg":  # only the shipped contact icons
            last_tag, last_attributes = self._last
            if last_tag != "span" or "sa-icon" not in (last_attributes.get("class") or ""):
                self.problems.append(f"<svg> outside an icon: {attrs}")
        for name, value in attrs:
            if name.startswith("on") or name not in ALLOWED_ATTRIBUTES:
                self.problems.append(f"attribute {name}={value!r} on <{tag}>")
            if name in URL_ATTRIBUTES:
                self._check_url(tag, name, value or "")
        self._last = (tag, attributes)

    handle_startendtag = handle_starttag

    def _check_url(self, tag: str, name: str, value: str) -> None:
        seen = _as_browser_reads(value)
        scheme = _SCHEME.match(seen)
        if scheme is not None and scheme.group(1).lower() not in SAFE_SCHEMES:
            self.problems.append(f"<{tag} {name}={value!r}>: scheme {scheme.group(1)!r}")
        if scheme is None and urlsplit(seen).netloc:
            self.problems.append(f"<{tag} {name}={value!r}>: protocol-relative")


def page_body(html: str) -> str:
    """The page's main content (the basic theme's ``div.body``), without theme scripts."""
    start = html.index('<div class="body" role="main">')
    end = html.index('<div class="sphinxsidebar"', start)
    return html[start:end]


def html_problems(html: str) -> list[str]:
    """Everything in the page body that could run script or leave for another scheme."""
    body = page_body(html)
    checker = _BodyChecker()
    checker.feed(body)
    checker.close()
    page = _BodyChecker(urls_only=True)
    page.feed(html)
    page.close()
    problems = checker.problems + [f"page: {problem}" for problem in page.problems]
    if re.search(r"<script", body, re.IGNORECASE):  # as text it is "&lt;script"
        problems.append("a raw <script")
    return problems


@SITE
@given(bib_file())
def test_generated_bib_builds_safe_html(bib: tuple[str, list[str]]) -> None:
    text, keys = bib
    files = {"conf.py": CONF, "refs.bib": text, "index.md": _page(keys)}
    with built_site(files) as app:
        assert_typed_warnings(app)
        html = (app.outdir / "index.html").read_text(encoding="utf-8")
        assert html_problems(html) == []
        shown = sum(f'id="pub-{make_id(key)}"' in html for key in keys)
        event(f"entries listed: {'all' if shown == len(keys) else 'some' if shown else 'none'}")
        for subtype in sorted(
            set(re.findall(r"\[(\w+\.\w+)\]$", strip_colors(app.warning.getvalue()), re.M))
        ):
            event(f"warning {subtype}")


@FEW_SITES
@given(bib_file(), st.sampled_from(["latex", "text"]))
def test_generated_bib_builds_in_latex_and_text(bib: tuple[str, list[str]], builder: str) -> None:
    text, keys = bib
    files = {"conf.py": CONF, "refs.bib": text, "index.md": _page(keys)}
    with built_site(files, builder) as app:
        assert_typed_warnings(app)
        if builder == "latex":
            tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
            assert tex.count("\\end{document}") == 1
            body = tex[tex.index("\\phantomsection", tex.index("\\begin{document}")) :]
            for command in ("\\input{", "\\include{", "\\write18", "\\csname", "\\def\\", "^^"):
                assert command not in body, command
        else:
            assert (app.outdir / "index.txt").read_text(encoding="utf-8").startswith("Generated")


# -- option values -------------------------------------------------------------------------------

#: One line of option text: no line breaks (they end the option), anything else goes.
OPTION_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"),
    max_size=30,
)


def _option(choices: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(choices), OPTION_TEXT, st.just(""))


OPTION_VALUES = st.fixed_dictionaries(
    {
        "group": _option(["none", "year", "type", "venue", "YEAR", "colour"]),
        "sort": _option(["year-desc", "year-asc", "title", "source", "sideways"]),
        "numbered": _option(["none", "forward", "reverse", "backwards"]),
        "max": _option(["0", "1", "3", "-1", "many", "99999999999999999999", "１"]),
        "links": _option(["pdf, code", "bibtex", "hologram", "pdf,,url", "PDF; DOI"]),
        "filter": st.one_of(
            _option(['year >= 2020 and type == "inproceedings"', "selected", "year > 'soon'"]),
            st.lists(st.sampled_from(_FILTER_TOKENS), max_size=10).map(" ".join),
        ),
        "keys": _option(["good2024", "good2024, nosuchkey", "good2024 good2024", ",,;"]),
        "order": _option(["source", "desc", "asc", "DESC", "sideways"]),
        "style": _option(["full", "compact", "tiny"]),
        "date": st.one_of(
            _option(["2024", "2023-03 -- present", "2024 -- 2023", "2023-02-30"]),
            st.lists(st.sampled_from(_DATE_PARTS), max_size=5).map("".join),
        ),
    }
)
OPTIONS_BIB = """\
@inproceedings{good2024,
  author    = {Doe, Jane and Roe, Richard},
  title     = {A Good Paper},
  booktitle = {International Conference on Learning Representations},
  year      = {2024},
  pdf       = {https://example.org/good.pdf},
}

@article{other2020,
  author  = {Roe, Richard},
  title   = {Another Paper},
  journal = {Journal of Things},
  year    = {2020},
}
"""


def _options_page(values: dict[str, str], syntax: str) -> str:
    publication_options = ("group", "sort", "numbered", "max", "links", "filter", "keys")
    if syntax == "rst":
        lines = ["Options", "=======", "", ".. publications::"]
        lines += [f"   :{name}: {values[name]}".rstrip() for name in publication_options]
        lines += ["", ".. timeline::"]
        lines += [f"   :{name}: {values[name]}".rstrip() for name in ("order", "style")]
        lines += ["", "   .. entry:: One", f"      :date: {values['date']}".rstrip()]
        lines += ["", "   .. entry:: Two", "      :date: 2021", ""]
        return "\n".join(lines)
    lines = ["# Options", "", ":::{publications}"]
    lines += [f":{name}: {values[name]}".rstrip() for name in publication_options]
    lines += [":::", "", "::::{timeline}"]
    lines += [f":{name}: {values[name]}".rstrip() for name in ("order", "style")]
    lines += [":::{entry} One", f":date: {values['date']}".rstrip(), ":::"]
    lines += [":::{entry} Two", ":date: 2021", ":::", "::::", ""]
    return "\n".join(lines)


#: Warnings docutils and MyST give for option text they cannot read before we see it.
_PARSER_PROBLEM = re.compile(r"(?:invalid option|Invalid options|Error in \"\w+\" directive)")


@SITE
@given(OPTION_VALUES, st.sampled_from(["md", "rst"]))
def test_random_option_values_warn_or_render(values: dict[str, str], syntax: str) -> None:
    conf = CONF + 'source_suffix = {".md": "markdown", ".rst": "restructuredtext"}\n'
    files = {
        "conf.py": conf,
        "refs.bib": OPTIONS_BIB,
        f"index.{syntax}": _options_page(values, syntax),
    }
    with built_site(files) as app:
        for record in warning_records(app):
            assert "Traceback" not in record, record
            assert KNOWN_TYPE.search(record) or _PARSER_PROBLEM.search(record), record
            kind = re.search(r"\[(\w+\.\w+)\]$", record)
            event(f"warning {kind.group(1) if kind else 'from the parser'}")
        html = (app.outdir / "index.html").read_text(encoding="utf-8")
        assert html_problems(html) == []
