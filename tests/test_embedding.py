"""The directives in other kinds of sites: an existing reST project, an al-folio bib."""

from __future__ import annotations

import re

import pytest
from conftest import warnings_of


@pytest.mark.sphinx("html", testroot="embed", freshenv=True)
def test_papers_page_in_an_existing_rst_project(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warnings_of(app) == ""  # no new warnings, no duplicate labels
    papers = (app.outdir / "papers.html").read_text()
    assert re.findall(r'id="pub-([^"]+)"', papers) == ["fastsolver2024", "fastsolver2023"]
    assert '<strong class="sa-owner sa-owner-bold">Jane Doe</strong>' in papers
    assert re.search(r'href="#pub-fastsolver2023"[^>]*><span class="sa-pub">SC23</span>', papers)
    assert "sphinx_rtd_theme" in papers or "wy-nav-content" in papers
    guide = (app.outdir / "guide.html").read_text()
    # sphinxcontrib-bibtex keeps working: citations resolve into its bibliography
    # sphinxcontrib-bibtex keeps working: both citations resolve into its own bibliography,
    # numbered in citation order by the project's "unsrt" style
    cited = re.findall(
        r'<a class="reference internal" href="#(id\d+)" title="([^"]+)">(\d)<', guide
    )
    assert [(title.split(".")[0], number) for _, title, number in cited] == [
        ("Youcef Saad and Martin H", "1"),
        ("Richard Roe and Jane Doe", "2"),
    ]
    for anchor, _, _ in cited:
        assert f'<div class="citation" id="{anchor}" role="doc-biblioentry">' in guide
    assert (
        "GMRES: a generalized minimal residual algorithm for solving nonsymmetric linear "
        "systems. SIAM Journal on Scientific and Statistical Computing, 7(3):856–869, 1986."
    ) in guide
    assert "sa-publication" not in guide


@pytest.mark.sphinx("latex", testroot="embed", freshenv=True)
def test_embedding_latex(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warnings_of(app) == ""
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\begin{sphinxAcademicPublications}" in tex
    assert r"\begin{sphinxthebibliography}" in tex


@pytest.mark.sphinx("html", testroot="alfolio", freshenv=True)
def test_alfolio_papers_bib_builds_unchanged(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warnings_of(app) == ""
    html = (app.outdir / "index.html").read_text()
    keys = re.findall(r'id="pub-([^"]+)"', html)
    assert len(keys) == 9
    assert keys[0] == "przibram1967letters"  # newest first
    epr = html[html.index('id="pub-physrev-47-777"') :]
    epr = epr[: epr.index("</li>")]
    assert "Can Quantum-Mechanical Description of Physical Reality Be Considered Complete?" in epr
    assert re.search(r'<strong class="sa-owner sa-owner-bold">A. Einstein\*†</strong>', epr)
    assert 'href="https://doi.org/10.1103/PhysRev.47.777">DOI</a>' in epr
    assert 'href="example_pdf.pdf">PDF</a>' in epr  # relative links are kept
    assert "Phys. Rev. (PhysRev)" in re.sub(r"<[^>]+>", "", epr)
    assert "Über einen die Erzeugung" in html
    # the owner written as "Albert Einstein", "Einstein, A." and with al-folio's symbols
    assert html.count("sa-owner-bold") == 9
