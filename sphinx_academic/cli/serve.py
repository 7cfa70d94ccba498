"""``sphinx-academic serve DIR``: a live preview through sphinx-autobuild (an optional extra).

sphinx-autobuild watches DIR; bib files and venue tables that ``conf.py`` names outside DIR
are watched too, so editing any of them rebuilds the pages that show them.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

HELP = "live preview of the site in DIR, rebuilt on every change to pages, bib and venue files"

MISSING = (
    "sphinx-academic serve needs sphinx-autobuild, which is an optional extra.\n"
    'Install it with:  pip install "sphinx-academic[serve]"   (or: pip install sphinx-autobuild)\n'
    "Without it, `sphinx-academic build DIR` builds the site once."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", metavar="DIR", type=Path, help="the CV site (has conf.py)")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--open", action="store_true", help="open the page in a browser")
    parser.add_argument("-t", "--tag", action="append", default=[], help="Sphinx tag (short)")


def watched_outside(directory: Path) -> list[Path]:
    """Folders of the bib files and venue tables conf.py names outside *directory*."""
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    try:
        raw = eval_config_file(directory.resolve() / "conf.py", Tags())
    except Exception:  # a broken conf.py: sphinx-autobuild reports it on its first build
        return []
    names: list[str] = []
    for setting in ("bibtex_bibfiles", "academic_venues"):
        value = raw.get(setting) or []
        names.extend([value] if isinstance(value, str) else [str(item) for item in value])
    root = directory.resolve()
    folders = {(root / name).resolve().parent for name in names}
    return sorted(folder for folder in folders if not folder.is_relative_to(root))


def command(args: argparse.Namespace) -> list[str]:
    directory: Path = args.directory
    argv = [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        str(directory),
        str(directory / "_build/html"),
    ]
    argv += ["--port", str(args.port), "--host", args.host]
    for folder in watched_outside(directory):
        argv += ["--watch", str(folder)]
    for tag in args.tag:
        argv += ["-t", tag]
    if args.open:
        argv.append("--open-browser")
    return argv


def run(args: argparse.Namespace) -> int:
    if not (args.directory / "conf.py").is_file():
        print(f"sphinx-academic serve: no conf.py in {args.directory}", file=sys.stderr)
        return 1
    if importlib.util.find_spec("sphinx_autobuild") is None:
        print(MISSING, file=sys.stderr)
        return 1
    argv = command(args)
    sys.stdout.flush()
    # replace this process, so that Ctrl-C or a terminating signal reaches sphinx-autobuild
    os.execv(argv[0], argv)
