"""Text from data files (bib entries, venue tables) made safe for every output format.

One function, :func:`clean_text`, applied where the data is read, so every writer
(HTML, EPUB, XML, LaTeX, text, man, texinfo, JSON) gets the same text:

- control characters are dropped (ESC, NUL, …: XML 1.0 cannot hold them, so EPUB
  and XML output would not be well-formed, and a terminal would obey them); line
  breaks and tabs stay, and the separator controls become spaces;
- bidirectional formatting characters (U+202A-U+202E, U+2066-U+2069) are balanced
  and the text is wrapped in an isolate (FSI … PDI), so an override such as
  U+202E reverses at most the field it is written in, never the text after it.

LaTeX cannot typeset bidi controls at all (pdflatex stops), so its writer removes
them with :func:`strip_bidi`.
"""

from __future__ import annotations

import re

__all__ = ["BIDI_CONTROLS", "clean_text", "strip_bidi"]

_PDF, _PDI, _FSI = "\u202c", "\u2069", "\u2068"
_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # LRE RLE LRO RLO, closed by PDF
_ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI RLI FSI, closed by PDI
_FORMATTING = _EMBEDDINGS | _ISOLATES | {_PDF, _PDI}
#: Unicode's Bidi_Control characters: the formatting ones and the marks ALM, LRM, RLM.
BIDI_CONTROLS = _FORMATTING | frozenset("\u061c\u200e\u200f")

_SEPARATORS = "\x0b\x0c\x1c\x1d\x1e\x1f\x85"
_DROPPED = [
    *range(0x00, 0x09),
    *range(0x0E, 0x1C),
    *range(0x7F, 0x85),
    *range(0x86, 0xA0),
    *range(0xD800, 0xE000),  # lone surrogates
    0xFFFE,
    0xFFFF,
]
_CONTROLS: dict[int, str | None] = {
    **dict.fromkeys(_DROPPED),
    **{ord(char): " " for char in _SEPARATORS},
}
_STRIP_BIDI: dict[int, None] = dict.fromkeys(map(ord, BIDI_CONTROLS))
_NEEDS_CLEANING = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)


def clean_text(text: str) -> str:
    """*text* without control characters, its bidi controls balanced and isolated."""
    if _NEEDS_CLEANING.search(text) is None:  # nearly always; a scan is 10x faster than translate
        return text
    text = text.translate(_CONTROLS)
    if _FORMATTING.isdisjoint(text):
        return text
    return _isolated(text)


def strip_bidi(text: str) -> str:
    """*text* without any bidi control character (for LaTeX)."""
    return text.translate(_STRIP_BIDI)


def _isolated(text: str) -> str:
    """Close every opened embedding and isolate, drop unmatched closers, wrap in FSI … PDI."""
    result: list[str] = []
    open_: list[tuple[str, int]] = []  # (opener, its index in result)
    closed_at: dict[int, int] = {}
    for char in text:
        if char in _EMBEDDINGS or char in _ISOLATES:
            open_.append((char, len(result)))
        elif char == _PDF:
            if not open_ or open_[-1][0] not in _EMBEDDINGS:
                continue  # a PDF closes only an embedding opened inside the same isolate
            closed_at[open_.pop()[1]] = len(result)
        elif char == _PDI:
            if not any(opener in _ISOLATES for opener, _ in open_):
                continue
            while open_[-1][0] in _EMBEDDINGS:
                closed_at[open_.pop()[1]] = len(result)
                result.append(_PDF)
            closed_at[open_.pop()[1]] = len(result)
        result.append(char)
    while open_:
        opener, start = open_.pop()
        closed_at[start] = len(result)
        result.append(_PDF if opener in _EMBEDDINGS else _PDI)
    if not closed_at:  # only stray closers, all dropped
        return "".join(result)
    if result[0] == _FSI and closed_at.get(0) == len(result) - 1:
        return "".join(result)  # already one isolate: cleaning twice changes nothing
    return _FSI + "".join(result) + _PDI
