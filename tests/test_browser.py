"""Render the test CV in a real browser, in every supported theme, and check what people see.

For each theme x viewport width x colour scheme the page must not scroll sideways
(nor put any ``sa-`` element past the right edge), and every visible piece of text in
our blocks must meet WCAG AA contrast against the background it is drawn on. A
full-page screenshot of each combination is saved for people to look at (in
``$SA_ARTIFACTS`` or ``test-artifacts/browser/``).

Needs Playwright (the Python package) and Debian's Chromium at /usr/bin/chromium (no
browser download). Without them the module is skipped, except under CI, where it fails.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import warnings_of

CHROMIUM = Path(os.environ.get("SA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    _missing = "the playwright package is not installed"
else:
    _missing = "" if CHROMIUM.is_file() else f"no Chromium at {CHROMIUM}"
if _missing:  # pragma: no cover - depends on the machine
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run under CI: {_missing}", pytrace=False)
    pytest.skip(_missing, allow_module_level=True)

ROOT = "cv"
THEMES = ("alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme", "sphinx_rtd_theme")
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")
#: How each theme is put in dark mode besides prefers-color-scheme; the others have none
#: and are checked in dark emulation only to show that our styles do not darken them.
DARK_SWITCH = {
    "furo": "document.body.dataset.theme = 'dark'",
    "pydata_sphinx_theme": "document.documentElement.dataset.theme = 'dark'",
    "sphinx_book_theme": "document.documentElement.dataset.theme = 'dark'",
}
BLOCKS = ".sa-profile, .sa-highlights, .sa-timeline, .sa-publications"
ARTIFACTS = Path(
    os.environ.get("SA_ARTIFACTS")
    or Path(__file__).resolve().parent.parent / "test-artifacts" / "browser"
)

# Waits for style changes to settle: transitions started by the theme switch must end
# before colours are read, or the test sees a colour half-way between light and dark.
SETTLE_JS = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
}"""

OVERFLOW_JS = """() => {
  const root = document.documentElement;
  const edge = root.clientWidth;
  const offenders = [];
  for (const el of document.querySelectorAll("[class*='sa-']")) {
    if (![...el.classList].some((name) => name.startsWith("sa-"))) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > edge + 1 || box.left < -1) {
      offenders.push({
        element: el.tagName.toLowerCase() + "." + [...el.classList].join("."),
        left: Math.round(box.left),
        right: Math.round(box.right),
        text: (el.textContent || "").trim().slice(0, 60),
      });
    }
  }
  return {scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, edge, offenders};
}"""

# WCAG 2.x contrast of every visible element that holds text of its own, against its
# effective background: the element's and its ancestors' background colours, composited
# from the first opaque one (or the white canvas) up. Colours are read through a canvas,
# so any CSS colour syntax the browser returns (rgb, color(), oklch, ...) works.
CONTRAST_JS = """(selector) => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", {willReadFrequently: true});
  const cache = new Map();
  const rgba = (value) => {
    if (!cache.has(value)) {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = "rgba(0, 0, 0, 0)";
      ctx.fillStyle = value;
      ctx.fillRect(0, 0, 1, 1);
      const d = ctx.getImageData(0, 0, 1, 1).data;
      cache.set(value, [d[0], d[1], d[2], d[3] / 255]);
    }
    return cache.get(value);
  };
  const over = (top, base) => [0, 1, 2].map((i) => top[i] * top[3] + base[i] * (1 - top[3]))
    .concat([1]);
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    let base = [255, 255, 255, 1];
    for (const layer of layers.reverse()) base = over(layer, base);
    return base;
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (c) => "#" + c.slice(0, 3).map((v) => Math.round(v).toString(16)
    .padStart(2, "0")).join("");
  const results = [];
  const roots = [...document.querySelectorAll(selector)];
  const elements = new Set(roots);
  for (const root of roots) for (const el of root.querySelectorAll("*")) elements.add(el);
  for (const el of elements) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.data.trim());
    if (!own.length) continue;
    // syntax-highlighting tokens take the colours of the pygments_style, not ours
    if (el.tagName !== "PRE" && el.closest("pre")) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) continue;
    const style = getComputedStyle(el);
    const bg = background(el);
    const fg = over(rgba(style.color), bg);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight, 10) >= 700);
    results.push({
      element: el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
        ? "." + el.className.trim().split(/\\s+/).join(".") : ""),
      text: own.map((n) => n.data).join(" ").trim().replace(/\\s+/g, " ").slice(0, 40),
      color: hex(fg),
      background: hex(bg),
      ratio: Math.round(ratio(fg, bg) * 100) / 100,
      required: large ? 3.0 : 4.5,
    });
  }
  const page = background(document.body);
  return {results, pageLuminance: luminance(page), blocks: roots.length};
}"""


