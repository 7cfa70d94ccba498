"""``sphinx-academic audit``: every entry's venue, track and acceptance figure, without a build.

Reads a Sphinx source folder's ``conf.py`` settings (as literals, without running it) or
bib files given on the command line, formats each entry with the pure core as a build
would, and reports the figure shown and where it comes from, or why there is none; then
what deserves a look: stated figures the table disagrees with, tracks not identified,
entries without a year, likely duplicates, and names close to the owner's that are not
matched.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..core.names import OwnerMatcher, name_key
from ..core.publication import (
    FormatOptions,
    Publication,
    describe_figure,
    make_publication,
    track_words,
)
from ..core.venues import VenueTable

HELP = "List every entry's venue, track and acceptance figure (and why none), without a build."

#: The conf.py settings the audit reads; each must be a literal there.
CONF_SETTINGS = (
    "bibtex_bibfiles",
    "bibtex_encoding",
    "academic_venues",
    "academic_owner",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a Sphinx source folder (its conf.py is read) or .bib files; default: .",
    )
    parser.add_argument(
        "--venues",
        action="append",
        default=[],
        metavar="TABLE",
        help="a user venue table (CSV or YAML), besides academic_venues; repeatable",
    )
    parser.add_argument(
        "--owner",
        action="append",
        default=[],
        metavar="NAME",
        help="a form of the owner's name, besides academic_owner; repeatable",
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 if a stated figure differs from the table or a track is not identified",
    )


# -- settings ----------------------------------------------------------------------------------


@dataclass
class Settings:
    """Where the bib files and tables are, and the owner's names."""

    bibfiles: list[Path] = field(default_factory=list)
    encoding: str = "utf-8-sig"
    venues: list[Path] = field(default_factory=list)
    owner: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # settings that could not be read


