"""``sphinx-academic audit``: on the example site and on a bib with deliberate problems."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sphinx_academic.cli import COMMANDS, main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "example_site"

#: The seed's stated figures that differ from the bundled table (key -> stated, table).
EXAMPLE_DISAGREEMENTS = {
    "wang2025private": ("5,290/21,500", "5,290/21,575"),
    "pei2025conversational": ("1,418/8,174", "1,811/8,174"),
    "ozgun2025trustworthy": ("810/2,761", "443/1,627"),
    "pei2024autonomous": ("974/4,407", "976/4,407"),
    "lai2024faithful": ("2,252/7,262", "2,250/7,304"),
    "dong2023towards": ("3,222/12,343", "3,218/12,343"),
    "zhang2022survey": ("679/4,535", "679/4,537"),
}

PROBLEMS_BIB = r"""
@inproceedings{stated,
  title = {Stated Figure},
  author = {Islam, Bashima},
  booktitle = {Advances in Neural Information Processing Systems 36},
  year = {2023},
  acceptance = {3000/12000},
}
@inproceedings{bluesky,
  title = {A Blue Sky Idea},
  author = {{Bashima Islam} and Roe, Jane},
  booktitle = {IEEE International Conference on Data Mining (ICDM), BlueSky Track},
  year = {2025},
}
@inproceedings{undated,
  title = {Undated Work},
  author = {Islam, Bashir},
  booktitle = {Proceedings of the AAAI Conference on Artificial Intelligence},
}
@misc{twice-preprint,
  title = {Twice {Told} Tales},
  author = {Islam, B.},
  year = {2022},
  eprint = {2201.00001},
  archiveprefix = {arXiv},
}
@inproceedings{twice-published,
  title = {Twice Told Tales},
  author = {Islam, Bashima},
  booktitle = {The Twelfth International Conference on Learning Representations},
  year = {2024},
}
@article{journal-neurips,
  title = {A Conference Paper Typed as an Article},
  author = {Roe, Jane},
  journal = {Advances in Neural Information Processing Systems},
  year = {2024},
}
@article{arxiv-article,
  title = {A Preprint Typed as an Article},
  author = {Roe, Jane},
  journal = {arXiv preprint arXiv:2401.00001},
  year = {2024},
}
@inproceedings{mine,
  title = {From My Own Table},
  author = {Roe, Jane},
  booktitle = {Symposium on Laboratory Things},
  year = {2024},
}
"""

CONF = """\
bibtex_bibfiles = ["refs.bib"]
academic_owner = ["Islam, Bashima"]
academic_venues = ["venues.csv"]
bibtex_encoding = "utf-8"
html_theme = compute_the_theme()  # not read: the audit never runs conf.py
exclude_patterns = ["_build"] + EXTRA
"""

VENUES = """\
venue,full_name,alias,track
SLT,Symposium on Laboratory Things,Symposium on Laboratory Things,
"""
RATES = "venue,year,accepted,submitted,source\nSLT,2024,14,51,SLT 2024 front matter\n"


def audit_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    status = main(["audit", "--format", "json", *args])
    return status, json.loads(capsys.readouterr().out)


def test_audit_is_a_registered_subcommand() -> None:
    assert COMMANDS["audit"] == "audit"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_academic.cli", "audit", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--strict" in result.stdout and "--format" in result.stdout


def test_example_site_lists_its_seven_disagreements(capsys: pytest.CaptureFixture[str]) -> None:
    status, report = audit_json(capsys, str(EXAMPLE))
    assert status == 0
    found = {item["key"]: (item["stated"], item["table"]) for item in report["disagreements"]}
    assert found == EXAMPLE_DISAGREEMENTS
    rows = {row["key"]: row for row in report["rows"]}
    assert len(rows) == 38
    assert rows["wang2025private"]["origin"] == "bib entry"
    assert rows["wang2018clickup"]["track"] == "demo"
    assert rows["wang2018clickup"]["origin"].startswith("none: no figure in the table")
    assert rows["zhou2024survey"]["origin"] == "none: not a conference paper: journal"
    assert report["unidentified"] == [] and report["no_year"] == []
    # the seed's owner forms match every one of its names: nothing close is left out
    assert report["near_owner"] == []
    # --strict fails on the disagreements, for CI
    assert main(["audit", "--strict", str(EXAMPLE)]) == 1
    capsys.readouterr()


def test_table_output_on_the_example_site(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(EXAMPLE)]) == 0
    text = capsys.readouterr().out
    assert "Stated figures the table disagrees with (7)" in text
    assert "Tracks not identified: none" in text
    for key in EXAMPLE_DISAGREEMENTS:
        assert key in text


@pytest.fixture
def problem_site(tmp_path: Path) -> Path:
    (tmp_path / "refs.bib").write_text(PROBLEMS_BIB, encoding="utf-8")
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "venues.csv").write_text(VENUES, encoding="utf-8")
    return tmp_path


def test_a_bib_with_deliberate_problems(
    problem_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (problem_site / "rates.csv").write_text(RATES, encoding="utf-8")
    status, report = audit_json(
        capsys, str(problem_site), "--venues", str(problem_site / "rates.csv")
    )
    assert status == 0
    rows = {row["key"]: row for row in report["rows"]}

    assert report["disagreements"] == [
        {
            "key": "stated",
            "venue": "NeurIPS 2023",
            "stated": "3,000/12,000",
            "table": "3,218/12,343",
            "table_source": "ccf-deadlines",
        }
    ]
    assert report["unidentified"] == [
        {"key": "bluesky", "venue": "ICDM", "leftover": "bluesky track"}
    ]
    assert rows["bluesky"]["figure"] == "—"
    assert rows["bluesky"]["track"] == "not identified"
    assert rows["bluesky"]["origin"] == "none: track not identified: 'bluesky track'"
    assert report["no_year"] == ["undated"]
    assert rows["undated"]["origin"] == "none: no year"
    assert report["duplicates"] == [
        {
            "keys": ["twice-preprint", "twice-published"],
            "title": "Twice Told Tales",
            "kind": "a preprint and its published version",
        }
    ]
    # "Bashir Islam" is close to the owner, not matched; "Islam, B." and "{Bashima Islam}"
    # (one brace-protected name, read as given name and surname) are matched
    assert report["near_owner"] == [{"key": "undated", "name": "Islam, Bashir"}]
    # a conference written in journal is a conference paper, with its figure
    assert rows["journal-neurips"]["category"] == "conference"
    assert rows["journal-neurips"]["figure"] == "4,043/15,671"  # NeurIPS 2024
    assert rows["arxiv-article"]["category"] == "preprint"
    # a figure from the user's own table names that table
    assert rows["mine"]["figure"] == "14/51"
    assert rows["mine"]["origin"].startswith("user table ")
    assert rows["mine"]["origin"].endswith("rates.csv (SLT 2024 front matter)")
    assert rows["twice-published"]["origin"] == "bundled table: ccf-deadlines (MIT)"
    # conf.py is parsed, never run (compute_the_theme() does not exist): nothing to report
    assert report["problems"] == []
    assert main(["audit", "--strict", str(problem_site)]) == 1
    capsys.readouterr()


def test_bib_files_directly(problem_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, report = audit_json(capsys, str(problem_site / "refs.bib"), "--owner", "Roe, Jane")
    assert status == 0
    assert len(report["rows"]) == 8
    assert report["near_owner"] == []
    # without the folder's conf.py, its venue table is not used: no figure for SLT
    rows = {row["key"]: row for row in report["rows"]}
    assert rows["mine"]["origin"] == "none: venue not recognised"


def test_settings_that_are_not_literals_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "refs.bib").write_text(PROBLEMS_BIB, encoding="utf-8")
    (tmp_path / "conf.py").write_text(
        'bibtex_bibfiles = ["refs.bib"]\nacademic_owner = OWNERS + ["Roe, Jane"]\n',
        encoding="utf-8",
    )
    status, report = audit_json(capsys, str(tmp_path))
    assert status == 0
    assert report["problems"] == ["conf.py:2: academic_owner is not a literal; ignored"]


def test_nothing_to_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(tmp_path)]) == 2
    assert "no bib files" in capsys.readouterr().out
    (tmp_path / "broken.bib").write_bytes(b"@inproceedings{a, title = {\xff\xfe unterminated")
    assert main(["audit", str(tmp_path / "broken.bib")]) == 2
    assert "no entries" in capsys.readouterr().out
    assert main(["audit", str(tmp_path / "missing.bib")]) == 2
    assert "cannot read" in capsys.readouterr().err
    # one readable file is enough; the other is a note
    (tmp_path / "good.bib").write_text(PROBLEMS_BIB, encoding="utf-8")
    assert main(["audit", str(tmp_path / "missing.bib"), str(tmp_path / "good.bib")]) == 0
    assert "note: " in capsys.readouterr().out
