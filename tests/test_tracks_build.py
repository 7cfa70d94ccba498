"""A build applies the identification rule (issue 10): figures only for identified tracks,
readers see only where a figure comes from, and the author is told why one is missing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import strip_colors, warnings_of


def _entry(html: str, key: str) -> str:
    start = html.index(">", html.index(f'id="pub-{key}"')) + 1
    return html[start : html.index("</li>", start)]


def _section_of(html: str, key: str) -> str:
    """The heading of the group the entry is listed under."""
    before = html[: html.index(f'id="pub-{key}"')]
    return re.findall(r"sa-group-title rubric\">([^<]+)", before)[-1]


@pytest.fixture
def build(make_app, rootdir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    def run(verbosity: int = 0, **overrides: object):  # type: ignore[no-untyped-def]
        srcdir = tmp_path / "tracks"
        if srcdir.exists():
            shutil.rmtree(srcdir)
        shutil.copytree(rootdir / "test-tracks", srcdir)
        app = make_app(
            "html", srcdir=srcdir, freshenv=True, confoverrides=overrides, verbosity=verbosity
        )
        app.build()
        return app

    return run


def test_figures_only_for_identified_tracks(build) -> None:  # type: ignore[no-untyped-def]
    app = build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    # the regular ICDM paper, in DBLP's form, gets ICDM 2022's figure, and the hover only
    # names where it comes from
    icdm = _entry(html, "icdm")
    assert "(acceptance rate~9.8% [85/870])" in icdm
    assert re.search(r'title="Source: [^"]+"', icdm)
    # an unknown track of the same conference and another conference's Findings get none
    for key in ("bluesky", "aacl", "journal", "preprint-as-article"):
        assert "acceptance rate" not in _entry(html, key), key
    # a conference written in journal is a conference paper, with NeurIPS 2023's figure
    assert "(acceptance rate~26.1% [3,218/12,343])" in _entry(html, "typed-as-article")
    assert _section_of(html, "typed-as-article") == "Conference Papers"
    assert _section_of(html, "preprint-as-article") == "Preprints"
    assert _section_of(html, "journal") == "Journal Articles"

    # the author is told how many, in one line of the build log (not a warning)
    status = strip_colors(app.status.getvalue())
    assert status.count(UNIDENTIFIED) == 1
    assert "bib entry 'bluesky'" not in status  # each one only with -v
    warnings = warnings_of(app)
    assert "bib entry 'bluesky'" not in warnings
    # the acceptance role follows the same rule
    assert "acceptance: the track is not identified (bluesky track)" in warnings


UNIDENTIFIED = (
    "sphinx-academic: 2 conference papers get no acceptance figure because the track is "
    "not identified. To list them, run sphinx-academic audit or build with -v."
)


def test_each_unidentified_track_is_listed_with_verbose(build) -> None:  # type: ignore[no-untyped-def]
    status = strip_colors(build(verbosity=1).status.getvalue())
    assert (
        "refs.bib:2: bib entry 'bluesky': no acceptance figure for ICDM 2025: "
        "track not identified: 'bluesky track'" in status
    )
    assert "bib entry 'aacl': no acceptance figure for ACL 2025: track not identified" in status
    assert status.count(UNIDENTIFIED) == 1


def test_with_acceptance_check_the_reasons_are_warnings(build) -> None:  # type: ignore[no-untyped-def]
    app = build(academic_acceptance_check=True)
    warnings = warnings_of(app)
    assert re.search(
        r"refs\.bib:2: WARNING: bib entry 'bluesky': no acceptance figure for ICDM 2025: "
        r"track not identified: 'bluesky track' \[academic\.venue\]",
        warnings,
    ), warnings
