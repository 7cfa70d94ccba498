"""User venue tables, and rebuilds after the bib or a venue table changes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import edit_later, strip_colors, warnings_of


@pytest.fixture
def site(rebuildable):  # type: ignore[no-untyped-def]
    return rebuildable("venues")


def _counts(status: str) -> tuple[int, int, int]:
    """The (added, changed, removed) counts of the last read in a build's status output."""
    found = re.findall(r"\b(\d+) added, (\d+) changed, (\d+) removed\b", strip_colors(status))
    assert found, status
    added, changed, removed = found[-1]
    return int(added), int(changed), int(removed)


def test_user_tables_are_merged_over_the_bundled_one(site) -> None:  # type: ignore[no-untyped-def]
    _srcdir, build = site
    app = build()
    assert warnings_of(app) == ""
    html = (app.outdir / "index.html").read_text()
    assert "(acceptance rate~25.0% [12/48])" in html  # a venue only the YAML knows
    assert 'title="Source: LabThings 2022 front matter"' in html
    assert "(acceptance rate~30.0% [1,500/5,000])" in html  # the CSV wins over the bundled row
    assert html.count("acceptance rate") == 2  # the NeurIPS workshop has none
    other = (app.outdir / "other.html").read_text()
    assert "LabThings22" in other and "ICLR23" in other


def test_editing_the_bib_rebuilds_every_page_showing_the_entry(site) -> None:  # type: ignore[no-untyped-def]
    srcdir, build = site
    build()
    edit_later(srcdir / "refs.bib", "Symposium on Lab Things", "Lab Things Symposium")
    edit_later(srcdir / "refs.bib", "A Main Track Paper", "A Renamed Paper")
    edit_later(srcdir / "refs.bib", "year      = {2023}", "year      = {2021}")
    app = build()
    status = app.status.getvalue()
    assert _counts(status) == (0, 2, 0)  # index and other were re-read
    html = (app.outdir / "index.html").read_text()
    assert "A Renamed Paper" in html and "A Main Track Paper" not in html
    assert "Lab Things Symposium" in html
    other = (app.outdir / "other.html").read_text()
    assert "ICLR21" in other and "ICLR23" not in other


def test_editing_a_venue_table_rebuilds_pages_using_it(site) -> None:  # type: ignore[no-untyped-def]
    srcdir, build = site
    build()
    edit_later(srcdir / "venues.yaml", "accepted: 12", "accepted: 24")
    app = build()
    assert "(acceptance rate~50.0% [24/48])" in (app.outdir / "index.html").read_text()


def test_a_no_op_rebuild_reads_nothing(site) -> None:  # type: ignore[no-untyped-def]
    _srcdir, build = site
    build()
    app = build()
    assert _counts(app.status.getvalue()) == (0, 0, 0)


def test_pages_linking_into_a_changed_list_are_rewritten(site) -> None:  # type: ignore[no-untyped-def]
    srcdir, build = site
    build()
    edit_later(srcdir / "index.md", ":::{publications}\n", ":::{publications}\n:keys: doe2022lab\n")
    app = build()
    status = app.status.getvalue()
    assert _counts(status) == (0, 1, 0)
    assert "other" in status.split("writing output", 1)[1]
    other = (app.outdir / "other.html").read_text()
    assert 'href="index.html#pub-doe2022lab"' in other
    assert 'href="index.html#pub-doe2023iclr"' not in other  # no longer shown anywhere
    assert "ICLR23" in other


def test_rebuild_refreshes_the_shipped_css(site) -> None:  # type: ignore[no-untyped-def]
    _srcdir, build = site
    app = build()
    css = app.outdir / "_static" / "sphinx-academic.css"
    css.write_text("/* left by an older version */")
    app = build()
    assert "--sa-accent" in css.read_text()
    assert warnings_of(app) == ""


@pytest.mark.parametrize("root", ["venues", "hostile"])
def test_lists_are_written_from_a_compact_doctree(
    make_app, rootdir: Path, tmp_path: Path, root: str
) -> None:  # type: ignore[no-untyped-def]
    """The pickled doctree keeps one empty item per entry; writing fills it in.

    ``-a`` writes every page again from the pickled doctrees without reading any:
    the pages come out the same, and entry problems are not reported a second time.
    """
    from docutils import nodes

    from sphinx_academic.render.nodes import publication_item

    srcdir = tmp_path / root
    shutil.copytree(rootdir / f"test-{root}", srcdir)
    first = make_app("html", srcdir=srcdir)
    first.build()
    pages = {path.name: path.read_text() for path in first.outdir.glob("*.html")}
    items = list(first.env.get_doctree("index").findall(publication_item))
    assert items and all(not item.children for item in items)
    assert not any(isinstance(node, nodes.Text) for item in items for node in item.findall())
    first_warnings = warnings_of(first)
    first.cleanup()

    second = make_app("html", srcdir=srcdir)
    second.build(force_all=True)
    status = strip_colors(second.status.getvalue())
    assert _counts(status) == (0, 0, 0)
    for name, html in pages.items():
        assert (second.outdir / name).read_text() == html, name
    if root == "hostile":
        assert "bib entry" in first_warnings
    assert "bib entry" not in warnings_of(second)
