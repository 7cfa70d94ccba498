"""The one place that knows where sphinxcontrib-bibtex keeps its parsed data.

Its internal layout has moved between releases; everything else in the package
asks this module for entries, files and source lines.  It also turns pybtex's
parse errors into ``academic.bib`` warnings instead of tracebacks, and builds
the per-build formatting context (owner names, venue table) once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pybtex.errors

from ..core.bibfields import is_listed, normalise
from ..core.names import OwnerMatcher
from ..core.publication import (
    FormatOptions,
    Publication,
    describe_figure,
    make_publication,
    track_words,
)
from ..core.sanitise import clean_text, strip_bidi
from ..core.venues import VenueTable
from .warnings import detail, file_location, inform, warn

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s]+)[ \t]*,", re.MULTILINE)
_KEYLESS_START = re.compile(r"^[ \t]*@[ \t]*\w+[ \t]*[{(][ \t]*,", re.MULTILINE)
_capture: Any = None


def _domain(env: BuildEnvironment) -> Any:
    return env.get_domain("cite")


def bib_entries(env: BuildEnvironment) -> Mapping[str, Entry]:
    """All entries of the configured bib files, case-insensitive by key, in file order."""
    bibdata = getattr(_domain(env), "bibdata", None)
    data = getattr(bibdata, "data", None)
    return data.entries if data is not None else {}


def listed_keys(env: BuildEnvironment) -> list[str]:
    """The keys a list without ``:keys:`` shows: every entry with something in it, but
    biblatex's data-only ones."""
    return [key for key, entry in bib_entries(env).items() if is_listed(entry)]


def bib_files(env: BuildEnvironment) -> list[Path]:
    """The configured bib files, as absolute paths."""
    bibdata = getattr(_domain(env), "bibdata", None)
    return [Path(path) for path in getattr(bibdata, "bibfiles", {})]


@lru_cache(maxsize=64)
def _entry_lines(path: str, mtime: float) -> dict[str, int]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return {}
    lines: dict[str, int] = {}
    line, position = 1, 0
    for match in _ENTRY_START.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.setdefault(match.group(2).lower(), line)
    return lines


def entry_location(env: BuildEnvironment, key: str) -> Any:
    """``"path/to/file.bib:LINE"`` where *key* is defined, for warnings."""
    folded = key.lower()
    for path in bib_files(env):
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue
        line = _entry_lines(str(path), mtime).get(folded)
        if line is not None:
            return f"{path}:{line}"
    unnamed = re.fullmatch(r"unnamed-(\d+)", key)
    if unnamed:  # pybtex's name for the n-th entry without a key
        return _keyless_entry(bib_files(env), int(unnamed.group(1)))
    # a key pybtex made of malformed text: the first line that shows it
    return find_in_files(bib_files(env), key)


def _keyless_entry(paths: Sequence[Path], number: int) -> Any:
    """Where the *number*-th entry without a key starts (``@misc{, title = …}``)."""
    seen = 0
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in _KEYLESS_START.finditer(text):
            seen += 1
            if seen == number:
                return f"{path}:{text.count(chr(10), 0, match.start()) + 1}"
    return file_location(paths[0]) if paths else None


def _field_in_entry(paths: Sequence[Path], key: str, field: str, *, occurrence: int) -> Any:
    """Where entry *key* gives *field* for the *occurrence*-th time (else where it starts)."""
    assignment = re.compile(rf"^\s*{re.escape(field)}\s*=", re.IGNORECASE)
    for path in paths:
        start = _entry_lines(str(path), _mtime(path)).get(key.lower())
        if start is None:
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        seen = 0
        for number in range(start, len(lines) + 1):
            if number > start and _ENTRY_START.match(lines[number - 1]):
                break
            text = lines[number - 1]
            if number == start:
                text = text.split(",", 1)[-1]  # "@article{key, title = ..." on one line
            seen += bool(assignment.match(text))
            if seen == occurrence:
                return f"{path}:{number}"
        return f"{path}:{start}"
    return None


def find_in_files(paths: Sequence[Path], needle: str, *, last: bool = False) -> Any:
    """The location of the first (or last) line of *paths* containing *needle*."""
    found: Any = None
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for number, line in enumerate(lines, start=1):
            if needle and needle in line:
                found = f"{path}:{number}"
                if not last:
                    return found
    return found or (file_location(paths[0]) if len(paths) == 1 else None)


