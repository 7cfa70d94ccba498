"""Make the documentation's pictures of a finished CV: example_site as HTML and as PDF.

    python tools/screenshots.py

Builds example_site to a temporary folder, photographs the top of the web page in
Chromium (Debian's /usr/bin/chromium through Playwright, as tests/test_browser.py does)
and renders the PDF's first page with pdftoppm. Writes docs/_static/cv-html.png and
docs/_static/cv-pdf.png.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "example_site"
STATIC = ROOT / "docs" / "_static"
CHROMIUM = os.environ.get("SA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
#: The part of the web page shown: a window as tall, for its width, as an A4 page.
VIEWPORT = {"width": 1000, "height": 1414}
#: pdftoppm's resolution for the PDF page (A4 at 72 dpi is 595 x 842 pixels).
PDF_DPI = 90


def build(out: Path) -> tuple[Path, Path]:
    """example_site's HTML front page and PDF, built quietly into *out*."""
    sphinx = [sys.executable, "-m", "sphinx"]
    subprocess.run([*sphinx, "-q", "-b", "html", str(SITE), str(out / "html")], check=True)
    subprocess.run([*sphinx, "-M", "latexpdf", str(SITE), str(out), "-q"], check=True)
    return out / "html" / "index.html", out / "latex" / "cv.pdf"


def photograph(page: Path, target: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport=VIEWPORT)
        tab.emulate_media(color_scheme="light")
        tab.goto(page.as_uri())
        tab.wait_for_load_state("networkidle")
        tab.screenshot(path=str(target))
        browser.close()


def first_page(pdf: Path, target: Path) -> None:
    stem = target.with_suffix("")
    command = ["pdftoppm", "-png", "-r", str(PDF_DPI), "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*command, str(pdf), str(stem)], check=True)


def main() -> None:
    STATIC.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        html, pdf = build(Path(tmp))
        photograph(html, STATIC / "cv-html.png")
        first_page(pdf, STATIC / "cv-pdf.png")
    for name in ("cv-html.png", "cv-pdf.png"):
        print(f"{STATIC / name}: {(STATIC / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
