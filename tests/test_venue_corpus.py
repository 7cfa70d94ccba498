"""Venue and track identification on real venue strings (issue 10), and its time bound.

``tests/corpus/venue_strings.csv`` holds venue strings collected from public CV sites
(al-folio ``papers.bib`` files), DBLP and ACL Anthology exports, CVF and OpenReview
BibTeX and the seed CV, each with where it was found. Every row is turned into a bib
entry and read as a build reads it: venue, track, the figure shown (or why none) and
the group the entry falls in.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from pybtex.database import Entry

from sphinx_academic.core.names import OwnerMatcher
from sphinx_academic.core.publication import FormatOptions, make_publication
from sphinx_academic.core.reading import MAX_CHARS, vocabulary
from sphinx_academic.core.venues import MAIN, VenueTable, detect_track, normalise

CORPUS = Path(__file__).parent / "corpus" / "venue_strings.csv"
ROWS = list(csv.DictReader(CORPUS.open(encoding="utf-8", newline="")))
OPTIONS = FormatOptions(OwnerMatcher(()), VenueTable.bundled())


def read(entry_type: str, fields: dict[str, str]) -> tuple[str, str, str, str]:
    """(venue, track, figure or ``none: reason``, category) as a build shows the entry."""
    publication = make_publication(
        "k", Entry(entry_type, fields={"title": "T", **fields}), 0, OPTIONS
    )
    note = publication.acceptance
    if note is not None:
        figure = f"{note.figure.accepted}/{note.figure.submitted}"
    else:
        assert publication.no_figure is not None
        figure = f"none: {publication.no_figure.reason}"
    return publication.match.venue or "", publication.track, figure, publication.category


def test_the_corpus_is_large_and_varied() -> None:
    assert len(ROWS) >= 60
    assert all(row["source"].strip() for row in ROWS)
    not_main = [row for row in ROWS if row["track"] or "unidentified" in row["figure"]]
    assert len(not_main) >= 15
    assert {row["field"] for row in ROWS} == {"booktitle", "journal", "abbr"}


@pytest.mark.parametrize("row", ROWS, ids=[row["string"][:60] for row in ROWS])
def test_real_venue_strings(row: dict[str, str]) -> None:
    fields = {row["field"]: row["string"], "year": row["year"]}
    expected = (row["venue"], row["track"], row["figure"], row["category"])
    assert read(row["type"], fields) == expected


ISSUE_CASES = [
    # the issue's cases: never the figure of another track or another conference
    (
        {
            "abbr": "ACL",
            "booktitle": "Findings of the Association for Computational Linguistics: "
            "IJCNLP-AACL 2025",
            "year": "2025",
        },
        "none: unidentified-track",
    ),
    (
        {
            "abbr": "ICDM",
            "booktitle": "IEEE International Conference on Data Mining (ICDM)",
            "year": "2022",
        },
        "85/870",
    ),
    (
        {
            "abbr": "ICDM",
            "booktitle": "IEEE International Conference on Data Mining (ICDM), BlueSky Track",
            "year": "2022",
        },
        "none: unidentified-track",
    ),
    # an abbreviation and a booktitle naming two venues
    (
        {
            "abbr": "ICML",
            "booktitle": "Advances in Neural Information Processing Systems",
            "year": "2023",
        },
        "none: unidentified-track",
    ),
    # a booktitle naming no known venue beside a known abbreviation (WMT, co-located)
    (
        {
            "abbr": "ACL",
            "booktitle": "Proceedings of the Seventh Conference on Machine Translation (WMT)",
            "year": "2023",
        },
        "none: unidentified-track",
    ),
    # the series name of Findings with the conference in abbr
    (
        {
            "abbr": "EMNLP",
            "booktitle": "Findings of the Association for Computational Linguistics",
            "year": "2023",
        },
        "1060/4909",
    ),
    # the bib's explicit track keeps its meaning
    (
        {
            "booktitle": "Annual Meeting of the Association for Computational Linguistics",
            "track": "short",
            "year": "2023",
        },
        "164/992",
    ),
    # the bib's own figure is always shown
    ({"booktitle": "ICDM 2022 BlueSky Track", "acceptance": "10/100", "year": "2022"}, "10/100"),
]


@pytest.mark.parametrize(("fields", "figure"), ISSUE_CASES)
def test_abbreviation_and_booktitle_together(fields: dict[str, str], figure: str) -> None:
    assert read("inproceedings", fields)[2] == figure


def test_an_acronym_in_parentheses_is_the_last_resort() -> None:
    table = VenueTable.bundled()
    # abbreviated words no alias has; only "(ICASSP)" names the venue
    match = table.recognise(
        container="Proc. IEEE Int. Conf. Acoustics, Speech, Signal Processing (ICASSP)"
    )
    assert (match.venue, match.track, match.leftover) == ("ICASSP", MAIN, ())
    # ... never over words that name a track
    match = table.recognise(container="Resource Papers (ICASSP)")
    assert match.leftover == ("resource papers",)


def test_unknown_words_inside_a_name_keep_the_venue_unrecognised() -> None:
    table = VenueTable.bundled()
    for text in (
        "ICS Journal",
        "Economics and Computation Letters",
        "International Symposium on CC Research",
    ):
        assert table.recognise(container=text).venue is None, text


def test_the_vocabulary_gives_each_phrase_one_meaning() -> None:
    path = Path(__file__).parent.parent / "sphinx_academic" / "data" / "vocabulary.csv"
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    rows = list(csv.DictReader(lines))
    seen: dict[str, str] = {}
    for row in rows:
        assert row["kind"] in {
            "main",
            "track",
            "topic",
            "marker",
            "host",
            "filler",
            "series",
            "place",
            "preprint",
            "field",
        }
        assert row["phrase"] == " ".join(row["phrase"].lower().split()), row
        if row["kind"] != "field":
            assert row["phrase"] not in seen, row
            seen[row["phrase"]] = row["kind"]
    assert vocabulary().phrases[("workshop",)] == ("topic", "workshop")


@pytest.mark.parametrize(
    "text",
    [
        "Workshop on "
        + "of the " * 12_000
        + "x",  # the shape _tidy's edge pattern was quadratic on
        "Proceedings of the " + "IEEE, " * 14_000 + "BlueSky Track",
        "(" * 40_000 + "NeurIPS" + ")" * 40_000,
        "NeurIPS" + " " * 84_000 + "Workshop",
        ("Findings of the Association for Computational Linguistics: EMNLP 2023 " * 1200)[:84_000],
    ],
    ids=["stopwords", "commas", "parentheses", "spaces", "repeated"],
)
def test_an_84_kb_booktitle_is_read_in_bounded_time(text: str) -> None:
    """Issue 11, item 15: an 84 KB booktitle took 3.5 minutes; now it is not read at all."""
    table = VenueTable.bundled()
    start = time.perf_counter()
    match = table.recognise(abbr=text, venue=text, container=text)
    detect_track(text)
    normalise(text)
    publication = make_publication(
        "k", Entry("inproceedings", fields={"booktitle": text, "year": "2023"}), 0, OPTIONS
    )
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0, elapsed
    assert publication.acceptance is None
    assert match.venue is None or match.track == "workshop"  # the spaces collapse: a workshop


def test_reading_time_grows_linearly_up_to_the_cap() -> None:
    table = VenueTable.bundled()
    unit = "Proceedings of the 51st Annual ACM Symposium on Theory of Computing, STOC, "

    def timed(repeats: int) -> float:
        text = (unit * repeats)[:MAX_CHARS]
        start = time.perf_counter()
        for _ in range(20):
            table.read(text + f" {repeats}")
        return time.perf_counter() - start

    short, long = timed(1), timed(8)
    assert long < 30 * max(short, 1e-3)


KDD_2023 = "Proceedings of the 29th ACM SIGKDD Conference on Knowledge Discovery and Data Mining"


@pytest.mark.parametrize(
    ("abbr", "booktitle", "leftover"),
    [
        # a single word that is the venue's own abbreviation, in the form CVs write it
        ("SIGKDD", KDD_2023, ()),
        ("KDD23", KDD_2023, ()),
        ("KDD'23", KDD_2023, ()),
        (
            "CVPR 2024 Highlight",
            "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition",
            (),
        ),
        # ... but not another conference whose letters happen to appear in order
        ("AACL", "Findings of the Association for Computational Linguistics", ("aacl",)),
        ("EdgeFM", "The ACM MobiSys Workshop on Edge and Mobile Foundation Models", ("edgefm",)),
    ],
)
def test_an_abbreviation_of_the_venue_is_no_leftover(
    abbr: str, booktitle: str, leftover: tuple[str, ...]
) -> None:
    match = VenueTable.bundled().recognise(abbr=abbr, container=booktitle)
    assert match.venue is not None
    assert match.leftover == leftover
