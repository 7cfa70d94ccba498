"""The entry layout (issue 12): both styles, the row of buttons, the BibTeX without private
fields, venue badges, previews, collapsed author lists, the profile's page-title and PDF
link, and how LaTeX and text write the same entries."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
from conftest import warnings_of
from pybtex.database import parse_string

from sphinx_academic.core.publication import Author
from sphinx_academic.render.formatting import bibtex_text, shown_authors

ROOT = "entrylayout"


def _entry(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</li>", start)]


def _text(markup: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.mark.sphinx("html", testroot=ROOT, freshenv=True)
def test_stacked_entry_with_buttons(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    warnings = warnings_of(app)
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    entry = _entry(page, "pub-example2025sharded")

    # title first, then authors, then the venue line with the award; then the buttons
    lines = re.findall(r'<p class="sa-line sa-line-(\w+)">', entry)
    assert lines == ["title", "authors", "venue"]
    assert 'class="sa-award"' in entry and "Best Paper Award" in entry
    assert "<em>The Annual Conference on Neural Information Processing Systems" in entry
    buttons = re.findall(r'class="sa-button[^"]*"[^>]*>([^<]+)<', entry)
    assert buttons == ["PDF", "Code", "Abstract", "BibTeX"]
    # the abstract is text, never markup from the bib
    assert "&lt;b&gt;makes&lt;/b&gt;" in entry and "<b>makes" not in entry
    assert '<button type="button" class="sa-copy" hidden="hidden">Copy</button>' in entry

    # the BibTeX a visitor copies: standard fields only
    bibtex = html_lib.unescape(re.search(r"<pre>(.*?)</pre>", entry, re.DOTALL).group(1))
    assert "title = {Sharded Private Training" in bibtex
    assert "booktitle = " in bibtex and "address = " in bibtex
    for private in ("abstract", "award", "preview", "keywords", "selected", "acceptance",
                    "abbr", "pdf", "code", "note"):  # fmt: skip
        assert f"  {private} = " not in bibtex, private

    # the aside: number, venue badge in the configured colour, preview copied with the site
    assert '<span class="sa-number">[2]</span>' in entry
    assert 'class="sa-venue-badge" style="--sa-venue-color: #6a3d9a">NeurIPS' in entry
    assert 'class="sa-preview"' in entry
    assert (Path(app.outdir) / "_images" / "preview.svg").is_file()

    # six authors, two shown past the limit: the first two and the owner
    assert 'class="sa-more-authors" hidden="hidden">… 2 more</button>' in entry
    assert 'class="sa-more-authors" hidden="hidden">… 1 more</button>' in entry
    assert "Emmy Noether" in entry  # still in the page, for readers without scripts

    # a colour that is not a colour is refused; a preview outside the source folder too
    assert "academic_venue_colors: 'red;}body{color:red'" in warnings
    assert "red;}body" not in page
    assert "preview '../outside.svg' left out" in warnings
    assert "[academic.link]" in warnings
    assert "outside.svg" not in page

    # the citation style: one paragraph in the seed's order, then the same buttons
    citation = _entry(page, "pub-example2025sharded-2")
    assert "sa-style-citation" in page
    text = _text(citation)
    assert text.index("Grace Lovelace") < text.index("Sharded Private") < text.index("San Diego")
    assert "Best Paper Award" in text
    assert re.findall(r'class="sa-button[^"]*"[^>]*>([^<]+)<', citation) == buttons

    # the profile: the page title hidden (kept in the page), a Download PDF link
    assert re.search(r'<h1 class="sa-page-title sa-page-title-hide">Entry layout', page)
    assert "<h2>Stacked" in page  # the sections keep their headings
    assert 'href="cv.pdf"' in page and "Download PDF" in page
    # our script is loaded from the site itself
    assert '<script defer="defer" src="_static/sphinx-academic.js' in page
    assert (Path(app.outdir) / "_static" / "sphinx-academic.js").is_file()


@pytest.mark.sphinx("text", testroot=ROOT, freshenv=True)
def test_text_writes_links_inline_and_collapses_authors(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    flat = " ".join(text.split())
    assert "Grace Lovelace, Alan M. Turing, … (2 more), **Ada Example**, … (1 more)" in flat
    assert "PDF · Code" in flat
    assert "Abstract" not in flat and "@inproceedings" not in flat
    assert "Download PDF" not in flat  # a link for the web page only
    # stacked: title on its own line, before the authors
    assert re.search(r"\[2\] Sharded Private Training at Near-Baseline Throughput\n", text)


@pytest.mark.sphinx("latex", testroot=ROOT, freshenv=True)
def test_latex_gives_every_entry_its_own_anchor(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    # the label sits at a \phantomsection in the entry's first line, not at the heading
    for key in ("example2025sharded", "example2024journal", "example2025sharded-2"):
        assert re.search(
            r"\\item\[\{.*?\}\] \\leavevmode\\phantomsection\\label\{\\detokenize\{index:pub-"
            + re.escape(key)
            + r"\}\}",
            tex,
        ), key
    assert r"\sphinxAcademicLinks{" in tex and r"\sphinxAcademicLinkSep{}" in tex
    assert r"\sphinxAcademicMoreAuthors{2 more}" in tex
    assert "Abstract" not in tex and "cv.pdf" not in tex
    assert r"\DUrole{sa-award}{Best Paper Award}" in tex


@pytest.mark.parametrize(
    ("names", "owner", "limit", "shown"),
    [
        # real author lists of the example CV's bib
        (["Liangyu Wang", "Junxiao Wang", "Di Wang"], 1, 0, [True, True, True]),
        (["Liangyu Wang", "Junxiao Wang", "Di Wang"], 1, 2, [True, True, True]),
        (
            ["Leijie Wu", "Song Guo", "Yaohong Ding", "Junxiao Wang", "Wenchao Xu", "Yufeng Zhan"],
            3,
            2,
            [True, True, False, True, False, False],
        ),
        (
            ["Jiahuan Pei", "Fanghua Ye", "Xin Sun", "Wentao Deng", "Koen Hindriks"],
            None,
            3,
            [True, True, True, False, False],
        ),
    ],
)
def test_shown_authors(names: list[str], owner: int | None, limit: int, shown: list[bool]) -> None:
    authors = tuple(Author(name, index == owner) for index, name in enumerate(names))
    assert shown_authors(authors, limit) == shown


def test_bibtex_text_leaves_out_display_fields() -> None:
    source = """@inproceedings{wang2025private,
      author = {Wang, Liangyu and Wang, Junxiao},
      author+an = {2=corresponding},
      title = {Private Training Large-scale Models with Efficient {DP-SGD}},
      booktitle = {The Annual Conference on Neural Information Processing Systems},
      year = {2025},
      doi = {10.1000/xyz},
      url = {https://example.org},
      acceptance = {5290/21500},
      acceptance_rate = {24.5},
      tldr = {Pre-trains Llama-13B.},
      bibtex_show = {true},
      file = {paper.pdf},
    }"""
    entry = parse_string(source, "bibtex").entries["wang2025private"]
    text = bibtex_text(entry, hidden=("file",))
    assert "title = {Private Training Large-scale Models with Efficient {DP-SGD}}" in text
    assert "doi = {10.1000/xyz}" in text and "url = {https://example.org}" in text
    for private in ("author+an", "acceptance", "acceptance_rate", "tldr", "bibtex_show", "file"):
        assert f"  {private} = " not in text, private
    assert text.endswith("url = {https://example.org}\n}")


@pytest.mark.parametrize(
    "builder",
    ["dirhtml", "singlehtml", "epub", "man", "texinfo", "xml", "pseudoxml", "gettext"],
)
def test_every_builder_writes_the_stacked_layout(
    make_app, rootdir: Path, tmp_path: Path, builder: str
) -> None:  # type: ignore[no-untyped-def]
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / f"test-{ROOT}", srcdir)
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    ours = [line for line in warnings_of(app).splitlines() if "[academic." in line]
    assert len(ours) == 2  # the bad venue colour and the preview outside the source folder
    written = "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in Path(app.outdir).rglob("*")
        if path.is_file()
        and path.suffix in {".html", ".xhtml", ".1", ".texi", ".xml", ".pseudoxml"}
    )
    if builder != "gettext":
        assert "Sharded Private Training" in written


def test_a_preview_symlink_out_of_the_source_folder_is_refused(
    make_app, rootdir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / f"test-{ROOT}", srcdir)
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    (srcdir / "preview.svg").unlink()
    (srcdir / "preview.svg").symlink_to(secret)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert "preview '/preview.svg' dropped: a local file must be inside" in warnings_of(app)
    assert not (Path(app.outdir) / "_images" / "preview.svg").exists()
