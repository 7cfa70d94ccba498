"""Unit tests for sphinx_academic.core.venues and tools/build_venue_table.py (no Sphinx)."""

from __future__ import annotations

import math
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sphinx_academic.core.venues import (
    MAIN,
    Acceptance,
    TableProblem,
    VenueMatch,
    VenueTable,
    detect_track,
    normalise,
)

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tools" / "build_venue_table.py"
SHIPPED = REPO / "sphinx_academic" / "data"
RAW = REPO / "tools" / "venue-sources"  # the raw data, with its sources and licences
GENERATED = ("venues.csv", "acceptance.csv", "acceptance-cc-by-sa.csv")


@pytest.fixture(scope="module")
def table() -> VenueTable:
    return VenueTable.bundled()


def figure(acceptance: Acceptance | None) -> tuple[int, int, str] | None:
    return (
        None
        if acceptance is None
        else (acceptance.accepted, acceptance.submitted, acceptance.source)
    )


# ---------------------------------------------------------------------------
# normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Advances in Neural Information Processing Systems 36",
            "advances in neural information processing systems",
        ),
        (
            "Proceedings of the Thirty-Seventh AAAI Conference on Artificial Intelligence",
            "aaai conference on artificial intelligence",
        ),
        (
            "Proceedings of the 40th International Conference on Machine Learning",
            "international conference on machine learning",
        ),
        (
            "The Twenty-Fifth International Conference on Artificial Intelligence and Statistics",
            "international conference on artificial intelligence and statistics",
        ),
        ("Proceedings of the Ninety-Ninth Conference on X", "conference on x"),
        ("In Proc. of the First Conference on X, vol. 3", "conference on x"),
        ("The 2023 ACM Web Conference", "acm web conference"),
        (
            "The Annual Conference on Neural Information Processing Systems (NeurIPS 2023)",
            "annual conference on neural information processing systems",
        ),
        ("NeurIPS'23", "neurips"),
        ("NeurIPS \u201923", "neurips"),
        ("NeurIPS2023", "neurips"),
        ("Computer Vision \u2013 ECCV 2022", "computer vision eccv"),
        ("Computer Vision \u2014 ECCV", "computer vision eccv"),
        ("Computer Vision - ECCV", "computer vision eccv"),
        ("IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR).", None),
        ("{IEEE} Symposium on Security and Privacy", "ieee symposium on security and privacy"),
        ("IEEE S\\&P", "ieee s&p"),
        ("  CODES+ISSS  ", "codes+isss"),
        (
            "Network and Distributed System Security (NDSS) Symposium",
            "network and distributed system security symposium",
        ),
        ("\uff2e\uff45\uff55\uff52\uff29\uff30\uff33", "neurips"),  # full-width, NFKC
    ],
)
def test_normalise(text: str, expected: str | None) -> None:
    if expected is None:
        expected = "ieee/cvf conference on computer vision and pattern recognition"
    assert normalise(text) == expected


def test_normalise_keeps_track_words_in_parentheses() -> None:
    main = normalise("Annual Meeting of the Association for Computational Linguistics")
    long = normalise(
        "Proceedings of the 61st Annual Meeting of the Association for Computational "
        "Linguistics (Volume 1: Long Papers)"
    )
    short = normalise(
        "Annual Meeting of the Association for Computational Linguistics (Volume 2: Short Papers)"
    )
    assert len({main, long, short}) == 3
    assert long.endswith("long papers")


# ---------------------------------------------------------------------------
# detect_track


