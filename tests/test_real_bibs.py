"""Shapes of real bib files: brace-protected names, DBLP crossref, biblatex types that a
BibTeX style cannot format, and warnings that point at the line."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import make_pdf, require_tools, warnings_of

GOOD_TITLES = (
    "OWL: Geometry-Aware Spatial Reasoning",
    "Zygarde: Time-Sensitive On-Device Deep Inference",
    "A Stray At Sign",
    "After The Problems",
)


def _our_list(html: str) -> str:
    return html[html.index('<div class="sa-publications') : html.index("sphinxcontrib-bibtex")]


@pytest.mark.sphinx("html", testroot="realbibs", freshenv=True)
def test_both_lists_show_every_good_entry(app) -> None:  # type: ignore[no-untyped-def]
    app.build()  # sphinxcontrib-bibtex's style met @set, @periodical and @@inproceedings
    html = (app.outdir / "index.html").read_text()
    ours = _our_list(html)
    theirs = html[html.index("sphinxcontrib-bibtex") :]
    for title in GOOD_TITLES:
        assert title in ours, title
        assert title.lower() in theirs.lower(), title  # its style lowers the case
    assert "Traceback" not in warnings_of(app)


@pytest.mark.sphinx("html", testroot="realbibs", freshenv=True)
def test_brace_protected_owner_and_crossref_child(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    ours = _our_list((app.outdir / "index.html").read_text())
    owner = '<strong class="sa-owner sa-owner-bold">Bashima Islam</strong>'
    items = re.findall(r'<li[^>]*id="pub-([^"]+)"[^>]*>(.*?)</li>', ours, re.DOTALL)
    shown = {key: body for key, body in items}
    for key, body in shown.items():
        if key not in ("jcg", "talk2019"):  # no authors
            assert owner in body, key
    child = shown["dblp-conf-sensys-islamn20"]
    assert "The 18th ACM Conference on Embedded Networked Sensor Systems" in child
    # the container is shown inside its child, not on its own; the set not at all
    assert "dblp-conf-sensys-2020" not in shown and "set1" not in shown
    warnings = warnings_of(app)
    assert "IslamN20': no year" not in warnings


@pytest.mark.sphinx("html", testroot="realbibs", freshenv=True)
def test_bib_problems_carry_their_line(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    warnings = warnings_of(app)
    assert re.search(
        r"refs\.bib:52: WARNING: bib file problem: entry with key dup2021 has a duplicate "
        r"title field \[academic\.bib\]",
        warnings,
    ), warnings
    assert not re.search(r"refs\.bib::|^WARNING: bib file problem", warnings, re.MULTILINE)


@pytest.mark.sphinx(
    "html", testroot="realbibs", freshenv=True, confoverrides={"bibtex_encoding": "invalid"}
)
def test_unknown_encoding_is_named(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    warnings = warnings_of(app)
    assert "bibtex_encoding 'invalid' is not a text encoding Python knows" in warnings
    assert "is not in invalid" not in warnings
    assert "After The Problems" in (app.outdir / "index.html").read_text()


MATH_TITLE = (
    "ε-Nets, ℓ₂ and α, Δ, ∇, ≤, ∼, ≈, ∂: The LaTeX Companion, TeX and METAFONT, AB, ^, "
    "methodology-independent"
)


@pytest.mark.sphinx("html", testroot="realbibs", freshenv=True)
def test_latex_in_titles_and_names_decodes(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    ours = _our_list((app.outdir / "index.html").read_text())
    assert re.search(f'<span class="sa-title[^"]*">{re.escape(MATH_TITLE)}</span>', ours)
    assert "Brandon Amos†" in ours


@pytest.mark.sphinx("latex", testroot="realbibs", freshenv=True)
def test_math_in_titles_compiles_with_pdflatex(app) -> None:  # type: ignore[no-untyped-def]
    require_tools("latexmk", "pdflatex", "pdftotext")
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert "ε-Nets" in tex or "ε\\sphinxhyphen{}Nets" in tex  # decoded, the math declared once
    result = make_pdf(app.outdir)
    assert result.returncode == 0, result.stdout[-3000:]
    text = subprocess.run(
        ["pdftotext", "-layout", str(next(app.outdir.glob("*.pdf"))), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "METAFONT" in text and "∇" in text


@pytest.mark.sphinx("html", testroot="realbibs", freshenv=True)
def test_never_an_empty_item(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    items = dict(
        re.findall(
            r'<li[^>]*id="pub-([^"]+)"[^>]*>(.*?)</li>',
            _our_list((app.outdir / "index.html").read_text()),
            re.DOTALL,
        )
    )
    assert "Invited talk at the Example Workshop, Vienna" in items["talk2019"]
    for key, body in items.items():
        assert re.sub(r"<details.*?</details>|<[^>]+>|\s", "", body, flags=re.DOTALL), key
    # the entry pybtex could not read is left out, and said so at its line
    assert "unnamed-1" not in items
    assert re.search(
        r"refs\.bib:(\d+): WARNING: bib entry 'unnamed-1': nothing in it could be read",
        warnings_of(app),
    )


@pytest.mark.sphinx("html", testroot="realbibs", freshenv=True)
def test_a_problem_pybtex_meets_twice_is_reported_once(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    warnings = warnings_of(app)
    assert len(re.findall(r"undefined string in line \d+: loop", warnings)) == 1, warnings
    assert "A Journal Named By A Loop" in _our_list((app.outdir / "index.html").read_text())


@pytest.mark.sphinx(
    "html",
    testroot="realbibs",
    freshenv=True,
    confoverrides={"academic_owner": ["{Bashima Islam}", "Bashima", "{Islam}"]},
)
def test_an_owner_variant_that_matches_nobody_is_named(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    warnings = warnings_of(app)
    for variant in ("'Bashima'", "'{Islam}'"):
        assert f"academic_owner variant {variant} needs a given name and a surname" in warnings
    assert "'{Bashima Islam}' needs" not in warnings
    assert (
        '<strong class="sa-owner sa-owner-bold">Bashima Islam</strong>'
        in (app.outdir / "index.html").read_text()
    )
