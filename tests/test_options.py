"""Options a user sets, each seen in a real build: owner style, marks, :max:, :group:, :sort:,
and suppressing one warning subtype."""

from __future__ import annotations

import re

from conftest import warnings_of


def _sections(html: str) -> dict[str, list[str]]:
    """The entry keys of each ``##`` section, in page order (``-2`` anchor suffixes dropped)."""
    found: dict[str, list[str]] = {}
    for part in re.split(r"<h2>", html)[1:]:
        title = part[: part.index("<")]
        keys = re.findall(r'id="pub-([a-z0-9]+?)(?:-\d+)?"', part)
        found[title] = keys
    return found


def test_list_options_select_sort_and_group(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html(root="options")
    html = (app.outdir / "index.html").read_text()
    sections = _sections(html)
    # :max: 3 cuts after the default newest-first sort (ties keep the bib's order)
    assert sections["Newest three"] == ["wang2025flashdp", "arxiv2025preprint", "wang2024zo"]
    # :sort: title folds case and accents: "École" sorts with the Es, not after "ZO"
    assert sections["By title"] == [
        "arxiv2025preprint",  # A Preprint
        "pei2024autonomous",  # Autonomous Workflow
        "wang2018clickup",  # CLICK-UP
        "m2022accents",  # École Normale
        "guo2024explore",  # Explore and Cure
        "wang2025flashdp",  # Private Training
        "dong2023negation",  # Towards Test-Time
        "wang2024zo",  # ZO-Offloading
    ]
    assert sections["Oldest first"] == [
        "wang2018clickup",
        "m2022accents",
        "dong2023negation",
        "wang2024zo",
        "guo2024explore",
        "pei2024autonomous",
        "wang2025flashdp",
        "arxiv2025preprint",
    ]
    # :group: venue: one group per venue, in the order of the list, both NeurIPS papers together
    by_venue = html[html.index("<h2>By venue") : html.index("<h2>By title")]
    groups = re.split(r'<p class="[^"]*\brubric\b[^"]*">', by_venue)[1:]
    titles = [group[: group.index("<")] for group in groups]
    assert titles[:2] == ["NeurIPS", "arXiv preprint arXiv:2501.01234"]
    assert {"AFM", "TMC", "ACL", "ICML", "SIGCOMM"} <= set(titles)
    assert len(titles) == len(set(titles))
    neurips = re.findall(r'id="pub-([a-z0-9]+?)(?:-\d+)?"', groups[0])
    assert neurips == ["wang2025flashdp", "dong2023negation"]


def test_owner_style_and_corresponding_mark_in_every_writer(built_html) -> None:  # type: ignore[no-untyped-def]
    html = (built_html(root="options").outdir / "index.html").read_text()
    entry = html[html.index('id="pub-wang2025flashdp"') :]
    entry = entry[: entry.index("</li>")]
    assert '<strong class="sa-owner sa-owner-bold-underline">Junxiao Wang</strong>' in entry
    assert "(corr.)" in entry and "Corresponding Author" not in html
    css = (built_html(root="options").outdir / "_static" / "sphinx-academic.css").read_text()
    assert re.search(r"\.sa-owner-bold-underline[^{]*\{[^}]*underline", css)

    tex = next((built_html(root="options", builder="latex").outdir).glob("*.tex")).read_text()
    assert r"\sphinxAcademicOwnerBoldUnderline{Junxiao Wang}" in tex
    assert "(corr.)" in tex

    text = (built_html(root="options", builder="text").outdir / "index.txt").read_text()
    assert "**Junxiao Wang**" in text and "(corr.)" in text


def test_one_subtype_is_suppressed_and_the_others_still_warn(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html(root="options")
    warnings = warnings_of(app)
    assert "Nowhere Symposium" not in warnings  # academic.venue, suppressed in conf.py
    assert re.search(
        r"index\.md:\d+: WARNING: unknown bib key 'nosuchkey' \[academic\.key\]", warnings
    )
    assert warnings.count("WARNING") == 1

    app = built_html(root="options", confoverrides={"suppress_warnings": []})
    warnings = warnings_of(app)
    assert re.search(
        r"index\.md:\d+: WARNING: acceptance: the venue table has no figure for "
        r"'Nowhere Symposium 2024' \[academic\.venue\]",
        warnings,
    )