@pytest.mark.parametrize(
    ("text", "track", "rest"),
    [
        ("NeurIPS", MAIN, "NeurIPS"),
        ("The NeurIPS Workshop on Adaptive Foundation Models", "workshop", "The NeurIPS"),
        (
            "ICLR 2024 Workshop on Reliable and Responsible Foundation Models",
            "workshop",
            "ICLR 2024",
        ),
        ("Proceedings of the 2nd Workshop on X co-located with ACL", "workshop", "ACL"),
        ("NeurIPS 2023 Workshops", "workshop", "NeurIPS 2023"),
        ("Workshop on ATC Systems", "workshop", ""),
        (
            "Findings of the Association for Computational Linguistics: EMNLP 2023",
            "findings",
            "EMNLP 2023",
        ),
        (
            "Findings of the Association for Computational Linguistics (ACL) 2024",
            "findings",
            "ACL 2024",
        ),
        (
            "Findings of the Association for Computational Linguistics",
            "findings",
            "Association for Computational Linguistics",
        ),
        ("Findings of EMNLP 2022", "findings", "EMNLP 2022"),
        ("ACM SIGCOMM Conference 2018 Demo", "demo", "ACM SIGCOMM Conference 2018"),
        (
            "Proceedings of the ACM SIGCOMM 2018 Conference on Posters and Demos",
            "demo",
            "Proceedings of the ACM SIGCOMM 2018 Conference",
        ),
        (
            "Proceedings of the 61st Annual Meeting of the ACL (Volume 3: System Demonstrations)",
            "demo",
            "Proceedings of the 61st Annual Meeting of the ACL",
        ),
        ("ICWSM 2020 Poster Session", "poster", "ICWSM 2020"),
        (
            "Proceedings of the 62nd Annual Meeting of the ACL "
            "(Volume 4: Student Research Workshop)",
            "student",
            "Proceedings of the 62nd Annual Meeting of the ACL",
        ),
        ("AAAI Student Abstracts", "student", "AAAI"),
        ("ICSE Doctoral Symposium", "doctoral consortium", "ICSE"),
        ("ACL 2024 Tutorial Abstracts", "tutorial", "ACL 2024"),
        (
            "Companion Proceedings of the ACM Web Conference 2023",
            "companion",
            "ACM Web Conference 2023",
        ),
        ("SIGIR 2023 Short Research Papers", "short", "SIGIR 2023"),
        (
            "Annual Meeting of the ACL (Volume 2: Short Papers)",
            "short",
            "Annual Meeting of the ACL",
        ),
        ("Annual Meeting of the ACL (Volume 1: Long Papers)", "long", "Annual Meeting of the ACL"),
        (
            "Neural Information Processing Systems Track on Datasets and Benchmarks",
            "datasets and benchmarks",
            "Neural Information Processing Systems",
        ),
        ("KDD 2023 Applied Data Science Track", "applied data science", "KDD 2023"),
    ],
)
def test_detect_track(text: str, track: str, rest: str) -> None:
    assert detect_track(text) == (track, rest)


# ---------------------------------------------------------------------------
# recognise: aliases and canonical names


@pytest.mark.parametrize(
    ("kwargs", "venue"),
    [
        ({"abbr": "NeurIPS"}, "NeurIPS"),
        ({"abbr": "neurips"}, "NeurIPS"),
        ({"abbr": "NIPS"}, "NeurIPS"),
        ({"venue": "NeurIPS 2023"}, "NeurIPS"),
        ({"container": "Advances in Neural Information Processing Systems 36"}, "NeurIPS"),
        ({"container": "Advances in Neural Information Processing Systems"}, "NeurIPS"),
        (
            {
                "container": "The Annual Conference on Neural Information Processing Systems "
                "(NeurIPS) 2025"
            },
            "NeurIPS",
        ),
        (
            {
                "container": "Proceedings of the Thirty-Seventh AAAI Conference on "
                "Artificial Intelligence"
            },
            "AAAI",
        ),
        (
            {"container": "Proceedings of the 40th International Conference on Machine Learning"},
            "ICML",
        ),
        (
            {
                "container": "PROCEEDINGS OF THE IEEE/CVF CONFERENCE ON COMPUTER VISION "
                "AND PATTERN RECOGNITION"
            },
            "CVPR",
        ),
        ({"container": "Computer Vision \u2013 ECCV 2022"}, "ECCV"),
        ({"container": "Computer Vision -- ECCV 2022"}, "ECCV"),
        (
            {
                "container": "Computer Vision \u2013 ECCV 2022: 17th European Conference, "
                "Tel Aviv, Israel, October 23\u201327, 2022, Proceedings, Part XV"
            },
            "ECCV",
        ),
        (
            {
                "container": "KDD '23: Proceedings of the 29th ACM SIGKDD Conference on "
                "Knowledge Discovery and Data Mining"
            },
            "KDD",
        ),
        ({"container": "The World Wide Web Conference"}, "WWW"),
        ({"container": "Proceedings of the VLDB Endowment"}, "VLDB"),
        ({"container": "Advances in Information Retrieval"}, "ECIR"),
        ({"container": "2022 IEEE Symposium on Security and Privacy (SP)"}, "IEEE S&P"),
        ({"container": "31st USENIX Security Symposium (USENIX Security 22)"}, "USENIX Security"),
        (
            {"container": "IEEE INFOCOM 2022 - IEEE Conference on Computer Communications"},
            "INFOCOM",
        ),
        ({"container": "ACM Workshop on Information Hiding and Multimedia Security"}, "IH&MMSec"),
        (
            {
                "container": "Proceedings of the Thirty-First International Joint Conference "
                "on Artificial Intelligence, IJCAI-22"
            },
            "IJCAI",
        ),
        (
            {
                "container": "IEEE International Conference on Acoustics, Speech and Signal "
                "Processing, ICASSP 2023"
            },
            "ICASSP",
        ),
        (
            {
                "container": "Proceedings of the 2019 Conference of the North American Chapter "
                "of the Association for Computational Linguistics: Human Language Technologies, "
                "Volume 1 (Long and Short Papers)"
            },
            "NAACL",
        ),
        ({"container": "IJCAI 2022 Main Track"}, "IJCAI"),
        ({"container": "KDD 2023 Research Track"}, "KDD"),
        ({"abbr": "ATC"}, "USENIX ATC"),
        ({"abbr": "CC"}, "CC"),
        ({"abbr": "EC"}, "EC"),
        ({"abbr": "SC"}, "SC"),
        ({"abbr": "FM"}, "FM"),
        ({"abbr": "ICS"}, "ICS"),
        ({"container": "International Conference on Supercomputing"}, "ICS"),
    ],
)
def test_recognise_main_track(table: VenueTable, kwargs: dict[str, str], venue: str) -> None:
    match = table.recognise(**kwargs)
    assert match.venue == venue
    assert match.track == MAIN
    assert match.full_name == table.full_name(venue)


