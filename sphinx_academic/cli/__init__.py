"""The ``sphinx-academic`` command line: one subcommand a module, imported only when it runs.

Each subcommand module defines ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``. Subcommands use the pure core and start no Sphinx build unless building
is their job.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from .. import __version__

#: Subcommand name -> module in this package.
COMMANDS: dict[str, str] = {
    "new": "new",
    "serve": "serve",
    "build": "build",
}
COMMANDS["audit"] = "audit"


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{COMMANDS[name]}")


def build_parser() -> argparse.ArgumentParser:
    """The parser with every subcommand's arguments."""
    parser = argparse.ArgumentParser(
        prog="sphinx-academic",
        description="Academic CVs and publication lists for Sphinx, from one BibTeX file.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = _module(name)
        sub = commands.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status is the return value."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    status: int = _module(args.command).run(args)
    return status