def note_dependencies(env: BuildEnvironment) -> None:
    """Re-read the current document when a bib file or a user venue table changes."""
    for path in bib_files(env):
        env.note_dependency(str(path))
    note_venue_tables(env)


def note_venue_tables(env: BuildEnvironment) -> None:
    """Re-read the current document when a user venue table changes (roles that read only
    the table: ``venues``, ``acceptance``)."""
    for path in _venue_paths(env.config, env.srcdir):
        env.note_dependency(str(path))


def _venue_paths(config: Config, srcdir: Path | str) -> list[Path]:
    return [Path(srcdir, path) for path in config.academic_venues]


# -- parse errors ------------------------------------------------------------------------------


def _configured_bib_files(app: Sphinx) -> list[Path]:
    return [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]


def _undecodable(path: Path, encoding: str) -> str | None:
    """Where *path* cannot be read in *encoding* ("path:line"), or None when it can."""
    try:
        data = path.read_bytes()
    except OSError:
        return None  # sphinxcontrib-bibtex reports a missing file itself
    try:
        data.decode(encoding)
        # and as pybtex reads it, through a text stream: UTF-16 needs a BOM there
        with open(path, encoding=encoding) as stream:
            stream.read()
    except (UnicodeError, LookupError) as error:
        line = data.count(b"\n", 0, getattr(error, "start", 0)) + 1
        return f"{path}:{line}"
    return None


def start_capturing_errors(app: Sphinx) -> None:
    """Before sphinxcontrib-bibtex parses: set aside files it cannot decode (it would stop the
    build), and collect pybtex's errors instead of letting them raise."""
    global _capture
    readable = []
    for name, path in zip(app.config.bibtex_bibfiles, _configured_bib_files(app), strict=True):
        location = _undecodable(path, app.config.bibtex_encoding)
        if location is None:
            readable.append(name)
        else:
            warn(
                f"bib file {path.name} is not in {app.config.bibtex_encoding} "
                "(bibtex_encoding); its entries are left out",
                "bib",
                location,
            )
    app.config.bibtex_bibfiles = readable
    _capture = pybtex.errors.capture()
    _capture.__enter__()


def report_captured_errors(app: Sphinx) -> None:
    """After it parsed: each collected error becomes an ``academic.bib`` warning at its line."""
    global _capture
    if _capture is None:
        return
    errors = list(pybtex.errors.captured_errors or ())
    _capture.__exit__(None, None, None)
    _capture = None
    reported: set[tuple[str, str]] = set()
    for error in errors:
        filename = getattr(error, "filename", None)
        line = getattr(error, "lineno", None)
        location = file_location(filename and str(filename), line)
        try:
            message = str(error)
        except Exception:  # pybtex builds some messages lazily from the input
            message = type(error).__name__
        if location is None or not line:
            location = _locate_message(app, message) or location
        seen = (message, location if isinstance(location, str) else str(filename))
        if seen not in reported:  # pybtex repeats some errors (a string defined by itself)
            reported.add(seen)
            warn(f"bib file problem: {message}", "bib", location)


def normalise_bib_data(app: Sphinx) -> None:
    """Read the parsed bib data as BibTeX once, for every reader: biblatex types and field
    names, dates, and the fields entries inherit through ``crossref`` and ``xdata``."""
    bibdata = getattr(_domain(app.env), "bibdata", None)
    data = getattr(bibdata, "data", None)
    if data is None:
        return
    for problem in normalise(data):
        warn(
            f"bib entry {problem.key!r}: {problem.message}",
            "entry",
            entry_location(app.env, problem.key),
        )


def _locate_message(app: Sphinx, message: str) -> Any:
    """A line for a pybtex error that carries none: a repeated key, or a quoted fragment."""
    paths = _configured_bib_files(app)
    repeated = re.search(r"repeated bibliograp?h?y entry: (\S+)", message)
    if repeated:
        return find_in_files(paths, "{" + repeated.group(1), last=True)
    duplicate = re.search(r"entry with key (\S+) has a duplicate (\S+) field", message)
    if duplicate:
        return _field_in_entry(paths, *duplicate.groups(), occurrence=2)
    quoted = re.search(r"'([^']{3,})'", message)
    return find_in_files(paths, quoted.group(1)) if quoted else None


