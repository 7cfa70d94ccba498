"""Hostile input cannot hang, crash, blow up, leak files or go stale (issue 11, items 9-18).

The builds that used to hang or eat memory run in a child process with a time limit
and an address-space limit, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import ROOTS, edit_later, make_pdf, require_tools, strip_colors, warnings_of

_BOUNDED_BUILD = """\
import json, resource, sys, time
from pathlib import Path
from sphinx.application import Sphinx

srcdir, outdir, builder = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
overrides = json.loads(sys.argv[4])
start = time.perf_counter()
app = Sphinx(srcdir, srcdir, outdir, outdir / ".doctrees", builder,
             confoverrides=overrides, freshenv=True, status=None, warning=sys.stderr)
app.build()
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@dataclass
class BoundedBuild:
    outdir: Path
    warnings: str
    seconds: float
    megabytes: float


def bounded_build(
    root: str,
    tmp_path: Path,
    builder: str = "html",
    *,
    seconds: int = 60,
    megabytes: int = 2048,
    overrides: dict[str, object] | None = None,
) -> BoundedBuild:
    """Build a copy of test root *root* in a child process limited in time and memory."""
    srcdir = _site(tmp_path, root)
    outdir = tmp_path / "out"
    limit = megabytes << 20

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    try:
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                _BOUNDED_BUILD,
                str(srcdir),
                str(outdir),
                builder,
                json.dumps(overrides or {}),
            ],
            capture_output=True,
            text=True,
            timeout=seconds,
            preexec_fn=cap_memory,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"building test-{root} took more than {seconds} s")
    assert result.returncode == 0, result.stderr[-3000:]
    elapsed, max_rss_kb = result.stdout.split()[-2:]
    return BoundedBuild(outdir, strip_colors(result.stderr), float(elapsed), int(max_rss_kb) / 1024)


def _site(tmp_path: Path, root: str) -> Path:
    """A copy of test root *root* to build and edit."""
    srcdir = tmp_path / root
    shutil.copytree(ROOTS / f"test-{root}", srcdir)
    return srcdir


# -- 9: :filter: regular expressions run in linear time ------------------------------------------


def test_a_backtracking_regex_cannot_hang_the_build(tmp_path: Path) -> None:
    build = bounded_build("hostileregex", tmp_path, seconds=60, megabytes=2048)
    assert build.seconds < 30 and build.megabytes < 1024, build
    html = (build.outdir / "index.html").read_text()
    # the title ends in "!": the first pattern matches nothing, the second finds it once
    lists = html.split('<div class="sa-publications')[1:]
    assert [len(re.findall(r'<li class="sa-publication[ "]', part)) for part in lists] == [
        0,
        1,
        0,
        0,
    ]
    assert "Traceback" not in build.warnings
    assert "index.md:17: WARNING: publications: bad :filter:" in build.warnings
    assert "no backreferences or lookaround" in build.warnings
    assert "index.md:23: WARNING: publications: bad :filter:" in build.warnings
    assert "pattern too large" in build.warnings
    assert build.warnings.count("[academic.filter]") == 2, build.warnings


# -- 10: numbers in options are read by one checked parser ---------------------------------------


