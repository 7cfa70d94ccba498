"""A fixed corpus of hostile input, built as HTML, LaTeX (compiled to PDF) and text.

``tests/roots/test-hostilecorpus`` puts script, event handlers, unsafe URL schemes and
TeX primitives in every bib field a CV shows and in directive options; whatever comes out
must be text, or nothing. ``test-badbibmix`` puts broken bib files around a good one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import make_pdf, require_tools, warnings_of
from sphinx.testing.util import SphinxTestApp
from test_properties import SAFE_SCHEMES, html_problems, page_body, warning_records

HOSTILE_KEYS = ("html2024", "latex2023", "data2022", "vbscript2021", "file2020", "relative2019")
#: Link fields whose value uses a scheme other than http(s)/mailto, per entry: all are dropped.
DROPPED_LINKS = {
    "html2024": ("url", "pdf", "code", "slides", "video"),
    "latex2023": ("url", "pdf", "code", "slides"),
    "data2022": ("url", "pdf", "code", "slides", "video"),
    "vbscript2021": ("url", "pdf", "code", "slides", "video"),
    "file2020": ("url", "pdf", "code", "doi", "slides", "video"),
    "relative2019": ("url", "pdf", "code", "slides"),
}
#: TeX that must never reach the LaTeX body as a command.
TEX_COMMANDS = (
    "\\input",
    "\\include",
    "\\write18",
    "\\immediate",
    "\\catcode",
    "\\def",
    "\\csname",
    "\\openout",
    "^^5c",
    "^^",
)
GOOD_KEYS = {
    "good_iclr": ("A Good Conference Paper", "ICLR23"),
    "good_journal": ("A Good Journal Article", "TMC"),
    "good_preprint": ("A Good Preprint", "arXiv25"),
    "good_thesis": ("A Good Thesis", "PhD Thesis"),
}


@pytest.fixture
def build(make_app, rootdir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Build a copy of a test root; one app at a time (each registers nodes globally)."""
    apps: list[SphinxTestApp] = []

    def build(root: str, builder: str = "html", edit=None, **kwargs) -> SphinxTestApp:  # type: ignore[no-untyped-def]
        for previous in apps:
            previous.cleanup()
        srcdir = tmp_path / f"{root}-{builder}-{len(apps)}"
        shutil.copytree(rootdir / f"test-{root}", srcdir)
        if edit is not None:
            edit(srcdir)
        app = make_app(builder, srcdir=srcdir, freshenv=True, **kwargs)
        apps.append(app)
        app.build()
        return app

    return build


def _assert_every_warning_is_ours(app: SphinxTestApp) -> None:
    for record in warning_records(app):
        assert re.search(r"\[academic\.[a-z]+\]$", record), record


def _tex_body(app: SphinxTestApp) -> str:
    """The document body after Sphinx's own set-up (which uses \\catcode itself)."""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count("\\end{document}") == 1, "a second \\end{document} got into the body"
    begin = tex.index("\\begin{document}")
    return tex[tex.index("\\phantomsection", begin) : tex.rindex("\\end{document}")]


# -- HTML ------------------------------------------------------------------------------------------


def test_hostile_corpus_html_is_text_and_safe_links(build) -> None:  # type: ignore[no-untyped-def]
    app = build("hostilecorpus")
    warnings = warnings_of(app)
    _assert_every_warning_is_ours(app)
    for key, kinds in DROPPED_LINKS.items():
        for kind in kinds:
            assert re.search(
                rf"hostile\.bib:\d+: WARNING: bib entry '{key}': {kind} link .* dropped",
                warnings,
            ), (key, kind)
    source = (Path(app.srcdir) / "index.md").read_text(encoding="utf-8").splitlines()
    for directive in (":::{highlight} html2024", ":::{entry} "):  # each :code: drops 5 or more
        line = next(number for number, text in enumerate(source, 1) if text.startswith(directive))
        at = rf"index\.md:(?:{line}|{line + 1}): WARNING: :code: link"  # directive or option line
        assert len(re.findall(at, warnings)) >= 5, directive
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert html_problems(html) == []
    body = page_body(html)
    for key in HOSTILE_KEYS:
        assert f'id="pub-{key}"' in body, key  # every hostile entry is still listed
    # shown as text, escaped
    assert "&lt;script&gt;alert(" in body
    assert "onerror=alert(1)&gt;" in body
    assert "\\input{/etc/passwd}" in body  # option text is shown as written
    hrefs = re.findall(r'href="([^"]*)"', body)
    external = [href for href in hrefs if re.match(r"^[a-zA-Z][\w+.-]*:", href)]
    assert external, "the safe links are kept"
    assert all(href.split(":", 1)[0].lower() in SAFE_SCHEMES for href in external), external
    # quotes in a kept URL stay inside the attribute
    assert 'href="https://example.org/&quot;onmouseover=&quot;alert(' in body


def test_hostile_corpus_text_build(build) -> None:  # type: ignore[no-untyped-def]
    app = build("hostilecorpus", "text")
    _assert_every_warning_is_ours(app)
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Publications" in text
    assert "Protocol-relative URLs" in text and "VBScript URLs" in text
    # titles are shown as written; the dropped links' targets are not shown at all
    for target in ("alert('url')", "alert('pdf')", "msgbox(1)", "/etc/shadow", "evil.example.com"):
        assert target not in text, target


# -- LaTeX and PDF ---------------------------------------------------------------------------------


