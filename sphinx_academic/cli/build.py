"""``sphinx-academic build DIR [--pdf]``: the HTML (and the PDF), and where they are."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

HELP = "build the site in DIR to HTML and, with --pdf, to PDF; print where they are"

NO_LATEXMK = (
    "The PDF needs latexmk and TeX Live. On Debian or Ubuntu:\n"
    "  sudo apt-get install latexmk texlive-latex-recommended texlive-latex-extra "
    "texlive-fonts-recommended tex-gyre lmodern"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", metavar="DIR", type=Path, help="the CV site (has conf.py)")
    parser.add_argument("--pdf", action="store_true", help="also build the PDF through LaTeX")
    parser.add_argument("-o", "--output", type=Path, help="output folder (default: DIR/_build)")
    parser.add_argument("-W", dest="strict", action="store_true", help="fail on any warning")
    parser.add_argument("-t", "--tag", action="append", default=[], help="Sphinx tag (short)")
    parser.add_argument("-q", "--quiet", action="store_true", help="show warnings only")


def sphinx_options(args: argparse.Namespace) -> list[str]:
    options = [option for tag in args.tag for option in ("-t", tag)]
    if args.strict:
        options += ["-W", "--keep-going"]
    if args.quiet:
        options.append("-q")
    return options


def run(args: argparse.Namespace) -> int:
    from sphinx.cmd.build import build_main, make_main

    directory: Path = args.directory
    if not (directory / "conf.py").is_file():
        print(f"sphinx-academic build: no conf.py in {directory}", file=sys.stderr)
        return 1
    if args.pdf and shutil.which("latexmk") is None:
        print(NO_LATEXMK, file=sys.stderr)
        return 1
    output: Path = args.output or directory / "_build"
    html = output / "html"
    status = build_main(["-b", "html", str(directory), str(html), *sphinx_options(args)])
    if status:
        return status
    print(f"HTML: {html / 'index.html'}")
    if not args.pdf:
        return 0
    started = time.time()
    # -M must come first on Sphinx's command line; the options follow the folders
    status = make_main(["-M", "latexpdf", str(directory), str(output), *sphinx_options(args)])
    pdfs = sorted(p for p in (output / "latex").glob("*.pdf") if p.stat().st_mtime >= started)
    if status or not pdfs:
        print("sphinx-academic build: the PDF failed; the LaTeX log is in", output / "latex")
        return status or 1
    for pdf in pdfs:
        print(f"PDF:  {pdf}")
    return 0
