"""Hostile and broken input: escaped output, warnings with file and line, and the build goes on."""

from __future__ import annotations

import re

import pytest
from conftest import warnings_of

SAFE_HREF = re.compile(r"^(https?://|mailto:|#|[\w./-]+\.html)")


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True)
def test_hostile_entry_is_escaped_in_html(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    html = (app.outdir / "index.html").read_text()
    body = html[html.index('<div class="sa-publications') :]
    body = body[: body.index('<div class="sphinxsidebar"')]
    for tag in ("<script", "<img", "<svg", "<iframe", "<b ", "<u>"):
        assert tag not in body
    assert "&lt;script&gt;alert(&quot;author&quot;)&lt;/script&gt;" in body
    assert "onerror=alert(1)&gt;" in body  # as text, not an attribute
    hrefs = re.findall(r'href="([^"]*)"', body)
    assert hrefs and all(SAFE_HREF.match(href) for href in hrefs), hrefs
    assert not re.search(r"javascript:|data:text", " ".join(hrefs), re.IGNORECASE)
    assert "//evil.example.com" not in " ".join(hrefs)
    # LaTeX commands are dropped from the text, their arguments shown as plain text
    title = re.search(r'<span class="sa-title[^"]*">(.*?)</span>', body)
    assert title is not None
    assert "\\input" not in title.group(1) and "\\write18" not in title.group(1)


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True)
def test_hostile_links_are_dropped_with_warnings(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    warnings = warnings_of(app)
    for kind in ("pdf", "code", "url", "slides"):
        assert re.search(
            rf"hostile\.bib:1: WARNING: bib entry 'xss2024': {kind} link .* dropped.*"
            r"\[academic\.link\]",
            warnings,
        ), kind
    assert re.search(r"hostile\.bib:\d+: WARNING: bib file problem: .*\[academic\.bib\]", warnings)


@pytest.mark.sphinx("latex", testroot="hostile", freshenv=True)
def test_hostile_entry_is_escaped_in_latex(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    body = tex[tex.index(r"\begin{sphinxAcademicPublications}") :]
    body = body[: body.index(r"\end{sphinxAcademicPublications}")]
    for command in (
        "\\input",
        "\\write18",
        "\\catcode",
        "\\end{document}",
        "\\def\\x",
        "\\immediate",
        "\\csname",
        "\\verb",
    ):
        assert command not in body, command
    assert r"\textless{}script\textgreater{}" in body


@pytest.mark.sphinx("html", testroot="badinput", freshenv=True)
def test_bad_input_warns_with_location_and_goes_on(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    warnings = warnings_of(app)
    expected = [
        r"WARNING: academic_owner_style must be one of .* \[academic\.config\]",
        r"WARNING: academic_acceptance_format uses unknown field.* \[academic\.config\]",
        r"broken\.bib:\d+: WARNING: bib file problem: syntax error .* \[academic\.bib\]",
        r"venues\.yaml:\d+: WARNING: venue table: .* \[academic\.venue\]",
        r"badinput/missing\.csv:+ WARNING: venue table: .* \[academic\.venue\]",
        r"good\.bib:8: WARNING: bib entry 'noyear': no year \[academic\.entry\]",
        r"good\.bib:14: WARNING: bib entry 'badfields': .*author 7.* \[academic\.entry\]",
        r"good\.bib:14: WARNING: bib entry 'badfields': .*'wizard'.* \[academic\.entry\]",
        r"good\.bib:14: WARNING: bib entry 'badfields': year 'twenty twenty' .*\[academic\.entry\]",
        r"good\.bib:14: WARNING: bib entry 'badfields': acceptance 'many/few' .*"
        r"\[academic\.entry\]",
        r"index\.md:3: WARNING: publications: :sort: 'sideways' .* \[academic\.option\]",
        r"index\.md:3: WARNING: publications: :group: 'colour' .* \[academic\.option\]",
        r"index\.md:3: WARNING: publications: :numbered: 'backwards' .* \[academic\.option\]",
        r"index\.md:3: WARNING: publications: :max: 'many' .* \[academic\.option\]",
        r"index\.md:3: WARNING: publications: :links: unknown link kind\(s\) hologram",
        r"index\.md:11: WARNING: publications: bad :filter: .*function calls are not allowed.*"
        r"\[academic\.filter\]",
        r"index\.md:15: WARNING: publications: unknown bib key 'nosuchkey' \[academic\.key\]",
        r"index\.md:19: WARNING: unknown bib key 'missingkey' \[academic\.key\]",
        r"index\.md:19: WARNING: acceptance: the venue table has no figure for 'Nowhere 2024'",
        r"index\.md:19: WARNING: acceptance: 'not a venue' is not 'VENUE YEAR \[TRACK\]'",
    ]
    for pattern in expected:
        assert re.search(pattern, warnings), pattern
    # every warning is ours, typed and subtyped
    for line in warnings.splitlines():
        assert re.search(r"\[academic\.\w+\]$", line), line
    html = (app.outdir / "index.html").read_text()
    # the good entries survive next to the broken file; the bad filter lists nothing
    assert html.count('id="pub-good2024') == 2
    assert "A Good Paper" in html
    assert "sa-pub sa-missing" in html


@pytest.mark.sphinx(
    "html",
    testroot="badinput",
    freshenv=True,
    confoverrides={"suppress_warnings": ["academic"]},
)
def test_academic_warnings_can_be_suppressed(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warnings_of(app) == ""