def test_hostile_corpus_latex_body_has_no_commands(build) -> None:  # type: ignore[no-untyped-def]
    app = build("hostilecorpus", "latex")
    _assert_every_warning_is_ours(app)
    body = _tex_body(app)
    for command in TEX_COMMANDS:
        assert command not in body, command
    # option text is escaped, not dropped
    assert "\\textbackslash{}input\\{/etc/passwd\\}" in body
    assert "\\textbackslash{}write18" in body
    assert "\\textbackslash{}end\\{document\\}" in body
    assert "\\textless{}script\\textgreater{}" in body
    for url in re.findall(r"\\(?:sphinxhref|href|url)\{([^}]*)\}", body):
        scheme = re.match(r"^\s*([a-zA-Z][\w+.-]*):", url)  # none: a relative link
        assert scheme is None or scheme.group(1).lower() in SAFE_SCHEMES, url
    for key in HOSTILE_KEYS:
        assert f"\\label{{\\detokenize{{index:pub-{key}}}}}" in body, key


def test_hostile_corpus_compiles_to_pdf_without_reading_files(build) -> None:  # type: ignore[no-untyped-def]
    require_tools("latexmk", "make")
    app = build("hostilecorpus", "latex")
    outdir = Path(app.outdir)
    result = make_pdf(outdir)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert list(outdir.glob("*.pdf")), "no PDF"
    log = next(outdir.glob("*.log")).read_text(encoding="utf-8", errors="replace")
    assert "(/etc/passwd" not in log and "(/etc/shadow" not in log
    assert not re.search(r"^! ", log, re.MULTILINE), "TeX reported an error"
    written = [path.name for path in Path(app.srcdir).rglob("*") if "PWNED" in path.name]
    assert written == [], written  # \openout / \write18 wrote nothing


# -- a broken bib file next to good ones -----------------------------------------------------------


def test_malformed_bib_files_lose_no_good_entry(build) -> None:  # type: ignore[no-untyped-def]
    app = build("badbibmix")
    warnings = warnings_of(app)
    _assert_every_warning_is_ours(app)
    for location in ("broken_before.bib:10", "broken_before.bib:20", "broken_after.bib:19"):
        assert re.search(rf"{location}: WARNING: bib file problem: .*\[academic\.bib\]", warnings)
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    body = page_body(html)
    for key, (title, tag) in GOOD_KEYS.items():
        anchor = "pub-" + key.replace("_", "-")
        assert f'id="{anchor}"' in body and f'id="{anchor}-2"' in body, key  # in both lists
        title_span = f'<span class="sa-title[^"]*">{re.escape(title)}</span>'
        assert len(re.findall(title_span, body)) == 2, title
        assert f'href="#{anchor}" title="{key}"><span class="sa-pub">{tag}</span>' in body, key
    assert "An Impostor With a Good Key" not in body  # a later duplicate does not replace it
    assert "Readable Before the Break" in body  # what the broken files hold before the break


def test_every_bib_problem_names_its_file_and_line(build) -> None:  # type: ignore[no-untyped-def]
    app = build("badbibmix")
    for record in warning_records(app):
        assert re.match(r"^\S+\.bib:\d+: WARNING: ", record), record


def _add_bib(name: str, data: bytes):  # type: ignore[no-untyped-def]
    def edit(srcdir: Path) -> None:
        (srcdir / name).write_bytes(data)
        conf = srcdir / "conf.py"
        conf.write_text(conf.read_text() + f"bibtex_bibfiles.append({name!r})\n")

    return edit


_NOT_UTF8 = "@article{latin,\n  author = {Müller, Hans},\n  title = {Café},\n  year = {2021},\n}\n"


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_a_bib_file_that_is_not_utf8_is_a_warning(build, encoding: str) -> None:  # type: ignore[no-untyped-def]
    app = build("badbibmix", edit=_add_bib("other.bib", _NOT_UTF8.encode(encoding)))
    assert re.search(r"other\.bib.*\[academic\.bib\]", warnings_of(app))
    body = page_body((app.outdir / "index.html").read_text(encoding="utf-8"))
    for title, _tag in GOOD_KEYS.values():
        assert title in body


# -- unsafe URLs that slip through -----------------------------------------------------------------


def _bad_srcs(html: str) -> list[str]:
    sources = re.findall(r'<img[^>]*\ssrc="([^"]*)"', page_body(html))
    return [src for src in sources if re.match(r"^\s*(?!https?:)[a-zA-Z][\w+.-]*:", src)]


def test_profile_photo_takes_only_safe_urls(build) -> None:  # type: ignore[no-untyped-def]
    app = build("hostileurls")
    html = (app.outdir / "photo.html").read_text(encoding="utf-8")
    assert _bad_srcs(html) == []
    assert len(re.findall(r"photo\.md:\d+: WARNING: .*\[academic\.link\]", warnings_of(app))) == 4


def test_slash_runs_are_not_emitted_as_links(build) -> None:  # type: ignore[no-untyped-def]
    app = build("hostileurls")
    body = page_body((app.outdir / "slashes.html").read_text(encoding="utf-8"))
    hrefs = re.findall(r'href="([^"]*)"', body)
    assert hrefs  # the page has links: the headerlink at least
    as_browser_reads = [href.strip().replace("\\", "/") for href in hrefs]
    assert [href for href in as_browser_reads if href.startswith("//")] == []