def test_recognise_tries_abbr_then_venue_then_container(table: VenueTable) -> None:
    match = table.recognise(abbr="ICML", venue="CVPR", container="NeurIPS")
    assert match.venue == "ICML"
    assert table.recognise(abbr="Nonsense", venue="CVPR", container="NeurIPS").venue == "CVPR"
    assert table.recognise(abbr="Nonsense", container="NeurIPS").venue == "NeurIPS"


def test_full_name_and_canonical(table: VenueTable) -> None:
    assert table.full_name("NeurIPS") == "Conference on Neural Information Processing Systems"
    assert table.full_name("neurips") == "Conference on Neural Information Processing Systems"
    assert table.full_name("Nonsense Venue") is None
    assert table.canonical("Computer Vision and Pattern Recognition") == "CVPR"
    assert table.canonical("cvpr") == "CVPR"
    assert table.canonical("CVPR") == "CVPR"
    assert table.canonical("Advances in Neural Information Processing Systems 36") == "NeurIPS"
    assert table.canonical("usenix atc") == "USENIX ATC"
    assert table.canonical("Symposium on Cloud Computing") is None
    # names of another track never resolve to the bare venue (its main-track figure)
    assert table.canonical("Findings of EMNLP") is None
    assert table.canonical("NeurIPS 2023 Workshop") is None
    assert table.canonical("NeurIPS Datasets and Benchmarks Track") is None
    assert table.acceptance("Findings of EMNLP", 2023) is None
    assert table.canonical("") is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"container": "Journal of Imaginary Results"},
        {"container": "arXiv preprint arXiv:2301.00001"},
        {"abbr": "AFM", "venue": "Unknown Venue 2024"},
        {"container": "Proceedings of the ACM on Programming Languages"},
        {"container": "IEEE Transactions on Mobile Computing"},
        {},
        {"abbr": "", "venue": "   ", "container": None},
    ],
)
def test_unknown_venues(table: VenueTable, kwargs: dict[str, str | None]) -> None:
    assert table.recognise(**kwargs) == VenueMatch(None, None, MAIN)


@pytest.mark.parametrize(
    "text",
    [
        "Symposium on Cloud Computing",  # not CC
        "ACM Symposium on Cloud Computing",
        "Economics and Computation Letters",  # not EC
        "High Performance Computing",  # not SC
        "Foundation Models",  # not FM
        "ICS Journal",  # not ICS
        "Annual Technical Report",  # not ATC
    ],
)
def test_short_aliases_never_match_inside_longer_names(table: VenueTable, text: str) -> None:
    match = table.recognise(container=text)
    assert match.venue is None


def test_short_alias_inside_a_workshop_name(table: VenueTable) -> None:
    assert table.recognise(container="Workshop on ATC Systems") == VenueMatch(
        None, None, "workshop"
    )
    assert table.recognise(container="International Workshop on CC and EC") == VenueMatch(
        None, None, "workshop"
    )


# ---------------------------------------------------------------------------
# recognise: tracks that must never get the main-track figure


