"""The ``jsonresume`` builder: resume.json validates against the published schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

import sphinx_academic

SCHEMA = json.loads(
    (Path(sphinx_academic.__file__).parent / "data/jsonresume/schema.json").read_text("utf-8")
)
EXAMPLE_SITE = Path(__file__).parent.parent / "example_site"


def validate(resume: object) -> None:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(resume)]
    assert errors == []


def test_the_schema_rejects_what_it_should() -> None:
    with pytest.raises(AssertionError):
        validate({"basics": {"email": "not an address"}, "work": [{"startDate": "May 2020"}]})


def test_test_site_resume(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html("paperpages", "jsonresume")
    resume = json.loads((app.outdir / "resume.json").read_text(encoding="utf-8"))
    validate(resume)
    assert resume["basics"]["name"] == "Junxiao Wang"
    assert resume["basics"]["label"] == "Research Scientist"
    assert resume["basics"]["summary"] == "I build private machine-learning systems."
    assert [profile["network"] for profile in resume["basics"]["profiles"]] == [
        "ORCID",
        "Google Scholar",
        "GitHub",
    ]
    assert resume["education"] == [
        {
            "area": "PhD in Computer Science",
            "institution": "Example University",
            "startDate": "2019-09",
            "endDate": "2023-06",
        }
    ]
    (job,) = resume["work"]  # named by :resume: work
    assert job["startDate"] == "2023-07" and "endDate" not in job  # "present"
    # MyST smartens the quotes of the page's own text
    assert job["highlights"] == ["Built FlashDP.", "Shipped “private” builds & more."]
    keys = [paper["x-key"] for paper in resume["publications"]]
    assert keys == ["wang2025flashdp", "guo2024explore", "evil:quote"]  # listed, once each
    flash = resume["publications"][0]
    assert flash["x-acceptance"] == {
        "rate": 24.6,
        "source": "bib",
        "accepted": 5290,
        "submitted": 21500,
    }
    assert [author.get("owner", False) for author in flash["x-authors"]] == [
        False,
        True,
        False,
        False,
    ]


def test_example_site_resume_validates(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    srcdir = tmp_path / "example"
    shutil.copytree(EXAMPLE_SITE, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = make_app("jsonresume", srcdir=srcdir, freshenv=True)
    app.build()
    resume = json.loads((app.outdir / "resume.json").read_text(encoding="utf-8"))
    validate(resume)
    assert resume["basics"]["name"]
    assert len(resume["publications"]) >= 10
    assert {"work", "education"} <= set(resume)
