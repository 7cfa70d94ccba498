#!/usr/bin/env python3
"""Build the venue table shipped in ``sphinx_academic/data/`` from the raw data.

Usage (from the repository root)::

    python tools/build_venue_table.py [--data tools/venue-sources] [--out sphinx_academic/data]

Reads ``venues.csv`` and ``acceptance_rates.csv`` from ``--data`` and writes

* ``venues.csv``: ``venue,full_name,alias,track``, validated: the build fails if a
  normalised alias (or a canonical name) points at two different (venue, track) pairs;
* ``acceptance.csv`` and ``acceptance-cc-by-sa.csv``:
  ``venue,year,track,accepted,submitted,source``, exactly one figure per
  (venue, year, track), chosen by :data:`PREFERENCE`. Rows from ``openaccept``
  (CC BY-SA 4.0) go to ``acceptance-cc-by-sa.csv``, all others (MIT) to ``acceptance.csv``.

Figures are copied as the sources state them: nothing is computed, summed or filled in.
The output is deterministic (sorted rows, ``\\n`` line endings). Standard library only;
the alias normalisation is the one in ``sphinx_academic/core/venues.py``, loaded by path
so that the Sphinx extension itself is not imported.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO / "tools" / "venue-sources"
DEFAULT_OUT = REPO / "sphinx_academic" / "data"

#: Source preference, best first. ccf-deadlines cites an upstream (often official) per entry.
PREFERENCE = ("ccf-deadlines", "openaccept", "puzhuoliu", "lixin4ever", "LuigiSigillo")
#: Sources whose rows must be shipped under CC BY-SA 4.0, in their own file.
CC_BY_SA = frozenset({"openaccept"})
#: Sources that are known but never shipped, with the reason.
EXCLUDED = {"csconferences": "the repository grants no licence"}

VENUE_HEADER = ("venue", "full_name", "alias", "track")
RATE_HEADER_IN = ("venue", "year", "accepted", "submitted", "track", "source")
RATE_HEADER_OUT = ("venue", "year", "track", "accepted", "submitted", "source")


class BuildError(Exception):
    """The raw data is inconsistent; the message lists every problem found."""


def load_normalise() -> Callable[[str], str]:
    """``normalise`` from this checkout's ``sphinx_academic/core/venues.py`` (the core is pure:
    importing it starts no Sphinx)."""
    sys.path.insert(0, str(REPO))
    try:
        module = importlib.import_module("sphinx_academic.core.venues")
    finally:
        sys.path.pop(0)
    normalise: Callable[[str], str] = module.normalise
    return normalise


def read_csv(path: Path, header: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV file with the expected header, with their line numbers."""
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        found = next(reader, None)
        if found is None or tuple(cell.strip() for cell in found) != tuple(header):
            raise BuildError(f"{path}: header must be {','.join(header)}, not {found}")
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                raise BuildError(f"{path}:{reader.line_num}: {len(cells)} cells, not {len(header)}")
            rows.append(
                (reader.line_num, dict(zip(header, (c.strip() for c in cells), strict=True)))
            )
    return rows


def build_venues(
    path: Path, normalise: Callable[[str], str]
) -> tuple[list[tuple[str, str, str, str]], set[str]]:
    """Validated, de-duplicated, sorted alias rows, and the set of venue names."""
    errors: list[str] = []
    full_names: dict[str, str] = {}
    keys: dict[str, tuple[str, str, str]] = {}  # normalised alias -> (venue, track, alias)
    rows: set[tuple[str, str, str, str]] = set()
    for line, row in read_csv(path, VENUE_HEADER):
        venue, full_name, alias, track = (row[column] for column in VENUE_HEADER)
        where = f"{path.name}:{line}"
        if not venue or not alias:
            errors.append(f"{where}: empty venue or alias")
            continue
        if full_names.setdefault(venue, full_name) != full_name:
            errors.append(
                f"{where}: {venue} has two full names: {full_names[venue]!r}, {full_name!r}"
            )
        key = normalise(alias)
        if not key:
            errors.append(f"{where}: alias {alias!r} is empty once normalised")
            continue
        earlier = keys.setdefault(key, (venue, track, alias))
        if earlier[:2] != (venue, track):
            errors.append(
                f"{where}: alias {alias!r} normalises to {key!r}, which already points at "
                f"{earlier[0]}/{earlier[1] or 'main'} (alias {earlier[2]!r}), "
                f"not {venue}/{track or 'main'}"
            )
            continue
        rows.add((venue, full_name, alias, track))
    for venue, full_name in full_names.items():  # the runtime also matches these
        for name in (venue, full_name):
            key = normalise(name)
            other = keys.get(key)
            if other is not None and other[0] != venue:
                errors.append(f"{name!r} ({venue}) normalises to {key!r}, an alias of {other[0]}")
    if errors:
        raise BuildError("\n".join(errors))
    ordered = sorted(rows, key=lambda r: (r[0].casefold(), r[0], r[3], r[2].casefold(), r[2]))
    return ordered, set(full_names)