TRACK_TRAPS = [
    # (recognise kwargs, venue, track, year)
    (
        {"abbr": "NeurIPS", "container": "The NeurIPS Workshop on Adaptive Foundation Models"},
        "NeurIPS",
        "workshop",
        2024,
    ),
    (
        {"container": "The NeurIPS Workshop on Adaptive Foundation Models"},
        "NeurIPS",
        "workshop",
        2024,
    ),
    ({"abbr": "NeurIPS", "venue": "NeurIPS 2024 Workshop"}, "NeurIPS", "workshop", 2024),
    ({"container": "ICLR 2024 Workshop on Reliable AI"}, "ICLR", "workshop", 2024),
    (
        {"container": "Proceedings of the 2nd Workshop on X co-located with ACL"},
        "ACL",
        "workshop",
        2024,
    ),
    (
        {"container": "Findings of the Association for Computational Linguistics: EMNLP 2023"},
        "EMNLP",
        "findings",
        2023,
    ),
    ({"container": "Findings of EMNLP 2023"}, "EMNLP", "findings", 2023),
    (
        {"abbr": "EMNLP", "container": "Findings of the Association for Computational Linguistics"},
        "EMNLP",
        "findings",
        2023,
    ),
    (
        {"container": "Findings of the Association for Computational Linguistics: ACL 2024"},
        "ACL",
        "findings",
        2024,
    ),
    (
        {"container": "Findings of the Association for Computational Linguistics (ACL) 2024"},
        "ACL",
        "findings",
        2024,
    ),
    (
        {"container": "Findings of the Association for Computational Linguistics: NAACL 2024"},
        "NAACL",
        "findings",
        2024,
    ),
    ({"container": "ACM SIGCOMM Conference 2018 Demo"}, "SIGCOMM", "demo", 2018),
    (
        {
            "abbr": "SIGCOMM",
            "container": "SIGCOMM '18: Proceedings of the ACM SIGCOMM 2018 Conference on "
            "Posters and Demos",
        },
        "SIGCOMM",
        "demo",
        2018,
    ),
    ({"container": "ICWSM 2020 Poster"}, "ICWSM", "poster", 2020),
    (
        {
            "container": "Proceedings of the 61st Annual Meeting of the Association for "
            "Computational Linguistics (Volume 4: Student Research Workshop)"
        },
        "ACL",
        "student",
        2023,
    ),
    ({"container": "EMNLP 2023 Student Research Workshop"}, "EMNLP", "student", 2023),
    (
        {
            "container": "Proceedings of the 61st Annual Meeting of the Association for "
            "Computational Linguistics (Volume 2: Short Papers)"
        },
        "ACL",
        "short",
        2023,
    ),
    (
        {
            "container": "Proceedings of the 61st Annual Meeting of the Association for "
            "Computational Linguistics (Volume 1: Long Papers)"
        },
        "ACL",
        "long",
        2023,
    ),
    (
        {
            "container": "Advances in Neural Information Processing Systems 36 "
            "Datasets and Benchmarks Track"
        },
        "NeurIPS",
        "datasets and benchmarks",
        2023,
    ),
    (
        {"container": "Neural Information Processing Systems Track on Datasets and Benchmarks"},
        "NeurIPS",
        "datasets and benchmarks",
        2023,
    ),
    (
        {"container": "Companion Proceedings of the ACM Web Conference 2023"},
        "WWW",
        "companion",
        2023,
    ),
    ({"container": "AAAI Doctoral Consortium"}, "AAAI", "doctoral consortium", 2023),
    ({"container": "ACL 2023 Tutorial Abstracts"}, "ACL", "tutorial", 2023),
]


@pytest.mark.parametrize(("kwargs", "venue", "track", "year"), TRACK_TRAPS)
def test_tracks_never_get_the_main_figure(
    table: VenueTable, kwargs: dict[str, str], venue: str, track: str, year: int
) -> None:
    match = table.recognise(**kwargs)
    assert (match.venue, match.track) == (venue, track)
    main = table.acceptance(venue, year, MAIN)
    assert main is not None, "pick a year that has a main-track figure"
    assert table.acceptance(venue, year, match.track) != main


def test_track_figures_where_the_table_has_them(table: VenueTable) -> None:
    assert figure(table.acceptance("ACL", 2023, "long")) == (910, 3872, "ccf-deadlines")
    assert figure(table.acceptance("ACL", 2023, "short")) == (164, 992, "lixin4ever")
    assert figure(table.acceptance("EMNLP", 2023, "findings")) == (1060, 4909, "openaccept")
    assert table.acceptance("ICWSM", 2020, "poster") is not None
    for track in ("workshop", "demo", "student", "datasets and benchmarks", "companion"):
        assert table.acceptance("NeurIPS", 2023, track) is None


def test_explicit_track_wins(table: VenueTable) -> None:
    container = (
        "Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)"
    )
    assert table.recognise(container=container, track="short").track == "short"
    assert table.recognise(abbr="NeurIPS", track="workshop").track == "workshop"
    assert table.recognise(abbr="NeurIPS", track="Workshops").track == "workshop"
    assert table.recognise(abbr="SIGCOMM", track="Demo Track").track == "demo"
    assert table.recognise(abbr="EMNLP", track="Findings").track == "findings"
    assert table.recognise(abbr="ACL", track="findings long").track == "findings long"
    assert table.recognise(container="NeurIPS 2024 Workshop", track="main").track == MAIN
    assert table.recognise(container="NeurIPS 2024 Workshop", track="").track == "workshop"
    assert table.recognise(container="NeurIPS 2024 Workshop", track=None).track == "workshop"
    unknown = table.recognise(container="Journal of Nothing", track="poster")
    assert unknown == VenueMatch(None, None, "poster")


def test_alias_track_column(table: VenueTable) -> None:
    match = table.recognise(container="NeurIPS Datasets and Benchmarks Track")
    assert (match.venue, match.track) == ("NeurIPS", "datasets and benchmarks")
    bare = table.recognise(container="Findings of the Association for Computational Linguistics")
    assert (bare.venue, bare.track) == ("ACL", "findings")


# ---------------------------------------------------------------------------
# acceptance: source preference and fallbacks