# The page's hierarchy: the profile name's font size and every visible heading's, and the
# left edge of the text column of every timeline, skills list and publication list.
HIERARCHY_JS = """() => {
  const visible = (el) => el.checkVisibility() && el.getBoundingClientRect().width > 1;
  const size = (el) => parseFloat(getComputedStyle(el).fontSize);
  const name = document.querySelector(".sa-profile-name");
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6, .rubric")]
    .filter(visible).map((el) => ({text: el.textContent.trim().slice(0, 40), size: size(el)}));
  const contentLeft = (el) => {
    const style = getComputedStyle(el);
    return el.getBoundingClientRect().left + parseFloat(style.paddingLeft)
      + parseFloat(style.borderLeftWidth);
  };
  const edges = [];
  const columns = ".sa-timeline-entry > .sa-entry-body, .sa-skills > dd, "
    + ".sa-publication > .sa-entry-main";
  for (const el of document.querySelectorAll(columns)) {
    if (!visible(el)) continue;
    edges.push({element: el.className || el.tagName, left: Math.round(contentLeft(el))});
  }
  return {name: name ? size(name) : 0, headings, edges};
}"""


def _cases() -> Iterator[Any]:
    for theme in THEMES:
        for width in WIDTHS:
            for scheme in SCHEMES:
                yield pytest.param(theme, width, scheme, id=f"{theme}-{width}-{scheme}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    """Theme -> its built index.html (or the build's failure), filled by ``site``."""
    return {"_dir": tmp_path_factory.mktemp("browser-sites")}


@pytest.fixture
def site(make_app, rootdir: Path, built_sites: dict[str, Any]):  # type: ignore[no-untyped-def]
    """Build the CV once per theme (the first test of a theme builds, the rest reuse it)."""

    def build(theme: str) -> Path:
        if theme not in built_sites:
            srcdir = built_sites["_dir"] / theme
            shutil.copytree(rootdir / f"test-{ROOT}", srcdir)
            app = make_app(
                "html", srcdir=srcdir, freshenv=True, confoverrides={"html_theme": theme}
            )
            app.build()
            ours = [line for line in warnings_of(app).splitlines() if "academic" in line]
            built_sites[theme] = (
                f"the build warned: {ours}" if ours else Path(app.outdir) / "index.html"
            )
            app.cleanup()  # one app at a time: each registers docutils nodes globally
        result = built_sites[theme]
        if isinstance(result, str):
            pytest.fail(f"{theme}: {result}")
        return result

    return build


def _open(browser: Browser, index: Path, theme: str, width: int, scheme: str) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.goto(index.as_uri(), wait_until="load")
    if scheme == "dark" and theme in DARK_SWITCH:
        page.evaluate(f"() => {{ {DARK_SWITCH[theme]}; }}")
    # the first entry's Abstract and BibTeX open, so their panels are checked too
    page.evaluate(
        "() => document.querySelectorAll('.sa-publication:first-child details.sa-toggle')"
        ".forEach((toggle) => { toggle.open = true; })"
    )
    page.evaluate(SETTLE_JS)
    return page


def _worst(rows: list[dict[str, Any]], limit: int = 8) -> str:
    rows = sorted(rows, key=lambda row: row["ratio"] / row["required"])[:limit]
    return "\n".join(
        f"  {row['ratio']:.2f} < {row['required']} {row['element']} {row['color']} on "
        f"{row['background']}: {row['text']!r}"
        for row in rows
    )


@pytest.mark.filterwarnings("ignore:.*HandleFootnoteTransform.app' is deprecated")
@pytest.mark.parametrize(("theme", "width", "scheme"), list(_cases()))
def test_cv_in_the_browser(site, browser: Browser, theme: str, width: int, scheme: str) -> None:  # type: ignore[no-untyped-def]
    index = site(theme)
    page = _open(browser, index, theme, width, scheme)
    try:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{theme}-{width}-{scheme}.png"), full_page=True)
        layout = page.evaluate(OVERFLOW_JS)
        colours = page.evaluate(CONTRAST_JS, BLOCKS)
        hierarchy = page.evaluate(HIERARCHY_JS)
    finally:
        page.close()
    problems: list[str] = []

    if colours["blocks"] < 4:
        problems.append(f"expected the four CV blocks, found {colours['blocks']}")
    if scheme == "dark" and theme in DARK_SWITCH and colours["pageLuminance"] > 0.2:
        problems.append("the theme did not switch to dark mode; the check would prove nothing")

    # (a) nothing wider than the viewport
    if layout["scrollWidth"] > layout["innerWidth"] + 1:
        problems.append(
            f"page scrolls sideways: scrollWidth {layout['scrollWidth']} > "
            f"innerWidth {layout['innerWidth']}"
        )
    for row in layout["offenders"][:8]:
        problems.append(
            f"{row['element']} spans x={row['left']}..{row['right']} beyond the viewport "
            f"(0..{layout['edge']}): {row['text']!r}"
        )

    # (b) readable text
    low = [row for row in colours["results"] if row["ratio"] < row["required"]]
    if not colours["results"]:
        problems.append("no visible text found in the CV blocks")
    if low:
        problems.append(f"{len(low)} text elements below WCAG AA contrast:\n{_worst(low)}")

    # (c) the name is the largest text; all sections share one left edge
    larger = [h for h in hierarchy["headings"] if h["size"] >= hierarchy["name"]]
    if not hierarchy["name"] or larger:
        problems.append(f"name at {hierarchy['name']}px is not above every heading: {larger}")
    lefts = sorted({edge["left"] for edge in hierarchy["edges"]})
    if len(hierarchy["edges"]) < 3 or lefts[-1] - lefts[0] > 2:
        problems.append(f"the sections' text starts at different x: {hierarchy['edges'][:12]}")

    if problems:
        pytest.fail(f"{theme} at {width}px, {scheme}:\n" + "\n".join(problems), pytrace=False)


EXAMPLE_SITE = Path(__file__).resolve().parent.parent / "example_site"


@pytest.fixture(scope="module")
def example_pdf_pages(tmp_path_factory: pytest.TempPathFactory) -> int:
    """The page count of the example CV's PDF (LaTeX), built once for the module."""
    from conftest import make_pdf, require_tools
    from pypdf import PdfReader
    from sphinx.testing.util import SphinxTestApp

    require_tools("latexmk", "make")
    srcdir = tmp_path_factory.mktemp("example-pdf") / "src"
    shutil.copytree(EXAMPLE_SITE, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = SphinxTestApp("latex", srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    result = make_pdf(app.outdir)
    assert result.returncode == 0, result.stdout[-2000:]
    return len(PdfReader(str(Path(app.outdir) / "cv.pdf")).pages)


@pytest.mark.filterwarnings("ignore:.*HandleFootnoteTransform.app' is deprecated")
@pytest.mark.parametrize("theme", THEMES)
def test_example_cv_prints_compactly(
    make_app, tmp_path: Path, browser: Browser, example_pdf_pages: int, theme: str
) -> None:  # type: ignore[no-untyped-def]
    """The example CV printed from the browser takes at most one page more than its PDF."""
    from pypdf import PdfReader

    srcdir = tmp_path / "example"
    shutil.copytree(EXAMPLE_SITE, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides={"html_theme": theme})
    app.build()
    app.cleanup()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto((Path(app.outdir) / "index.html").as_uri(), wait_until="load")
        page.emulate_media(media="print")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        printed = ARTIFACTS / f"example-print-{theme}.pdf"
        page.pdf(path=str(printed), format="A4", margin={"top": "1.5cm", "bottom": "1.5cm"})
        visible_chrome = page.evaluate(
            """() => [...document.querySelectorAll('.sa-actions, .sa-screen-only, .headerlink')]
                .filter((el) => el.checkVisibility({visibilityProperty: true,
                                                    opacityProperty: true})).length"""
        )
    finally:
        page.close()
    pages = len(PdfReader(str(printed)).pages)
    assert visible_chrome == 0
    assert pages <= example_pdf_pages + 1, (
        f"{theme}: the browser prints {pages} pages, the PDF has {example_pdf_pages}"
    )