def read_conf(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The :data:`CONF_SETTINGS` assigned as literals at the top level of ``conf.py``.

    The file is parsed, never run: a value computed by code is reported, not guessed.
    """
    try:
        tree = ast.parse(path.read_text(encoding="utf-8-sig"), filename=str(path))
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError) as error:
        return {}, [f"cannot read {path}: {error}"]
    values: dict[str, Any] = {}
    notes: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if not isinstance(target, ast.Name) or target.id not in CONF_SETTINGS:
                continue
            try:
                values[target.id] = ast.literal_eval(value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                notes.append(f"{path.name}:{node.lineno}: {target.id} is not a literal; ignored")
    return values, notes


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def settings_for(paths: Sequence[str], venues: Sequence[str], owner: Sequence[str]) -> Settings:
    """Settings from the folders' ``conf.py`` files and the bib files among ``paths``."""
    settings = Settings()
    for text in paths or ["."]:
        path = Path(text)
        if path.is_dir():
            conf = path / "conf.py"
            if not conf.is_file():
                settings.notes.append(f"{path}: no conf.py")
                continue
            values, notes = read_conf(conf)
            settings.notes.extend(notes)
            settings.bibfiles += [path / name for name in _strings(values.get("bibtex_bibfiles"))]
            settings.venues += [path / name for name in _strings(values.get("academic_venues"))]
            settings.owner += _strings(values.get("academic_owner"))
            encoding = values.get("bibtex_encoding")
            if isinstance(encoding, str):
                settings.encoding = encoding
        else:
            settings.bibfiles.append(path)
    settings.venues += [Path(name) for name in venues]
    settings.owner += list(owner)
    return settings


# -- the audit ---------------------------------------------------------------------------------


@dataclass
class Row:
    """One entry: what a build shows, and where the figure comes from or why there is none."""

    key: str
    category: str
    venue: str
    track: str
    year: int | None
    figure: str
    origin: str


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    disagreements: list[dict[str, str]] = field(default_factory=list)
    unidentified: list[dict[str, str]] = field(default_factory=list)
    no_year: list[str] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    near_owner: list[dict[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """What ``--strict`` fails on: a disagreement or a track not identified."""
        return bool(self.disagreements or self.unidentified)


def read_bibs(settings: Settings, problems: list[str]) -> dict[str, Any]:
    """Entries of every bib file, first key wins; unreadable files and entries are problems."""
    import pybtex.errors
    from pybtex.database.input.bibtex import Parser

    entries: dict[str, Any] = {}
    strict = pybtex.errors.strict
    pybtex.errors.set_strict_mode(False)
    try:
        for path in settings.bibfiles:
            try:
                data = Parser(encoding=settings.encoding).parse_file(str(path))
            except Exception as error:  # pybtex raises many kinds; none may stop the audit
                problems.append(f"{path}: cannot read: {error}")
                continue
            for key, entry in data.entries.items():
                if key.lower() in entries:
                    problems.append(f"{path}: key {key!r} appears again; the first is used")
                    continue
                entries[key.lower()] = entry
    finally:
        pybtex.errors.set_strict_mode(strict)
    return entries


def _title_key(title: str) -> str:
    return re.sub(r"[\W_]+", "", title.casefold())


def _near_owner(person: Any, owner: OwnerMatcher) -> bool:
    """Not matched, yet close to an owner form: the same surname and first initial, or the
    same letters as given name and surname run together ("{Bashima Islam}", one brace-protected
    name, for "Islam, Bashima")."""
    key = name_key(person)
    joined = ("".join(key.given) + key.last).replace(" ", "")
    for form in owner.keys:
        if key.last == form.last and key.given and key.given[0][:1] == form.given[0][:1]:
            return True
        given = "".join(form.given)
        if joined in {given + form.last, form.last + given}:
            return True
    return False


def audit(settings: Settings) -> Report:
    """Format every entry as a build would and collect what the author should look at."""
    report = Report(problems=list(settings.notes))
    user, table_problems = VenueTable.load(settings.venues)
    report.problems += [
        f"{problem.path}:{problem.line or ''} {problem.message}" for problem in table_problems
    ]
    owner = OwnerMatcher(settings.owner)
    options = FormatOptions(owner=owner, table=user.merged_over(VenueTable.bundled()))
    entries = read_bibs(settings, report.problems)
    publications = [
        make_publication(entry.key, entry, index, options)
        for index, entry in enumerate(entries.values())
    ]
    for publication in publications:
        report.rows.append(_row(publication))
        _collect(report, publication, owner, entries[publication.key.lower()])
    by_title: dict[str, list[Publication]] = {}
    for publication in publications:
        if publication.title:
            by_title.setdefault(_title_key(publication.title), []).append(publication)
    for same in by_title.values():
        if len(same) > 1:
            kinds = {publication.category for publication in same}
            report.duplicates.append(
                {
                    "keys": [publication.key for publication in same],
                    "title": same[0].title,
                    "kind": "a preprint and its published version"
                    if "preprint" in kinds and len(kinds) > 1
                    else "the same title",
                }
            )
    return report


def _row(publication: Publication) -> Row:
    note = publication.acceptance
    if note is not None:
        figure, origin = describe_figure(note.figure), note.origin_text
    else:
        figure, origin = "—", f"none: {publication.no_figure}" if publication.no_figure else ""
    return Row(
        publication.key,
        publication.category,
        publication.match.venue or publication.venue_abbr or publication.venue_name,
        _track_cell(publication),
        publication.year,
        figure,
        origin,
    )


def _track_cell(publication: Publication) -> str:
    if publication.category not in ("conference", "workshop"):
        return ""
    if publication.match.leftover and publication.track != "workshop":
        return "not identified"
    return publication.track or "main"


def _collect(report: Report, publication: Publication, owner: OwnerMatcher, entry: Any) -> None:
    note = publication.acceptance
    if note is not None and note.differs and note.table is not None:
        report.disagreements.append(
            {
                "key": publication.key,
                "venue": f"{publication.match.venue} {publication.year}"
                + track_words(publication.track),
                "stated": describe_figure(note.figure),
                "table": describe_figure(note.table),
                "table_source": note.table.source,
            }
        )
    reason = publication.no_figure
    if reason is not None and reason.reason == "unidentified-track":
        report.unidentified.append(
            {
                "key": publication.key,
                "venue": publication.match.venue or "",
                "leftover": ", ".join(publication.match.leftover),
            }
        )
    if publication.year is None:
        report.no_year.append(publication.key)
    if owner:
        for person in entry.persons.get("author", ()):
            if not owner.matches(person) and _near_owner(person, owner):
                report.near_owner.append({"key": publication.key, "name": str(person)})


# -- output ------------------------------------------------------------------------------------


def _print_tables(report: Report) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)

    def section(title: str, columns: Sequence[str], rows: list[list[str]]) -> None:
        if not rows:
            console.print(f"[bold]{title}[/bold]: none", soft_wrap=True)
            return
        console.print(f"[bold]{title}[/bold] ({len(rows)})", soft_wrap=True)
        table = Table()
        widest = max(len(cells[0]) for cells in rows)
        for index, column in enumerate(columns):  # the first column (keys) is never folded
            first = index == 0
            table.add_column(
                column, overflow="fold", no_wrap=first, min_width=widest if first else None
            )
        for cells in rows:
            table.add_row(*cells)
        console.print(table)

    section(
        "Entries",
        ("Key", "Venue", "Track", "Year", "Figure", "Origin, or why none"),
        [
            [row.key, row.venue, row.track, str(row.year or "—"), row.figure, row.origin]
            for row in report.rows
        ],
    )
    section(
        "Stated figures the table disagrees with",
        ("Key", "Venue", "Bib states", "Table has"),
        [
            [
                item["key"],
                item["venue"],
                item["stated"],
                f"{item['table']} ({item['table_source']})",
            ]
            for item in report.disagreements
        ],
    )
    section(
        "Tracks not identified",
        ("Key", "Venue", "Left over"),
        [[item["key"], item["venue"], item["leftover"]] for item in report.unidentified],
    )
    section("Entries without a year", ("Key",), [[key] for key in report.no_year])
    section(
        "Likely duplicates",
        ("Keys", "Title", "Kind"),
        [[", ".join(item["keys"]), item["title"], item["kind"]] for item in report.duplicates],
    )
    section(
        "Names close to the owner's, not matched",
        ("Key", "Name"),
        [[item["key"], item["name"]] for item in report.near_owner],
    )
    for problem in report.problems:
        console.print(f"[yellow]note[/yellow]: {problem}", soft_wrap=True)


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args.paths, args.venues, args.owner)
    if not settings.bibfiles:
        print("sphinx-academic audit: no bib files (give a folder with conf.py, or .bib files)")
        for note in settings.notes:
            print(f"note: {note}", file=sys.stderr)
        return 2
    report = audit(settings)
    if not report.rows:
        print("sphinx-academic audit: no entries in " + ", ".join(map(str, settings.bibfiles)))
        for problem in report.problems:
            print(f"note: {problem}", file=sys.stderr)
        return 2
    try:
        if args.format == "json":
            json.dump(asdict(report), sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            _print_tables(report)
    except BrokenPipeError:  # `sphinx-academic audit | head`
        sys.stderr.close()
    return 1 if args.strict and report.failed else 0