@pytest.mark.parametrize(
    ("venue", "year", "track", "expected"),
    [
        ("NeurIPS", 2024, MAIN, (4043, 15671, "ccf-deadlines")),
        ("NeurIPS", 2023, MAIN, (3218, 12343, "ccf-deadlines")),
        ("NeurIPS", 2025, MAIN, (5290, 21575, "openaccept")),
        ("IJCAI", 2022, MAIN, (679, 4537, "ccf-deadlines")),
        ("ACL", 2024, "findings", (976, 4407, "openaccept")),
        ("neurips", 2024, MAIN, (4043, 15671, "ccf-deadlines")),
        ("NIPS", 2024, MAIN, (4043, 15671, "ccf-deadlines")),
        ("NeurIPS", 1999, MAIN, None),
        ("Nonsense", 2024, MAIN, None),
    ],
)
def test_source_preference(
    table: VenueTable, venue: str, year: int, track: str, expected: tuple[int, int, str] | None
) -> None:
    assert figure(table.acceptance(venue, year, track)) == expected


def test_acceptance_rate() -> None:
    assert Acceptance(3218, 12343, "x").rate == pytest.approx(26.07, abs=0.01)
    assert Acceptance(5290, 21500, "bib", 24.5).rate == 24.5
    assert Acceptance(0, 0, "bib", 24.5).rate == 24.5
    assert math.isnan(Acceptance(0, 0, "bib").rate)


def test_fallback_from_main_to_long(table: VenueTable) -> None:
    # SIGIR 2023 has only a long-paper figure in the table
    long = table.acceptance("SIGIR", 2023, "long")
    assert long is not None
    assert table.acceptance("SIGIR", 2023, MAIN) == long
    assert table.acceptance("SIGIR", 2023, "main") == long
    # an exact main figure wins over the long one
    assert table.acceptance("ACL", 2023, MAIN) != table.acceptance("ACL", 2023, "long")


def test_no_other_fallbacks(table: VenueTable) -> None:
    assert table.acceptance("ACL", 2024, MAIN) is not None
    assert table.acceptance("ACL", 2024, "long") is None  # never long -> main
    assert table.acceptance("ACL", 2019, MAIN) is not None
    assert table.acceptance("ACL", 2019, "findings") is None  # never findings -> main
    assert figure(table.acceptance("SIGIR", 2023, "short")) == (154, 613, "openaccept")
    assert table.acceptance("SIGIR", 2023, "short") != table.acceptance("SIGIR", 2023, MAIN)
    assert table.acceptance("NeurIPS", 2024, "workshop") is None
    assert table.acceptance("NeurIPS", 2024, "poster") is None


