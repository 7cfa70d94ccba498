"""Builds are reproducible: byte-identical twice over, the same with ``-j 2``, and minimal on edits.

What differs between two fresh builds of the same site, found by building the test roots
twice with different ``PYTHONHASHSEED``: only ``doctrees/environment.pickle`` (pickled sets,
not output). Sphinx's ``.buildinfo`` holds configuration hashes, not times, and
``searchindex.js`` is sorted, so every output file is compared. The one time in the output
is the LaTeX ``\\date{...}`` (today's date), pinned here with ``SOURCE_DATE_EPOCH`` (which
Sphinx also applies to the copyright year, so it must be the same for both builds).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import edit_later, strip_colors, warnings_of
from sphinx.testing.util import SphinxTestApp

#: 2026-01-01: Sphinx reads it for the LaTeX date and the copyright year.
SOURCE_DATE_EPOCH = "1767225600"
_BUILD = """\
import sys
from pathlib import Path
from sphinx.application import Sphinx

srcdir = Path(sys.argv[1])
for builder in sys.argv[2:]:
    out = srcdir / "_build"
    app = Sphinx(srcdir, srcdir, out / builder, out / "doctrees", builder,
                 freshenv=True, status=None, warning=sys.stderr)
    app.build()
"""


def _build_in_a_new_process(srcdir: Path, hash_seed: int, builders: list[str]) -> None:
    """A fresh build in its own interpreter, so set and dict orders follow *hash_seed*."""
    env = {**os.environ, "PYTHONHASHSEED": str(hash_seed), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    result = subprocess.run(
        [sys.executable, "-c", _BUILD, str(srcdir), *builders],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]


def _files(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("root", ["publications", "cvdirectives"])
def test_two_fresh_builds_are_byte_identical(root: str, rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / root
    shutil.copytree(rootdir / f"test-{root}", srcdir)
    builders = ["html", "latex"]
    outputs = []
    for hash_seed in (1, 2):
        _build_in_a_new_process(srcdir, hash_seed, builders)
        outputs.append({builder: _files(srcdir / "_build" / builder) for builder in builders})
        shutil.rmtree(srcdir / "_build")  # the next build is fresh too, to the same paths
    first, second = outputs
    for builder in builders:
        assert sorted(first[builder]) == sorted(second[builder]), builder
        differing = [name for name, data in first[builder].items() if second[builder][name] != data]
        assert differing == [], f"{builder}: {differing}"
    assert "index.html" in first["html"]
    assert any(name.endswith(".tex") for name in first["latex"])
    assert "sphinx-academic.sty" in first["latex"]


# -- -j 2 ------------------------------------------------------------------------------------------

_KEY = re.compile(r"^@\w+\{([^,\s]+),", re.MULTILINE)


def _add_pages(srcdir: Path) -> None:
    """Orphan pages linking to every entry, each listing one: reading really is split."""
    keys = _KEY.findall((srcdir / "refs.bib").read_text(encoding="utf-8"))
    roles = ", ".join(f"{{pub}}`{key}`" for key in keys)
    for number, key in enumerate(keys, 1):
        page = f"---\norphan: true\n---\n\n# Extra {number}\n\nLinks: {roles}.\n\n"
        page += f":::{{publications}}\n:keys: {key}\n:::\n"
        (srcdir / f"extra{number}.md").write_text(page, encoding="utf-8")


@pytest.mark.parametrize("root", ["publications", "cvdirectives"])
def test_parallel_html_equals_serial_html(
    root: str, make_app, rootdir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pages: dict[int, dict[str, bytes]] = {}
    previous: SphinxTestApp | None = None
    for parallel in (1, 2):
        if previous is not None:
            previous.cleanup()
        srcdir = tmp_path / f"{root}-j{parallel}"
        shutil.copytree(rootdir / f"test-{root}", srcdir)
        _add_pages(srcdir)
        app = make_app("html", srcdir=srcdir, freshenv=True, parallel=parallel)
        app.build()
        previous = app
        if parallel == 2:  # chunks of pages were read in separate processes
            assert app.parallel == 2 and app.is_parallel_allowed("read")
        pages[parallel] = {
            name: data for name, data in _files(Path(app.outdir)).items() if name.endswith(".html")
        }
    assert len(pages[1]) >= 4
    assert sorted(pages[1]) == sorted(pages[2])
    assert [name for name, data in pages[1].items() if pages[2][name] != data] == []


def test_parallel_build_reports_each_entry_once(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    srcdir = tmp_path / "once"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_academic"]\nbibtex_bibfiles = ["refs.bib"]\n'
    )
    (srcdir / "refs.bib").write_text(
        "@article{noyear,\n  author = {Doe, Jane},\n  title = {No Year},\n  journal = {J},\n}\n"
    )
    pages = ["a", "b", "c", "d"]
    (srcdir / "index.md").write_text(
        "# Index\n\n{pub}`noyear`\n\n```{toctree}\n" + "\n".join(pages) + "\n```\n"
    )
    for page in pages:
        (srcdir / f"{page}.md").write_text(f"# {page}\n\n{{pub}}`noyear`\n")
    app = make_app("html", srcdir=srcdir, freshenv=True, parallel=2)
    app.build()
    assert warnings_of(app).count("bib entry 'noyear': no year") == 1


# -- rebuilds after an edit ------------------------------------------------------------------------


@pytest.fixture
def rebuild(rebuildable):  # type: ignore[no-untyped-def]
    """``tests/roots/test-rebuild`` in a temporary directory; each build reuses the environment."""
    return rebuildable("rebuild")


def _docs(app: SphinxTestApp, phase: str) -> set[str]:
    """The documents a build read (``reading sources``) or wrote (``writing output``)."""
    status = strip_colors(app.status.getvalue())
    return set(re.findall(rf"{phase}\.\.\. \[\s*\d+%\] (\S+)", status))


def _page(app: SphinxTestApp, name: str) -> str:
    return (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")


BIB_PAGES = {"list", "roles", "cv"}  # a publication list; pub roles; highlights + timeline :pubs:


def test_editing_the_bib_rereads_every_page_showing_it_and_no_other(rebuild) -> None:  # type: ignore[no-untyped-def]
    srcdir, build = rebuild
    first = build()
    assert _docs(first, "reading sources") == BIB_PAGES | {"index", "plain"}
    assert "ICLR23" in _page(first, "roles")
    edit_later(srcdir / "refs.bib", "A Main Track Paper", "A Renamed Paper")
    edit_later(srcdir / "refs.bib", "year      = {2023}", "year      = {2021}")
    app = build()
    status = strip_colors(app.status.getvalue())
    assert "0 added, 3 changed, 0 removed" in status
    assert _docs(app, "reading sources") == BIB_PAGES
    assert _docs(app, "writing output") >= BIB_PAGES
    assert "plain" not in _docs(app, "writing output")
    listing = _page(app, "list")
    assert "A Renamed Paper" in listing and "A Main Track Paper" not in listing
    assert "ICLR21" in _page(app, "roles") and "ICLR23" not in _page(app, "roles")
    cv = _page(app, "cv")
    assert "A Renamed Paper" in cv and "A Main Track Paper" not in cv  # the highlight
    assert "ICLR21" in cv and "ICLR23" not in cv  # the timeline's :pubs:
    assert warnings_of(app) == ""


def test_editing_a_venue_table_rereads_every_page_showing_it_and_no_other(rebuild) -> None:  # type: ignore[no-untyped-def]
    srcdir, build = rebuild
    first = build()
    assert "(acceptance rate~25.0% [12/48])" in _page(first, "list")
    assert "LabThings22" in _page(first, "roles")
    edit_later(srcdir / "venues.yaml", "LabThings:", "LabStuff:")
    edit_later(srcdir / "venues.yaml", "accepted: 12", "accepted: 24")
    app = build()
    assert "0 added, 3 changed, 0 removed" in strip_colors(app.status.getvalue())
    assert _docs(app, "reading sources") == BIB_PAGES
    assert "plain" not in _docs(app, "writing output")
    listing = _page(app, "list")
    assert "(acceptance rate~50.0% [24/48])" in listing and "[12/48]" not in listing
    assert "(LabStuff)" in listing
    assert "LabStuff22" in _page(app, "roles") and "LabThings22" not in _page(app, "roles")
    cv = _page(app, "cv")
    assert "LabStuff22" in cv and "LabThings22" not in cv
    assert warnings_of(app) == ""
