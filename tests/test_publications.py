"""Build the publications test site with real builders and check what readers get."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import make_pdf, require_tools, strip_colors, warnings_of
from sphinx.testing.util import SphinxTestApp


def _entry(html: str, key: str) -> str:
    """The ``<li>`` of one publication (its first occurrence)."""
    start = html.index(">", html.index(f'id="pub-{key}"')) + 1
    return html[start : html.index("</li>", start)]


def test_entry_in_the_seed_form(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html()
    html = (app.outdir / "index.html").read_text()
    entry = _entry(html, "wang2025flashdp")
    text = re.sub(r"<[^>]+>", "", entry[entry.index('<p class="sa-entry">') :])
    assert text.startswith(
        "Liangyu Wang*, Junxiao Wang* (Corresponding Author), Jie Ren, Zihang Xiang, "
        "David E. Keyes, Di Wang. Private Training Large-scale Models with Efficient DP-SGD. "
        "The Annual Conference on Neural Information Processing Systems (NeurIPS) 2025, "
        "San Diego, CA, USA. (acceptance rate~24.5% [5,290/21,500])"
    )
    assert '<strong class="sa-owner sa-owner-bold">Junxiao Wang</strong>' in entry
    assert '<sup class="sa-equal">*</sup>' in entry
    # the stated figure wins; the tooltip tells readers only where the shown figure comes
    # from (issue 10); the table's own figure is for the author, in the build log (-v)
    assert 'title="Source: the bib entry"' in entry
    assert "5,290/21,575" not in html and "bundled table" not in html
    assert 'href="https://example.org/flashdp.pdf">PDF</a>' in entry
    assert 'href="https://github.com/example/FlashDP">Code</a>' in entry
    assert (
        '<details class="sa-bibtex sa-toggle"><summary class="sa-button">BibTeX</summary>'
        '<div class="sa-panel"><pre>&#64;inproceedings{wang2025flashdp' in entry
    )


SUMMARY = "sphinx-academic: 1 bib entry states an acceptance figure that differs from the bundled"


def test_acceptance_difference_is_summarised_not_warned(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html()
    status = strip_colors(app.status.getvalue())
    assert status.count(SUMMARY) == 1
    assert "academic_acceptance_check = True to make each one a warning" in status
    assert "wang2025flashdp" not in status  # the entry itself only with -v
    assert "[academic.acceptance]" not in status  # nothing that looks like a warning
    assert warnings_of(app) == ""


def test_acceptance_difference_is_listed_with_verbose(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html(verbosity=1)
    status = strip_colors(app.status.getvalue())
    assert re.search(
        r"refs\.bib:1: bib entry 'wang2025flashdp' states 5,290/21,500 for NeurIPS 2025; "
        r"the bundled table has 5,290/21,575 \(openaccept\); the entry's own figure is shown",
        status,
    )
    assert status.count(SUMMARY) == 1


def test_acceptance_summary_counts_the_whole_site_in_parallel_and_incremental_builds(
    make_app, rootdir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    srcdir = tmp_path / "publications"
    shutil.copytree(rootdir / "test-publications", srcdir)
    for number in range(6):  # enough pages for chunks in more than one process
        (srcdir / f"page{number}.md").write_text(
            f"---\norphan: true\n---\n# Page {number}\n\n"
            ":::{publications}\n:keys: wang2025flashdp\n:::\n"
        )
    first = make_app("html", srcdir=srcdir, freshenv=True, parallel=2)
    first.build()  # pages read in worker processes
    status = strip_colors(first.status.getvalue())
    assert first.parallel == 2 and first.is_parallel_allowed("read")
    assert status.count(SUMMARY) == 1
    again = make_app("html", srcdir=srcdir)  # nothing changed: no page is read again
    again.build()
    status = strip_colors(again.status.getvalue())
    assert "0 added, 0 changed, 0 removed" in status
    assert status.count(SUMMARY) == 1


def test_acceptance_check_replaces_the_summary(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html(confoverrides={"academic_acceptance_check": True})
    assert SUMMARY not in strip_colors(app.status.getvalue())


def test_acceptance_check_turns_the_report_into_a_warning(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html(confoverrides={"academic_acceptance_check": True})
    warnings = warnings_of(app)
    assert re.search(r"refs\.bib:1: WARNING: bib entry 'wang2025flashdp' states", warnings)
    assert "[academic.acceptance]" in warnings


def test_reverse_numbering_continues_across_groups(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html()
    html = (app.outdir / "index.html").read_text()
    first_list = html[: html.index('id="selected"')]
    assert re.findall(
        r'<li class="sa-publication[^"]*" id="pub-[^"]+" value="(\d+)"', first_list
    ) == [str(n) for n in range(8, 0, -1)]
    assert re.findall(r'<p class="sa-group-title rubric">(\d+)</p>', first_list) == [
        "2025",
        "2024",
        "2023",
        "2022",
        "2018",
    ]
    assert '<ol class="sa-publication-list" reversed="reversed" start="6">' in first_list


def test_owner_forms_and_namesakes(built_html) -> None:  # type: ignore[no-untyped-def]
    html = (built_html().outdir / "index.html").read_text()
    negation = _entry(html, "dong2023negation")
    assert '<strong class="sa-owner sa-owner-bold">J. Wang</strong>' in negation
    assert negation.count("<strong") == 1 and ", Bingjie Wang</span>" in negation
    accents = _entry(html, "m2022accents")
    assert "Jörg Müller, Anna van der Berg, Martin King, Jr., Jie Wang" in re.sub(
        r"<[^>]+>", "", accents
    )
    assert "sa-owner" not in accents  # Jie Wang is not Junxiao Wang
    assert "École Normale Results on GPU Kernels" in accents
    assert _entry(html, "wang2025flashdp").count("<strong") == 1  # not Liangyu, not Di Wang


def test_tracks_get_their_own_figure_or_none(built_html) -> None:  # type: ignore[no-untyped-def]
    html = (built_html().outdir / "index.html").read_text()
    assert "acceptance" not in _entry(html, "wang2024zo")  # a NeurIPS workshop
    assert "acceptance" not in _entry(html, "wang2018clickup")  # a SIGCOMM demo
    assert "acceptance" not in _entry(html, "guo2024explore")  # a journal
    assert "acceptance" not in _entry(html, "arxiv2025preprint")
    findings = _entry(html, "pei2024autonomous")
    assert "[976/4,407]" in findings  # ACL 2024 Findings, not the main track's 943/4,407
    assert "(acceptance rate~26.1% [3,218/12,343])" in _entry(html, "dong2023negation")
    assert "ACM SIGCOMM Conference 2018 Demo, Budapest, Hungary." in re.sub(
        r"<[^>]+>", "", _entry(html, "wang2018clickup")
    )


def test_selection_keys_filter_and_links_option(built_html) -> None:  # type: ignore[no-untyped-def]
    html = (built_html().outdir / "index.html").read_text()
    sections = re.split(r'<section id="', html)
    selected = next(s for s in sections if s.startswith("selected"))
    assert re.findall(r'id="pub-([^"]+)"', selected) == ["wang2025flashdp-2"]
    assert "sa-bibtex" not in selected  # :links: pdf, code
    keys = next(s for s in sections if s.startswith("explicit-keys"))
    assert re.findall(r'id="pub-([^"]+)"', keys) == ["guo2024explore-2", "dong2023negation-2"]
    assert re.findall(r'value="(\d)"', keys) == ["1", "2"]
    filtered = next(s for s in sections if s.startswith("filtered-by-type"))
    assert re.findall(r'rubric">([^<]+)<', filtered) == ["Conference Papers", "Journal Articles"]
    assert re.findall(r'id="pub-([^"]+)"', filtered) == ["wang2018clickup-2", "guo2024explore-3"]


def test_roles(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html()
    html = (app.outdir / "index.html").read_text()
    assert re.search(
        r'href="#pub-wang2025flashdp"[^>]*><span class="sa-pub">NeurIPS25</span>', html
    )
    assert '<span class="sa-pub">TMC</span>' in html
    assert '<span class="sa-pub">SIGCOMM18 Demo</span>' in html
    assert '<span class="sa-pub">ACL24 Findings</span>' in html
    assert '<span class="sa-venues">CVPR25/26, ICCV23/25, ECCV24</span>' in html
    assert 'NeurIPS 2023 <span class="sa-acceptance"' in html
    assert "(acceptance rate~26.1% [3,218/12,343])" in html
    other = (app.outdir / "other.html").read_text()
    assert re.search(
        r'href="index.html#pub-dong2023negation"[^>]*><span class="sa-pub">NeurIPS23', other
    )
    assert re.search(r'href="index.html#pub-m2022accents"[^>]*><span class="sa-pub">ICML22', other)
    assert re.search(
        r'href="index.html#pub-wang2025flashdp"[^>]*><span class="sa-pub">the DP-SGD paper<', other
    )


def test_latex_output(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html(builder="latex")
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert tex.count(r"\begin{sphinxAcademicPublications}") == 11  # 9 on index, 2 on only
    label = r"\label{\detokenize{index:pub-wang2025flashdp}}"
    assert r"\item[{[8]}] \leavevmode\phantomsection" + label in tex
    assert r"\sphinxAcademicOwnerBold{Junxiao Wang}$^{\text{*}}$" in tex
    assert r"(acceptance rate\textasciitilde{}24.5\% {[}5,290/21,500{]})" in tex
    assert r"\sphinxAcademicOwnerBold{J. Wang}" in tex
    assert "Jörg Müller" in tex
    assert "inproceedings{" not in tex  # the BibTeX toggle is HTML only
    assert r"\usepackage{sphinx-academic}" in tex
    assert (app.outdir / "sphinx-academic.sty").is_file()
    assert r"\hyperref[\detokenize{index:pub-dong2023negation}]" in tex


def test_owner_style_underline(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html(confoverrides={"academic_owner_style": "underline"})
    html = (app.outdir / "index.html").read_text()
    assert '<span class="sa-owner sa-owner-underline">Junxiao Wang</span>' in html


def test_text_output(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html(builder="text")
    text = (app.outdir / "index.txt").read_text()
    assert "[8] Liangyu Wang^*, **Junxiao Wang**^* (Corresponding Author), Jie" in text
    assert "[1] **Junxiao Wang**, Yuchen Huang. CLICK-UP" in text
    assert "See NeurIPS25, TMC, SIGCOMM18 Demo and ACL24 Findings." in text


BUILDERS = [
    "html",
    "dirhtml",
    "singlehtml",
    "epub",
    "latex",
    "text",
    "man",
    "texinfo",
    "xml",
    "pseudoxml",
    "gettext",
]


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder(built_html, builder: str) -> None:  # type: ignore[no-untyped-def]
    app = built_html(builder=builder)
    assert warnings_of(app) == ""
    output = "".join(
        path.read_text(errors="replace")
        for path in app.outdir.rglob("*")
        if path.is_file()
        and path.suffix
        in {".html", ".xhtml", ".tex", ".txt", ".1", ".texi", ".xml", ".pseudoxml", ".pot"}
    )
    if builder == "gettext":
        # the page's own prose is offered for translation, bib data is not
        assert 'msgid "All, grouped by year, reverse numbered"' in output
        assert 'msgid "Explicit keys"' in output
        assert "{acceptance}`NeurIPS 2023`" in output
        assert "Private Training" not in output and "Junxiao" not in output
    else:
        assert "Private Training Large" in output
        assert "Junxiao Wang" in output


def test_linkcheck_and_latex_show_urls_see_the_entry_links(built_html) -> None:  # type: ignore[no-untyped-def]
    """Entry links are made as the page is written, early enough for both to see them."""
    app = built_html(builder="linkcheck", confoverrides={"linkcheck_ignore": [".*"]})
    checked = (app.outdir / "output.json").read_text()
    assert "https://example.org/flashdp.pdf" in checked
    app = built_html(builder="latex", confoverrides={"latex_show_urls": "footnote"})
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\sphinxnolinkurl{https://example.org/flashdp.pdf}" in tex


def test_parallel_build_matches_serial(built_html) -> None:  # type: ignore[no-untyped-def]
    serial = (built_html().outdir / "other.html").read_text()
    parallel_app = built_html(parallel=2)
    assert (parallel_app.outdir / "other.html").read_text() == serial
    assert warnings_of(parallel_app) == ""


@pytest.mark.parametrize("root", ["publications", "hostile"])
def test_latex_compiles_to_pdf(built_html, root: str) -> None:  # type: ignore[no-untyped-def]
    require_tools("latexmk", "make")
    app: SphinxTestApp = built_html(root=root, builder="latex")
    result = make_pdf(app.outdir)
    assert result.returncode == 0, result.stdout[-3000:]
    assert list(app.outdir.glob("*.pdf"))
    log = next(app.outdir.glob("*.log")).read_text(errors="replace")
    assert "(/etc/passwd" not in log  # LaTeX logs every file it inputs as "(path"


def test_acceptance_role_respects_tracks(built_html) -> None:  # type: ignore[no-untyped-def]
    html = (built_html().outdir / "index.html").read_text()
    assert html.count("[976/4,407]") == 3  # the Findings entry, and both role forms
    assert "[943/4,407]" not in html  # ACL 2024's main-track figure


def test_acceptance_can_be_turned_off_and_reformatted(built_html) -> None:  # type: ignore[no-untyped-def]
    html = built_html(confoverrides={"academic_acceptance": False}).outdir / "index.html"
    assert "acceptance rate" not in html.read_text().split('id="roles"')[0]
    custom = built_html(
        confoverrides={"academic_acceptance_format": "[{accepted}/{submitted} = {rate:.0f}%]"}
    )
    text = (custom.outdir / "index.html").read_text()
    assert "[5290/21500 = 24%]" in text  # the stated percentage, not the quotient (24.6)
    assert "[3218/12343 = 26%]" in text


def test_pub_links_skip_lists_this_builder_leaves_out(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html()
    only = (app.outdir / "only.html").read_text()
    shown = re.findall(r'<li class="sa-publication[^"]*" id="([^"]+)"', only)
    assert shown == ["pub-guo2024explore-2"]  # the first list is for LaTeX only
    assert re.search(r'href="#pub-guo2024explore-2"[^>]*><span class="sa-pub">TMC', only)
    tex = next(built_html(builder="latex").outdir.glob("*.tex")).read_text()
    assert r"\hyperref[\detokenize{only:pub-guo2024explore}]" in tex
