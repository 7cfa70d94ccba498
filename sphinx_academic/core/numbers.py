"""Whole numbers from text someone wrote: the one parser every option and bib field uses.

``str.isdigit`` accepts ``²`` and ``③``, which ``int`` rejects; ``int`` accepts
``1_000``, Arabic-Indic digits and surrounding spaces, and refuses more than 4,300
digits with a ValueError. Reading ASCII digits of a bounded length avoids all of that.
"""

from __future__ import annotations

import re

__all__ = ["whole_number"]

_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def whole_number(text: str, maximum: int) -> int | None:
    """*text* (stripped) as a number from 0 to *maximum*, or None when it is not one."""
    text = text.strip()
    if len(text) > len(str(maximum)) or not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if number <= maximum else None
