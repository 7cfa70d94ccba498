"""``sphinx-academic build DIR [--pdf]``: the HTML (and the PDF), and where they are."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
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


def compile_pdf(latex: Path, quiet: bool) -> subprocess.CompletedProcess[str]:
    """Run the LaTeX build's own Makefile; TeX stops at an error instead of asking."""
    env = {**os.environ, "LATEXOPTS": "-interaction=nonstopmode -halt-on-error"}
    if quiet:
        env["LATEXMKOPTS"] = "-silent"
    return subprocess.run(
        ["make", "-C", str(latex), "all-pdf"],
        capture_output=quiet,
        text=True,
        env=env,
        check=False,
    )


def tex_errors(latex: Path) -> list[tuple[Path, str]]:
    """The first TeX error of each log: its "! ..." line and the two after it."""
    found = []
    for log in sorted(latex.glob("*.log")):
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        for number, line in enumerate(lines):
            if line.startswith("! "):
                found.append((log, " ".join(text.strip() for text in lines[number : number + 3])))
                break
    return found


def run(args: argparse.Namespace) -> int:
    from sphinx.cmd.build import build_main

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
    latex = output / "latex"
    status = build_main(["-b", "latex", str(directory), str(latex), *sphinx_options(args)])
    if status:
        return status
    result = compile_pdf(latex, args.quiet)
    documents = latex.glob("*.tex")  # one per entry of latex_documents
    pdfs = sorted(tex.with_suffix(".pdf") for tex in documents if tex.with_suffix(".pdf").is_file())
    if result.returncode or not pdfs:
        if result.stdout:
            print("\n".join(result.stdout.splitlines()[-30:]), file=sys.stderr)
        for log, error in tex_errors(latex):
            print(f"{log}: {error}", file=sys.stderr)
        print(
            f"sphinx-academic build: the PDF failed; the LaTeX log is in {latex}", file=sys.stderr
        )
        return result.returncode or 1
    for pdf in pdfs:
        print(f"PDF:  {pdf}")
    return 0
