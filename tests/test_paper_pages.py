"""A page per paper: Google Scholar's tags and schema.org data, checked against the bib."""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import edit_later, warnings_of
from pybtex.database import parse_file

from sphinx_academic.core.names import display_name, latex_to_text
from sphinx_academic.ext.paperpages import page_name

ROOT = "paperpages"
LISTED = ("wang2025flashdp", "guo2024explore", "evil:quote")


class Head(HTMLParser):
    """The ``citation_*`` meta tags (in order), the JSON-LD blocks and the links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.jsonld: list[object] = []
        self.links: list[tuple[str, str]] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("name") or "").startswith("citation_"):
            self.meta.append((values["name"] or "", values.get("content") or ""))
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._script = []
        elif tag == "a":
            self.links.append(
                (" ".join((values.get("class") or "").split()), values.get("href") or "")
            )

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.jsonld.append(json.loads("".join(self._script)))
            self._script = None


def parse(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


def page_file(outdir: Path, key: str, builder: str = "html") -> Path:
    name = page_name(key)
    return outdir / (f"{name}/index.html" if builder == "dirhtml" else f"{name}.html")


def test_every_listed_paper_has_tags_matching_the_bib(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html(ROOT)
    assert "javascript:alert(3)" in warnings_of(app)  # dropped, with a warning
    bib = parse_file(str(Path(app.srcdir) / "refs.bib")).entries
    for key in LISTED:
        head = parse(page_file(app.outdir, key))
        entry = bib[key]
        tags = dict(head.meta)
        assert tags["citation_title"] == " ".join(latex_to_text(entry.fields["title"]).split())
        authors = [value for name, value in head.meta if name == "citation_author"]
        assert authors == [display_name(person) for person in entry.persons["author"]]
        assert tags["citation_publication_date"].startswith(entry.fields["year"])
        (article,) = [data for data in head.jsonld if data["@type"] == "ScholarlyArticle"]
        assert article["name"] == tags["citation_title"]
        assert [author["name"] for author in article["author"]] == authors
    flash = dict(parse(page_file(app.outdir, "wang2025flashdp")).meta)
    assert flash["citation_conference_title"].startswith("The Annual Conference on Neural")
    assert (flash["citation_firstpage"], flash["citation_lastpage"]) == ("101", "115")
    assert flash["citation_publication_date"] == "2025/12"
    assert flash["citation_pdf_url"] == "https://example.org/flashdp.pdf"
    assert flash["citation_arxiv_id"] == "2501.01234"
    journal = dict(parse(page_file(app.outdir, "guo2024explore")).meta)
    assert journal["citation_journal_title"] == "IEEE Transactions on Mobile Computing"
    assert (journal["citation_volume"], journal["citation_issue"]) == ("23", "4")
    assert journal["citation_doi"] == "10.1109/TMC.2024.0000000"
    assert "citation_pdf_url" not in journal  # a relative pdf is no full URL
    assert not page_file(app.outdir, "unlisted2020").exists()  # no list shows it


def test_hostile_fields_stay_inside_their_tags(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html(ROOT)
    page = page_file(app.outdir, "evil:quote")
    text = page.read_text(encoding="utf-8")
    assert "<script>alert" not in text and 'href="javascript' not in text
    assert text.count("</script>") == text.count("<script")  # nothing ends a script early
    head = parse(page)
    assert dict(head.meta)["citation_title"].startswith('A "quoted" title with <b>tags</b>')
    (article,) = head.jsonld
    assert article["abstract"] == 'Ends </script> early? & "no"'  # type: ignore[index]


def test_list_entries_link_to_their_pages_and_the_owner(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html(ROOT)
    index = parse(app.outdir / "index.html")
    links = [href for cls, href in index.links if "sa-paper-link" in cls]
    # the second list shows the journal article again
    assert links == [f"{page_name(key)}.html" for key in (*LISTED, "guo2024explore")]
    (person,) = index.jsonld
    assert person == {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": "#person",
        "name": "Junxiao Wang",
        "jobTitle": "Research Scientist",
        "affiliation": {"@type": "Organization", "name": "Example University"},
        "email": "jw@example.org",
        "address": {"@type": "PostalAddress", "addressLocality": "Thuwal, Saudi Arabia"},
        "url": "https://example.org/~jw",
        "sameAs": [
            "https://example.org/~jw",
            "https://orcid.org/0000-0002-1825-0097",
            "https://scholar.google.com/citations?user=abcDEF123",
            "https://github.com/example",
        ],
    }
    paper = parse(page_file(app.outdir, "wang2025flashdp"))
    (article,) = paper.jsonld
    owners = [author for author in article["author"] if "@id" in author]  # type: ignore[index]
    assert owners == [{"@type": "Person", "name": "Junxiao Wang", "@id": "../index.html#person"}]
    assert ("reference external", "../index.html") in paper.links  # back to the list


def test_dirhtml_pages_and_links(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html(ROOT, "dirhtml")
    for key in LISTED:
        assert parse(page_file(app.outdir, key, "dirhtml")).meta
    links = [href for cls, href in parse(app.outdir / "index.html").links if "sa-paper-link" in cls]
    assert links == [f"{page_name(key)}/" for key in (*LISTED, "guo2024explore")]


@pytest.mark.parametrize("builder", ["singlehtml", "latex", "text"])
def test_other_builders_have_no_paper_pages(built_html, builder: str) -> None:  # type: ignore[no-untyped-def]
    app = built_html(ROOT, builder)
    assert not (app.outdir / "papers").exists()
    output = "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in app.outdir.rglob("*")
        if path.is_file() and path.suffix in (".html", ".tex", ".txt")
    )
    assert "sa-paper-link" not in output and "papers/wang2025flashdp" not in output


def test_incremental_builds_follow_the_bib_and_the_lists(rebuildable) -> None:  # type: ignore[no-untyped-def]
    srcdir, build = rebuildable(ROOT)
    build()
    app = build()  # nothing to read or write: the pages are made all the same
    assert "no targets are out of date" in app.status.getvalue()
    flash = page_file(app.outdir, "wang2025flashdp")
    assert "Efficient DP-SGD" in flash.read_text(encoding="utf-8")
    edit_later(srcdir / "refs.bib", "with Efficient {DP-SGD}", "with Faster {DP-SGD}")
    app = build()
    assert dict(parse(flash).meta)["citation_title"].endswith("with Faster DP-SGD")
    assert "with Faster DP-SGD" in (app.outdir / "index.html").read_text(encoding="utf-8")
    edit_later(srcdir / "index.md", ":keys: wang2025flashdp, ", ":keys: ")
    app = build()
    assert not flash.exists()  # no list shows it any more
    assert page_file(app.outdir, "guo2024explore").exists()
    (srcdir / "conf.py").write_text(
        (srcdir / "conf.py").read_text().replace("academic_paper_pages = True", ""),
        encoding="utf-8",
    )
    app = build()
    assert not (app.outdir / "papers").exists() or not any((app.outdir / "papers").rglob("*.html"))
    assert "sa-paper-link" not in (app.outdir / "index.html").read_text(encoding="utf-8")


def test_parallel_pages_equal_serial_pages(make_app, rootdir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pages = {}
    previous = None
    for parallel in (1, 2):
        if previous is not None:
            previous.cleanup()
        srcdir = tmp_path / f"j{parallel}"
        shutil.copytree(rootdir / f"test-{ROOT}", srcdir)
        for number, key in enumerate(LISTED * 2, 1):  # enough pages to read in parallel
            page = f"---\norphan: true\n---\n\n# Extra {number}\n\n"
            page += f":::{{publications}}\n:keys: {key}\n:::\n"
            (srcdir / f"extra{number}.md").write_text(page, encoding="utf-8")
        app = make_app("html", srcdir=srcdir, freshenv=True, parallel=parallel)
        app.build()
        previous = app
        assert app.parallel == parallel and app.is_parallel_allowed("read")
        pages[parallel] = {
            path.relative_to(app.outdir).as_posix(): path.read_bytes()
            for pattern in ("papers/*.html", "_bib/**/*.bib", "*.html")
            for path in app.outdir.glob(pattern)
        }
    assert len([name for name in pages[1] if name.startswith("papers/")]) == len(LISTED)
    assert "index.html" in pages[1] and "_bib/index/shown.bib" in pages[1]
    assert pages[1] == pages[2]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_list_downloads_exactly_its_entries(built_html, builder: str) -> None:  # type: ignore[no-untyped-def]
    app = built_html(ROOT, builder)
    assert ":download-bib: '../../escape.bib' is not a plain file name" in warnings_of(app)
    index = parse(app.outdir / "index.html")
    downloads = [href for cls, href in index.links if "sa-download-bib" in cls]
    assert downloads == ["_bib/index/shown.bib", "_bib/index/publications.bib"]
    shown = parse_file(str(app.outdir / downloads[0])).entries
    assert list(shown) == list(LISTED)  # the list's entries, in its order, and no others
    bib = parse_file(str(Path(app.srcdir) / "refs.bib")).entries
    assert shown["guo2024explore"].fields["doi"] == bib["guo2024explore"].fields["doi"]
    assert list(parse_file(str(app.outdir / downloads[1])).entries) == ["guo2024explore"]
    # without the fields only sphinx-academic reads
    assert "abbr" not in shown["wang2025flashdp"].fields
    assert "selected" not in shown["wang2025flashdp"].fields
    assert "pages" in shown["wang2025flashdp"].fields
    assert not (app.outdir.parent / "escape.bib").exists()


def test_hostile_corpus_paper_pages_are_safe(built_html) -> None:  # type: ignore[no-untyped-def]
    from test_properties import html_problems

    app = built_html("hostilecorpus", confoverrides={"academic_paper_pages": True})
    pages = sorted((app.outdir / "papers").glob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html_problems(html) == [], page.name
        head = parse(page)
        assert head.meta and len(head.jsonld) == 1, page.name
        assert all(value.isprintable() for _, value in head.meta), page.name


def test_paper_page_shows_the_entry(built_html) -> None:  # type: ignore[no-untyped-def]
    app = built_html(ROOT)
    text = page_file(app.outdir, "wang2025flashdp").read_text(encoding="utf-8")
    body = text[text.index('<section id="paper">') :]
    assert '<strong class="sa-owner sa-owner-bold">Junxiao Wang</strong>' in body
    assert "(acceptance rate~24.6% [5,290/21,500])" in body
    assert '<p class="sa-award">Spotlight</p>' in body
    assert "We train large models privately." in body
    cited = body[body.index("sa-paper-cited") : body.index("sa-paper-bibtex")]
    assert "acceptance rate" not in cited and "Efficient DP-SGD" in cited  # a citation
    bibtex = re.search(r'<pre class="sa-paper-bibtex">(.*?)</pre>', body, re.DOTALL)
    assert bibtex is not None and "@inproceedings{wang2025flashdp," in html.unescape(bibtex[1])
    assert "abbr =" not in bibtex[1] and "selected =" not in bibtex[1]
    assert '<button type="button" class="sa-copy" hidden>Copy</button>' in body


def test_epub_takes_no_paper_pages_nor_bib_files(built_html) -> None:  # type: ignore[no-untyped-def]
    from xml.dom.minidom import parseString
    from zipfile import ZipFile

    app = built_html(ROOT, "epub")
    assert "epub.unknown_project_files" not in warnings_of(app)  # no .bib in the book
    (book,) = app.outdir.glob("*.epub")
    with ZipFile(book) as archive:
        names = archive.namelist()
        assert not [name for name in names if name.endswith(".bib") or "papers/" in name]
        for name in names:
            if name.endswith(".xhtml"):
                parseString(archive.read(name))  # the chart's SVG included
