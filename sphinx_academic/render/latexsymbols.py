"""The math characters of :mod:`sphinx_academic.core.symbols` declared for pdflatex."""

from __future__ import annotations

import re

from ..core.symbols import math_characters

SYMBOLS_FILE = "sphinx-academic-symbols.def"
_FIRST_COMMAND = re.compile(r"^\\[A-Za-z]+")
#: Greek letters LaTeX has no command for, because they look like these Latin ones.
_LATIN_LOOKALIKES = {
    "\\Alpha": "A", "\\Beta": "B", "\\Epsilon": "E", "\\Zeta": "Z", "\\Eta": "H",
    "\\Iota": "I", "\\Kappa": "K", "\\Mu": "M", "\\Nu": "N", "\\Omicron": "O",
    "\\Rho": "P", "\\Tau": "T", "\\Chi": "X", "\\omicron": "o",
}  # fmt: skip


def declarations() -> str:
    """``\\sphinxAcademicMathChar{03B5}{ε}{\\epsilon}{\\epsilon}``, one line per character."""
    lines = [
        "% Written by sphinx-academic: math characters for pdflatex (see sphinx-academic.sty)."
    ]
    for char, written in math_characters().items():
        latex = (
            f"\\mathrm{{{_LATIN_LOOKALIKES[written]}}}" if written in _LATIN_LOOKALIKES else written
        )
        command = _FIRST_COMMAND.match(latex)
        if command is None or ord(char) < 0x80:
            continue  # a superscript digit or an ASCII sign: LaTeX has its own
        lines.append(
            f"\\sphinxAcademicMathChar{{{ord(char):04X}}}{{{char}}}{{{command.group()}}}{{{latex}}}"
        )
    return "\n".join(lines) + "\n"