@pytest.mark.sphinx("html", testroot="hostileoptions", freshenv=True)
def test_numbers_that_int_rejects_warn_instead_of_crashing(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    warnings = warnings_of(app)
    for line, option, text, fallback in [
        (3, "publications: :max:", "'²'", "ignoring it"),
        (7, "publications: :max:", "'③'", "ignoring it"),
        (15, "publications: :max:", "'99999999999999999999999'", "ignoring it"),
        (19, "highlights: :start:", "'①'", "using 1"),
    ]:
        assert (
            f"index.md:{line}: WARNING: {option} {text} is not a whole number from 0 to "
            f"1,000,000; {fallback} [academic.option]"
        ) in warnings, warnings
    assert warnings.count("WARNING") == 4, warnings
    html = (app.outdir / "index.html").read_text()
    lists = html.split('<div class="sa-publications')[1:]
    assert [len(re.findall(r'<li class="sa-publication[ "]', part)) for part in lists] == [
        2,
        2,
        1,
        2,
    ]
    assert '<ol class="sa-highlight-list" start="1">' in html
    assert '<ol class="sa-highlight-list" start="7">' in html


# -- 11: a highlight outside highlights, and one with a mistyped key ----------------------------

_EVERY_BUILDER = ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo", "xml"]


@pytest.mark.parametrize("builder", _EVERY_BUILDER)
def test_a_lone_highlight_works_in_every_builder(make_app, tmp_path: Path, builder: str) -> None:  # type: ignore[no-untyped-def]
    srcdir = _site(tmp_path, "lonehighlight")
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    warnings = warnings_of(app)
    assert "typo.md:5: WARNING: highlight: unknown bib key 'dense2023' [academic.key]" in warnings
    assert warnings.count("WARNING") == 1, warnings
    output = "\n".join(
        path.read_text(errors="replace")
        for path in Path(app.outdir).rglob("*")
        if path.suffix in {".html", ".xhtml", ".tex", ".txt", ".1", ".texi", ".xml"}
    )
    assert "Sparse Models in Practice" in output
    assert "Sparse models, measured." in output
    if builder == "latex":
        tex = (Path(app.outdir) / "lone.tex").read_text()
        body = tex[tex.index("Sparse Models in Practice") - 400 :]
        assert body.index(r"\begin{sphinxAcademicPublications}") < body.index(r"\item")


def test_fixing_a_highlight_key_in_the_bib_updates_the_page(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    srcdir = _site(tmp_path, "lonehighlight")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert "Dense Models in Practice" not in (Path(app.outdir) / "typo.html").read_text()
    app.cleanup()
    edit_later(srcdir / "refs.bib", "dense2023typo", "dense2023")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "Dense Models in Practice" in (Path(app.outdir) / "typo.html").read_text()
    assert "WARNING" not in warnings_of(app)


# -- 12 + 18: control and bidi characters from a bib ---------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_OUTPUT_SUFFIXES = {".html", ".xhtml", ".xml", ".tex", ".txt", ".1", ".texi", ".js", ".opf", ".ncx"}


def _outputs(outdir: Path) -> dict[str, str]:
    return {
        path.relative_to(outdir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*"))
        if path.suffix in _OUTPUT_SUFFIXES and ".doctrees" not in path.parts
    }


@pytest.mark.parametrize("builder", _EVERY_BUILDER)
def test_control_and_bidi_characters_from_a_bib_are_made_safe(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path, builder: str
) -> None:
    srcdir = _site(tmp_path, "controlchars")
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    warnings = warnings_of(app)
    assert (
        "refs.bib:24: WARNING: bib entry key 'k\\x1bey2021' holds control characters; "
        "it is read as 'key2021' [academic.bib]"
    ) in warnings
    # a message quoting the bib is cleaned too: no ESC reaches the terminal or the log
    assert "refs.bib:30: WARNING: bib file problem: repeated bibliography entry: key2021" in (
        warnings
    )
    assert not _CONTROL.search(warnings), warnings
    outputs = _outputs(Path(app.outdir))
    everything = "\n".join(outputs.values())
    for name, text in outputs.items():
        assert not _CONTROL.search(text), (name, _CONTROL.findall(text))
    shown = "Terminal [31mRed[0m Text with a NUL and a Bell"
    assert (shown.replace("[", "{[}") if builder == "latex" else shown) in everything
    assert "A Key with an Escape" in everything
    if builder == "latex":
        assert not _BIDI.search(everything)  # pdflatex stops at them
        assert "Invoice gpj.exe" in everything
    else:
        # the override reverses its own field at most: closed, and the field isolated
        assert "\u2068Invoice \u202egpj.exe\u202c\u2069" in everything
        # sphinxcontrib-bibtex's own list reads the same cleaned data (its style lowercases)
        assert "invoice \u202egpj.exe\u202c\u2069" in outputs[_page(builder, "theirs")].lower()
        assert "Stray closers stay harmless" in everything
    for name, text in outputs.items():
        if name.endswith((".xml", ".xhtml", ".opf", ".ncx")):
            ElementTree.fromstring(text.encode("utf-8"))  # well-formed


def _page(builder: str, page: str) -> str:
    return {
        "html": f"{page}.html",
        "dirhtml": f"{page}/index.html",
        "singlehtml": "index.html",
        "epub": f"{page}.xhtml",
        "text": f"{page}.txt",
        "man": "controls.1",
        "texinfo": "controls.texi",
        "xml": f"{page}.xml",
    }[builder]


@pytest.mark.parametrize("root", ["lonehighlight", "controlchars"])
def test_lone_highlights_and_bidi_controls_compile_to_pdf(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path, root: str
) -> None:
    require_tools("latexmk", "pdflatex")
    app = make_app("latex", srcdir=_site(tmp_path, root), freshenv=True)
    app.build()
    result = make_pdf(app.outdir)  # pdflatex stopped at U+202E; LaTeX said "Lonely \\item"
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Lonely" not in result.stdout


# -- 13: settings of the wrong type ----------------------------------------------------------------

_ENCODING = "bibtex_encoding {!r} is not a text encoding Python knows; using 'utf-8-sig'"


@pytest.mark.parametrize(
    ("overrides", "warning"),
    [
        ({"bibtex_encoding": None}, _ENCODING.format(None)),
        ({"bibtex_encoding": 5}, _ENCODING.format(5)),
        ({"bibtex_encoding": "invalid"}, _ENCODING.format("invalid")),
        ({"bibtex_encoding": "rot13"}, _ENCODING.format("rot13")),
        (
            {"bibtex_bibfiles": ["refs.bib", None]},
            "bibtex_bibfiles: None is not a file name; ignored",
        ),
        ({"bibtex_bibfiles": ("refs.bib", 5)}, "bibtex_bibfiles: 5 is not a file name; ignored"),
        ({"bibtex_bibfiles": "refs.bib"}, None),
        (
            {"academic_acceptance": None},
            "academic_acceptance must be True or False, not None; using True",
        ),
    ],
)
def test_settings_of_the_wrong_type_warn_and_use_a_default(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path, overrides: dict[str, object], warning: str | None
) -> None:
    srcdir = _site(tmp_path, "badconfig")
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides=overrides)
    app.build()
    ours = [line for line in warnings_of(app).splitlines() if "[academic" in line]
    assert ours == ([f"WARNING: {warning} [academic.config]"] if warning else []), ours
    assert "A Plain ASCII Entry." in (Path(app.outdir) / "index.html").read_text()


def test_a_bib_file_that_only_looks_like_utf16_is_set_aside(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path
) -> None:
    srcdir = _site(tmp_path, "badconfig")
    # an even number of ASCII bytes decodes as UTF-16 in memory; pybtex's stream wants a BOM
    assert len((srcdir / "refs.bib").read_bytes()) % 2 == 0
    app = make_app(
        "html", srcdir=srcdir, freshenv=True, confoverrides={"bibtex_encoding": "utf-16"}
    )
    app.build()
    warnings = warnings_of(app)
    assert (
        "refs.bib:1: WARNING: bib file refs.bib is not in utf-16 (bibtex_encoding); "
        "its entries are left out [academic.bib]"
    ) in warnings
    assert "index.md:3: WARNING: publications: no bib entries" in warnings


# -- 14: venue tables, formats and stated figures that would blow up ----------------------------


def test_yaml_aliases_are_refused_before_they_expand(tmp_path: Path) -> None:
    build = bounded_build("yamlbomb", tmp_path, seconds=60, megabytes=2048)
    assert build.seconds < 30 and build.megabytes < 1024, build
    assert len(build.warnings) < 10_000  # was 2 GB of warnings
    for table in ("bomb", "yearbomb"):
        assert (
            f"{table}.yaml:2: WARNING: venue table: YAML aliases (*a) are not allowed in a "
            "venue table; file skipped [academic.venue]"
        ) in build.warnings, build.warnings
    html = (build.outdir / "index.html").read_text()
    # the table without aliases is still read
    assert html.count("(acceptance rate~25.0% [30/120])") == 2  # the entry and the role


def test_stated_rates_outside_0_to_100_percent_are_refused(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path
) -> None:
    srcdir = _site(tmp_path, "yamlbomb")
    (srcdir / "conf.py").write_text(
        (srcdir / "conf.py").read_text().replace('"bomb.yaml", "yearbomb.yaml", ', "")
    )
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    warnings = warnings_of(app)
    for line, text in [
        (9, "bib entry 'over2024': acceptance '150%' is not a percentage above 0 and at most 100"),
        (17, "bib entry 'inverted2024': acceptance '120/100' is not accepted/submitted"),
        (
            25,
            "bib entry 'zero2024': acceptance_rate '0' is not a percentage above 0 and at "
            "most 100, such as 24.5",
        ),
    ]:
        assert f"refs.bib:{line}: WARNING: {text} [academic.entry]" in warnings, warnings
    html = (app.outdir / "index.html").read_text()
    assert html.count("acceptance rate") == 2  # the table's figure: entry and role
    for key in ("over2024", "inverted2024", "zero2024"):
        entry = re.search(rf'id="pub-{key}"[^>]*>(.*?)</li>', html, re.DOTALL)
        assert entry is not None and "sa-acceptance" not in entry.group(1), key


def test_a_huge_format_width_is_refused(tmp_path: Path) -> None:
    build = bounded_build(
        "yamlbomb",
        tmp_path,
        seconds=60,
        megabytes=2048,
        overrides={"academic_acceptance_format": "{rate:>2147483647}"},
    )
    assert build.seconds < 30 and build.megabytes < 1024, build
    assert (
        "WARNING: academic_acceptance_format has a width over 40 in {rate:>2147483647}; "
        "using the default [academic.config]"
    ) in build.warnings
    html = (build.outdir / "index.html").read_text()
    assert html.count("(acceptance rate~25.0% [30/120])") == 2


# -- 16: local paths stay inside the source folder -------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_a_photo_outside_the_source_folder_is_not_published(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path, builder: str
) -> None:
    srcdir = _site(tmp_path, "photopath")
    secret = tmp_path / "secret.svg"
    secret.write_text((srcdir / "photo.svg").read_text().replace("<svg", "<!-- SECRET --><svg"))
    (srcdir / "linked.svg").symlink_to(secret)  # inside by name, outside once resolved
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    warnings = warnings_of(app)
    for line, path in [(3, "../../../../../../../../proc/self/environ"), (7, "linked.svg")]:
        assert (
            f"index.md:{line}: WARNING: profile: :photo: {path!r} dropped: a local file must "
            "be inside the source folder [academic.link]"
        ) in warnings, warnings
    assert warnings.count("WARNING") == 2, warnings
    published = [path for path in Path(app.outdir).rglob("*") if path.is_file()]
    images = sorted(path.name for path in published if path.suffix in {".svg", ".png", ""})
    assert "photo.svg" in images and "environ" not in images and "linked.svg" not in images
    for path in published:
        assert b"SECRET" not in path.read_bytes(), path
        assert b"PATH=" not in path.read_bytes(), path


# -- 17: dependencies of roles, and static files before pages -------------------------------------


def test_pages_with_only_table_roles_follow_the_venue_table(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path
) -> None:
    srcdir = _site(tmp_path, "venuesrole")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert warnings_of(app) == ""
    assert '<span class="sa-venues">SoT24/25</span>' in (app.outdir / "index.html").read_text()
    assert "(acceptance rate~25.0% [30/120])" in (app.outdir / "rates.html").read_text()
    app.cleanup()
    edit_later(srcdir / "venues.yaml", "SoT:", "SOTH:")
    edit_later(srcdir / "venues.yaml", "accepted: 30", "accepted: 60")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "2 changed" in strip_colors(app.status.getvalue())
    assert '<span class="sa-venues">SOTH24/25</span>' in (app.outdir / "index.html").read_text()
    assert "(acceptance rate~50.0% [60/120])" in (app.outdir / "rates.html").read_text()


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_two_fresh_builds_into_one_folder_are_identical(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path, builder: str
) -> None:
    srcdir = _site(tmp_path, "venuesrole")
    builds = []
    for _ in range(2):
        app = make_app(builder, srcdir=srcdir, freshenv=True)
        app.build()
        builds.append(
            {
                path.relative_to(app.outdir).as_posix(): path.read_bytes()
                for path in sorted(Path(app.outdir).rglob("*"))
                if path.is_file()
            }
        )
        app.cleanup()
    first, second = builds
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    if builder == "html":
        assert b"sphinx-academic.css?v=" in first["index.html"]
    else:
        assert "sphinx-academic.sty" in first