def test_fallback_from_findings_to_findings_long(tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    path.write_text(
        "venue,year,track,accepted,submitted\n"
        "XYZ,2024,findings long,10,100\n"
        "XYZ,2024,,20,100\n"
        "XYZ,2023,findings,30,100\n"
        "XYZ,2023,findings long,31,100\n",
        encoding="utf-8",
    )
    user, problems = VenueTable.load([path])
    assert problems == []
    assert figure(user.acceptance("XYZ", 2024, "findings")) == (10, 100, "rates.csv")
    assert figure(user.acceptance("XYZ", 2023, "findings")) == (30, 100, "rates.csv")
    assert user.acceptance("XYZ", 2024, "findings short") is None
    assert user.acceptance("XYZ", 2024, "long") is None


# ---------------------------------------------------------------------------
# bundled data


def test_bundled_is_cached_and_fast() -> None:
    assert VenueTable.bundled() is VenueTable.bundled()
    start = time.perf_counter()
    VenueTable._read_bundled()
    assert time.perf_counter() - start < 0.25


def test_every_bundled_figure_is_plausible(table: VenueTable) -> None:
    sources = {"ccf-deadlines", "openaccept", "puzhuoliu", "lixin4ever", "LuigiSigillo"}
    for figure_ in table._rates.values():
        assert 0 < figure_.accepted <= figure_.submitted
        assert figure_.source in sources
        assert figure_.stated_rate is None


def test_the_core_imports_no_sphinx_docutils_or_yaml() -> None:
    """The pure core (venues, names, dates, filters, publication) runs without Sphinx."""
    code = (
        "import sys\n"
        "from sphinx_academic.core import dates, filters, names, publication, venues\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils', 'yaml')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------------------
# user tables


USER_YAML = """\
NeurIPS:
  full_name: Conference on Neural Information Processing Systems
  aliases: [Advances in Neural Information Processing Systems]
  rates:
    - {year: 2025, accepted: 5290, submitted: 21500, source: "NeurIPS 2025 fact sheet"}
    - {year: 2024, track: findings, accepted: 10, submitted: 100, rate: 9.9}
AFM:
  full_name: NeurIPS Workshop on Adaptive Foundation Models
"""

USER_RATES_CSV = """\
venue,year,accepted,submitted,track,source,rate
CVPR,2023,2360,9155,,,
MyConf,2024,"1,000",4000,,my notes,24.9
"""

USER_ALIASES_CSV = """\
venue,full_name,alias,track
MyConf,My Conference on Things,Conference on Things,
MyConf,My Conference on Things,Conference on Things Demo Session,demo
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_merge_user_csv_and_yaml_over_bundled(tmp_path: Path, table: VenueTable) -> None:
    paths = [
        write(tmp_path / "rates.csv", USER_RATES_CSV),
        write(tmp_path / "aliases.csv", USER_ALIASES_CSV),
        write(tmp_path / "venues.yaml", USER_YAML),
    ]
    user, problems = VenueTable.load(paths)
    assert problems == []
    merged = user.merged_over(table)

    # the user's figures win, with their source (or the file name)
    assert figure(merged.acceptance("NeurIPS", 2025)) == (5290, 21500, "NeurIPS 2025 fact sheet")
    assert figure(merged.acceptance("CVPR", 2023)) == (2360, 9155, "rates.csv")
    stated = merged.acceptance("NeurIPS", 2024, "findings")
    assert stated is not None and stated.rate == 9.9 and stated.source == "venues.yaml"
    myconf = merged.acceptance("myconf", 2024)
    assert myconf == Acceptance(1000, 4000, "my notes", 24.9)
    # the bundled figures are still there
    assert figure(merged.acceptance("NeurIPS", 2024)) == (4043, 15671, "ccf-deadlines")
    assert figure(merged.acceptance("IJCAI", 2022)) == (679, 4537, "ccf-deadlines")
    # the bundled table itself is unchanged
    assert figure(table.acceptance("NeurIPS", 2025)) == (5290, 21575, "openaccept")

    # user venues and aliases
    afm = merged.recognise(
        abbr="AFM", container="The NeurIPS Workshop on Adaptive Foundation Models (AFM) 2024"
    )
    # a user venue whose name says "Workshop" is a workshop (and gets no main figure)
    assert afm == VenueMatch("AFM", "NeurIPS Workshop on Adaptive Foundation Models", "workshop")
    alone = merged.recognise(container="The NeurIPS Workshop on Adaptive Foundation Models")
    assert (alone.venue, alone.track) == ("AFM", "workshop")
    # the bundled IH&MMSec alias row says main track, although its name says "Workshop"
    ihmm = merged.recognise(container="ACM Workshop on Information Hiding and Multimedia Security")
    assert (ihmm.venue, ihmm.track) == ("IH&MMSec", MAIN)
    assert merged.full_name("AFM") == "NeurIPS Workshop on Adaptive Foundation Models"
    assert (
        merged.recognise(container="Proceedings of the 3rd Conference on Things").venue == "MyConf"
    )
    demo = merged.recognise(container="Conference on Things Demo Session")
    assert (demo.venue, demo.track) == ("MyConf", "demo")
    assert merged.canonical("My Conference on Things") == "MyConf"
    assert merged.recognise(abbr="NIPS").venue == "NeurIPS"


def test_later_tables_win(tmp_path: Path) -> None:
    first = write(tmp_path / "a.csv", "venue,year,accepted,submitted\nX,2024,1,10\nX,2023,1,3\n")
    second = write(
        tmp_path / "b.yml", "X:\n  rates:\n    - {year: 2024, accepted: 2, submitted: 10}\n"
    )
    user, problems = VenueTable.load([first, second])
    assert problems == []
    assert figure(user.acceptance("X", 2024)) == (2, 10, "b.yml")
    assert figure(user.acceptance("X", 2023)) == (1, 3, "a.csv")


def test_user_venue_names_take_the_bundled_spelling(tmp_path: Path, table: VenueTable) -> None:
    path = write(
        tmp_path / "v.yaml", "neurips:\n  rates:\n    - {year: 2030, accepted: 1, submitted: 2}\n"
    )
    user, problems = VenueTable.load([path])
    assert problems == []
    merged = user.merged_over(table)
    assert merged.acceptance("NeurIPS", 2030) == Acceptance(1, 2, "v.yaml")
    assert merged.recognise(abbr="neurips").venue == "NeurIPS"


def test_empty_inputs(tmp_path: Path) -> None:
    empty, problems = VenueTable.load([])
    assert problems == [] and len(empty) == 0
    assert empty.recognise(abbr="NeurIPS") == VenueMatch(None, None, MAIN)
    user, problems = VenueTable.load([write(tmp_path / "e.yaml", "# nothing\n")])
    assert problems == [] and len(user) == 0


# ---------------------------------------------------------------------------
# user tables: every problem is reported, never raised


def load_one(path: Path) -> tuple[VenueTable, list[TableProblem]]:
    return VenueTable.load([path])


def only_problem(problems: list[TableProblem]) -> TableProblem:
    assert len(problems) == 1, problems
    return problems[0]


def test_problem_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    _, problems = load_one(path)
    problem = only_problem(problems)
    assert problem.path == str(path) and problem.line is None
    assert "cannot read" in problem.message


def test_problem_unsupported_type(tmp_path: Path) -> None:
    _, problems = load_one(write(tmp_path / "venues.json", "{}"))
    assert "unsupported" in only_problem(problems).message


def test_problem_unparsable_yaml(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.yaml", "NeurIPS:\n  full_name: [unclosed\n  aliases: x\n")
    table, problems = load_one(path)
    problem = only_problem(problems)
    assert problem.line is not None and problem.line >= 2
    assert "YAML" in problem.message
    assert len(table) == 0


def test_problem_yaml_not_a_mapping(tmp_path: Path) -> None:
    _, problems = load_one(write(tmp_path / "list.yaml", "- NeurIPS\n- ICML\n"))
    assert "mapping" in only_problem(problems).message


def test_problem_yaml_venue_not_a_mapping(tmp_path: Path) -> None:
    path = write(
        tmp_path / "v.yaml",
        "Good:\n  full_name: A Good Conference\nBad: just a string\nAlsoBad: [1, 2]\n",
    )
    table, problems = load_one(path)
    assert [(p.line, "mapping" in p.message) for p in problems] == [(3, True), (4, True)]
    assert table.full_name("Good") == "A Good Conference"
    assert table.full_name("Bad") is None


def test_problem_yaml_rates(tmp_path: Path) -> None:
    path = write(
        tmp_path / "rates.yaml",
        "X:\n"
        "  full_name: The X Conference\n"
        "  colour: blue\n"
        "  rates:\n"
        "    - {year: 2024, accepted: 10, submitted: 100}\n"
        "    - {year: 2023, accepted: ten, submitted: 100}\n"
        "    - {year: 2022, accepted: 200, submitted: 100}\n"
        "    - {year: 2021, accepted: 0, submitted: 0}\n"
        "    - {year: 2020, accepted: 1, submitted: 2, colour: red}\n"
        "    - just text\n"
        "    - {year: 2019, accepted: 1, submitted: 2, rate: 150}\n"
        "    - {year: twenty, accepted: 1, submitted: 2}\n"
        "    - {year: 2018, accepted: true, submitted: 2}\n",
    )
    table, problems = load_one(path)
    lines = [problem.line for problem in problems]
    messages = [problem.message for problem in problems]
    assert lines == [1, 6, 7, 8, 9, 10, 11, 12, 13]
    assert "colour" in messages[0]
    assert "accepted 'ten'" in messages[1]
    assert "larger than submitted" in messages[2]
    assert "submitted is 0" in messages[3]
    assert "colour" in messages[4]  # unknown key reported, row kept
    assert "mapping" in messages[5]
    assert "percentage" in messages[6]
    assert "year" in messages[7]
    assert "accepted True" in messages[8]
    assert figure(table.acceptance("X", 2024)) == (10, 100, "rates.yaml")
    assert figure(table.acceptance("X", 2020)) == (1, 2, "rates.yaml")
    for year in (2023, 2022, 2021, 2019, 2018):
        assert table.acceptance("X", year) is None


def test_problem_yaml_aliases(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.yaml",
        "X:\n  aliases: [Conference on X, 42, '2024']\nY:\n  aliases: [Conference on X]\n"
        "Z:\n  aliases: 7\n  full_name: [not, text]\n",
    )
    table, problems = load_one(path)
    messages = [(p.line, p.message) for p in problems]
    assert len(messages) == 5, messages
    assert messages[0][0] == 1 and "42" in messages[0][1]
    assert messages[1][0] == 1 and "empty once normalised" in messages[1][1]
    assert messages[2][0] == 3 and "already points at X" in messages[2][1]
    assert messages[3][0] == 5 and "full_name" in messages[3][1]
    assert messages[4][0] == 5 and "aliases" in messages[4][1]
    assert table.canonical("Conference on X") == "X"


def test_problem_csv_rates(tmp_path: Path) -> None:
    path = write(
        tmp_path / "rates.csv",
        "venue,year,accepted,submitted,track,colour\n"
        "X,2024,10,100,,red\n"
        "X,2023,ten,100,,\n"
        "\n"
        "# a comment line\n"
        "X,2022,200,100,,\n"
        "X,2021,0,0,,\n"
        ",2020,1,2,,\n"
        "X,2019,1,2,,,extra\n"
        "X,2024,11,100,,\n",
    )
    table, problems = load_one(path)
    found = [(p.line, p.message) for p in problems]
    assert [line for line, _ in found] == [1, 3, 6, 7, 8, 9, 10]
    assert "unknown column" in found[0][1] and "colour" in found[0][1]
    assert "accepted 'ten'" in found[1][1]
    assert "larger than submitted" in found[2][1]
    assert "submitted is 0" in found[3][1]
    assert "no venue" in found[4][1]
    assert "cells" in found[5][1]
    assert "twice" in found[6][1]
    assert figure(table.acceptance("X", 2024)) == (11, 100, "rates.csv")
    assert table.acceptance("X", 2023) is None


def test_problem_csv_header(tmp_path: Path) -> None:
    _, problems = load_one(write(tmp_path / "h.csv", "name,value\nX,1\n"))
    assert only_problem(problems).line == 1
    _, problems = load_one(write(tmp_path / "m.csv", "venue,year,accepted\nX,2024,1\n"))
    assert "missing column" in only_problem(problems).message
    _, problems = load_one(write(tmp_path / "e.csv", ""))
    assert "empty" in only_problem(problems).message


def test_problem_csv_unparsable(tmp_path: Path) -> None:
    path = write(tmp_path / "q.csv", 'venue,year,accepted,submitted\nX,2024,1,2\nY,2024,"1" 2,3\n')
    table, problems = load_one(path)
    problem = only_problem(problems)
    assert problem.line == 3 and "cannot parse CSV" in problem.message
    assert figure(table.acceptance("X", 2024)) == (1, 2, "q.csv")


def test_problem_csv_aliases(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.csv",
        "venue,full_name,alias,track\n"
        "X,Conference on X,Conference on X,\n"
        "Y,,Conference on X,\n"
        "Z,,2024,\n",
    )
    table, problems = load_one(path)
    assert [p.line for p in problems] == [3, 4]
    assert table.canonical("Conference on X") == "X"


def test_load_never_raises_on_odd_bytes(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\xff\xfe\x00garbage")
    _, problems = load_one(path)
    assert len(problems) == 1
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"\x00\x01:\n  - [")
    _, problems = load_one(path)
    assert len(problems) == 1


# ---------------------------------------------------------------------------
# the build script


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def test_build_is_deterministic_and_matches_the_shipped_files(tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        out = tmp_path / name
        result = run_script("--data", str(RAW), "--out", str(out))
        assert result.returncode == 0, result.stderr
        outputs.append({file: (out / file).read_bytes() for file in GENERATED})
    assert outputs[0] == outputs[1]
    for file in GENERATED:
        content = outputs[0][file]
        assert b"\r" not in content and content.endswith(b"\n")
        assert content == (SHIPPED / file).read_bytes(), f"{file} is stale: rerun the script"


def test_build_splits_by_licence_and_keeps_one_figure_per_key() -> None:
    import csv

    keys = set()
    for file, licensed in (("acceptance.csv", False), ("acceptance-cc-by-sa.csv", True)):
        with (SHIPPED / file).open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream):
                assert (row["source"] == "openaccept") is licensed
                key = (row["venue"], row["year"], row["track"])
                assert key not in keys
                keys.add(key)
    with (RAW / "acceptance_rates.csv").open(encoding="utf-8", newline="") as stream:
        raw_keys = {(r["venue"], r["year"], r["track"]) for r in csv.DictReader(stream)}
    assert keys == raw_keys


def test_build_fails_loudly_on_conflicting_aliases(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    write(
        data / "venues.csv",
        "venue,full_name,alias,track\n"
        "CC,Compiler Construction,CC,\n"
        "CC,Compiler Construction,Compiler Construction,\n"
        "Cloud,Cloud Computing,Proceedings of the 3rd Compiler Construction,\n",
    )
    write(data / "acceptance_rates.csv", "venue,year,accepted,submitted,track,source\n")
    result = run_script("--data", str(data), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "compiler construction" in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_fails_loudly_on_bad_figures(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    write(data / "venues.csv", "venue,full_name,alias,track\nX,The X,X,\n")
    write(
        data / "acceptance_rates.csv",
        "venue,year,accepted,submitted,track,source\n"
        "X,2024,20,10,,openaccept\n"
        "Y,2024,1,10,,openaccept\n"
        "X,2023,1,10,,somewhere\n",
    )
    result = run_script("--data", str(data), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "20/10" in result.stderr and "'Y'" in result.stderr and "somewhere" in result.stderr


def test_build_preference_on_a_small_table(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    write(data / "venues.csv", "venue,full_name,alias,track\nX,The X,X,\n")
    write(
        data / "acceptance_rates.csv",
        "venue,year,accepted,submitted,track,source\n"
        "X,2024,5,10,,LuigiSigillo\n"
        "X,2024,4,10,,lixin4ever\n"
        "X,2024,3,10,,openaccept\n"
        "X,2023,2,10,,LuigiSigillo\n"
        "X,2023,1,10,,csconferences\n"
        "X,2022,1,10,,puzhuoliu\n"
        "X,2022,2,10,,ccf-deadlines\n",
    )
    out = tmp_path / "out"
    result = run_script("--data", str(data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "acceptance.csv").read_text(encoding="utf-8") == (
        "venue,year,track,accepted,submitted,source\n"
        "X,2022,,2,10,ccf-deadlines\n"
        "X,2023,,2,10,LuigiSigillo\n"
    )
    assert (out / "acceptance-cc-by-sa.csv").read_text(encoding="utf-8") == (
        "venue,year,track,accepted,submitted,source\nX,2024,,3,10,openaccept\n"
    )