def _count(value: str) -> int | None:
    return int(value) if value.isdigit() and value.isascii() else None


def build_rates(path: Path, venues: set[str]) -> list[tuple[str, int, str, int, int, str]]:
    """One figure per (venue, year, track), by source preference, sorted."""
    errors: list[str] = []
    rank = {source: position for position, source in enumerate(PREFERENCE)}
    candidates: dict[tuple[str, int, str], dict[str, tuple[int, int]]] = {}
    for line, row in read_csv(path, RATE_HEADER_IN):
        where = f"{path.name}:{line}"
        venue, track, source = row["venue"], row["track"], row["source"]
        year, accepted, submitted = (_count(row[c]) for c in ("year", "accepted", "submitted"))
        if source in EXCLUDED:
            continue
        if source not in rank:
            errors.append(f"{where}: unknown source {source!r} (add it to PREFERENCE)")
            continue
        if venue not in venues:
            errors.append(f"{where}: venue {venue!r} is not in venues.csv")
            continue
        if year is None or accepted is None or submitted is None:
            errors.append(f"{where}: year, accepted and submitted must be whole numbers")
            continue
        if submitted == 0 or accepted > submitted:
            errors.append(f"{where}: impossible figure {accepted}/{submitted}")
            continue
        figures = candidates.setdefault((venue, year, track), {})
        if figures.setdefault(source, (accepted, submitted)) != (accepted, submitted):
            errors.append(f"{where}: {source} gives {venue} {year} {track!r} twice, differently")
    if errors:
        raise BuildError("\n".join(errors))
    chosen = []
    for (venue, year, track), figures in candidates.items():
        source = min(figures, key=rank.__getitem__)
        accepted, submitted = figures[source]
        chosen.append((venue, year, track, accepted, submitted, source))
    chosen.sort(key=lambda r: (r[0].casefold(), r[0], r[1], r[2]))
    return chosen


def render(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """CSV text with ``\\n`` line endings, minimal quoting, UTF-8."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def build(data: Path, out: Path) -> dict[str, int]:
    """Write the three tables into ``out``; return their row counts."""
    normalise = load_normalise()
    venue_rows, venues = build_venues(data / "venues.csv", normalise)
    rates = build_rates(data / "acceptance_rates.csv", venues)
    tables: dict[str, tuple[Sequence[str], Sequence[Sequence[object]]]] = {
        "venues.csv": (VENUE_HEADER, venue_rows),
        "acceptance.csv": (RATE_HEADER_OUT, [r for r in rates if r[5] not in CC_BY_SA]),
        "acceptance-cc-by-sa.csv": (RATE_HEADER_OUT, [r for r in rates if r[5] in CC_BY_SA]),
    }
    out.mkdir(parents=True, exist_ok=True)
    for name, (header, rows) in tables.items():
        (out / name).write_bytes(render(header, rows))
    return {name: len(rows) for name, (_, rows) in tables.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="raw data directory")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = parser.parse_args(argv)
    try:
        counts = build(args.data, args.out)
    except (BuildError, OSError) as error:
        print(f"build_venue_table: error:\n{error}", file=sys.stderr)
        return 1
    for name, count in counts.items():
        print(f"{args.out / name}: {count} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