# -- one sanitiser for bib text ---------------------------------------------------------------

_NAME_PARTS = ("first_names", "middle_names", "prelast_names", "last_names", "lineage_names")


def clean_bib_text(app: Sphinx) -> None:
    """Run every field, name and key of the parsed bib files through :func:`clean_text`.

    Done in place, where sphinxcontrib-bibtex keeps the parsed data, so every user
    of it (our lists, roles and BibTeX source, its own ``bibliography``) and every
    writer sees the same clean text. Cleaning twice changes nothing, so the data
    cached between builds is simply cleaned again (a few milliseconds).
    """
    bibdata = getattr(_domain(app.env), "bibdata", None)
    data = getattr(bibdata, "data", None)
    if data is None:
        return
    renamed: dict[str, str] = {}
    for key, entry in data.entries.items():
        _clean_entry(entry)
        clean_key = strip_bidi(clean_text(key)).strip()
        if clean_key != key:
            renamed[key] = clean_key
    if renamed:
        _rename_entries(app, bibdata, renamed)


def _clean_entry(entry: Entry) -> None:
    for name, value in list(entry.fields.items()):
        cleaned = clean_text(value)
        if cleaned != value:
            entry.fields[name] = cleaned
    for persons in entry.persons.values():
        for person in persons:
            for part in _NAME_PARTS:
                names = getattr(person, part, None)
                if names:
                    names[:] = [clean_text(name) for name in names]


def _rename_entries(app: Sphinx, bibdata: Any, renamed: dict[str, str]) -> None:
    """Give entries whose key holds control characters the key without them."""
    from pybtex.utils import OrderedCaseInsensitiveDict

    data = bibdata.data
    entries = OrderedCaseInsensitiveDict()
    paths = _configured_bib_files(app)
    for key, entry in data.entries.items():
        new_key = renamed.get(key, key)
        if key in renamed:
            location = find_in_files(paths, key)
            if not new_key or new_key in entries or new_key in data.entries:
                warn(
                    f"bib entry key {key!r} holds control characters, and without them it "
                    "is empty or another entry's key; the entry is left out",
                    "bib",
                    location,
                )
                continue
            warn(
                f"bib entry key {key!r} holds control characters; it is read as {new_key!r}",
                "bib",
                location,
            )
            entry.key = new_key
        entries[new_key] = entry
    data.entries = entries
    for path, bibfile in list(bibdata.bibfiles.items()):
        keys = {
            renamed.get(key, key): None for key in bibfile.keys if renamed.get(key, key) in entries
        }
        bibdata.bibfiles[path] = bibfile._replace(keys=keys)


# -- the formatting context --------------------------------------------------------------------


@dataclass(frozen=True)
class _ContextKey:
    owner: tuple[str, ...]
    venue_files: tuple[tuple[str, float], ...]
    acceptance: bool


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


@lru_cache(maxsize=8)
def _format_options(key: _ContextKey) -> tuple[FormatOptions, tuple[Any, ...]]:
    table, problems = VenueTable.load([path for path, _ in key.venue_files])
    options = FormatOptions(
        owner=OwnerMatcher(key.owner),
        table=table.merged_over(VenueTable.bundled()),
        acceptance=key.acceptance,
    )
    return options, tuple(problems)


def format_options(env: BuildEnvironment, owner: Sequence[str] | None = None) -> FormatOptions:
    """Owner matcher and venue table for this build (cached per process and config)."""
    config = env.config
    paths = _venue_paths(config, env.srcdir)
    key = _ContextKey(
        tuple(owner if owner is not None else config.academic_owner),
        tuple((str(path), _mtime(path)) for path in paths),
        bool(config.academic_acceptance),
    )
    return _format_options(key)[0]


def check_venue_tables(app: Sphinx) -> None:
    """Warn once per build about problems in the user's venue tables."""
    if not app.config.academic_venues:
        return
    paths = _venue_paths(app.config, app.srcdir)
    key = _ContextKey((), tuple((str(path), _mtime(path)) for path in paths), True)
    for problem in _format_options(key)[1]:
        location = file_location(problem.path, problem.line)
        warn(f"venue table: {problem.message}", "venue", location)


class _Formatted:
    """Publications formatted from one parsed bib data object, per set of options."""

    def __init__(self, entries: Mapping[str, Entry]) -> None:
        self.entries = entries  # held, so its identity cannot be reused while cached
        self.order = {key.lower(): index for index, key in enumerate(entries)}
        self.by_options: dict[FormatOptions, dict[str, Publication]] = {}


_formatted: _Formatted | None = None
_warned: set[str] = set()


def get_publication(
    env: BuildEnvironment, key: str, owner: Sequence[str] | None = None, *, report: bool = True
) -> Publication | None:
    """The formatted publication for *key*, or None when the bib files don't have it.

    Formatting is cached per process for the parsed bib data and the options,
    so a key shown on several pages (list, ``pub`` role, highlight) is decoded
    once, and its problems are reported once, at the entry's line in the bib file
    (not at all with *report* false: when a page is written, its reading has reported them).
    """
    global _formatted
    entries = bib_entries(env)
    entry = entries.get(key) if entries else None
    if entry is None:
        return None
    if _formatted is None or _formatted.entries is not entries:
        _formatted = _Formatted(entries)
        _warned.clear()
    options = format_options(env, owner)
    cache = _formatted.by_options.setdefault(options, {})
    folded = key.lower()
    publication = cache.get(folded)
    if publication is None:
        publication = make_publication(entry.key, entry, _formatted.order.get(folded, 0), options)
        cache[folded] = publication
    if report and folded not in _warned:
        _warned.add(folded)
        _report(env, publication)
    return publication


def _report(env: BuildEnvironment, publication: Publication) -> None:
    """Warn about an entry's problems, say where its stated rate differs from the table, and
    why a recognised venue gets no figure when its track is not identified."""
    note = publication.acceptance
    unidentified = publication.no_figure and publication.no_figure.reason == "unidentified-track"
    if not publication.problems and not (note and note.differs) and not unidentified:
        return
    location = entry_location(env, publication.key)
    for subtype, problem in publication.problems:
        # once: parallel readers each format the entry; Sphinx merges their logs in one process
        warn(f"bib entry {publication.key!r}: {problem}", subtype, location, once=True)
    if note and note.differs and note.table is not None:
        message = (
            f"bib entry {publication.key!r} states {describe_figure(note.figure)} for "
            f"{publication.venue_abbr or publication.venue_name} {publication.year}"
            f"{track_words(publication.track)}; the bundled "
            f"table has {describe_figure(note.table)} ({note.table.source})"
        )
        if env.config.academic_acceptance_check:
            warn(message, "acceptance", location, once=True)
        else:
            detail(f"{message}; the entry's own figure is shown", location)
    if unidentified:
        message = (
            f"bib entry {publication.key!r}: no acceptance figure for "
            f"{publication.match.venue} {publication.year or ''}".rstrip()
            + f": {publication.no_figure}"
        )
        if env.config.academic_acceptance_check:
            warn(message, "venue", location, once=True)
        else:
            detail(message, location)


def summarise_stated_figures(app: Sphinx, exception: Exception | None) -> None:
    """One line per build for the shown entries whose stated figure differs from the table,
    and one for the conference papers left without a figure because their track is not
    identified.

    Counted from the environment in the main process, so parallel and incremental builds
    report the whole site. With ``academic_acceptance_check`` each one is a warning instead.
    """
    if exception is not None or app.config.academic_acceptance_check:
        return
    shown = app.env.get_domain("academic").data.get("entries", {})
    count = unidentified = 0
    for key in sorted(shown):
        publication = get_publication(app.env, key, report=False)
        note = publication.acceptance if publication else None
        count += bool(note and note.differs and note.table is not None)
        reason = publication.no_figure if publication else None
        unidentified += bool(reason and reason.reason == "unidentified-track")
    if count:
        entries = "1 bib entry states" if count == 1 else f"{count} bib entries state"
        inform(
            f"sphinx-academic: {entries} an acceptance figure that differs from the bundled "
            "venue table; the CV shows the figures the entries state. To list them, build "
            "with -v, or set academic_acceptance_check = True to make each one a warning."
        )
    if unidentified:
        papers = (
            "1 conference paper gets"
            if unidentified == 1
            else f"{unidentified} conference papers get"
        )
        inform(
            f"sphinx-academic: {papers} no acceptance figure because the track is not "
            "identified. To list them, run sphinx-academic audit or build with -v."
        )
