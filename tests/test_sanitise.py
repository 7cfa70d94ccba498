"""The one sanitiser for text from data files: control characters dropped, bidi isolated."""

from __future__ import annotations

import pytest

from sphinx_academic.core.sanitise import clean_text, strip_bidi

RLO, PDF, FSI, PDI, RLI, LRE = "\u202e", "\u202c", "\u2068", "\u2069", "\u2067", "\u202a"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plain title", "Plain title"),
        ("Terminal \x1b[31mRed\x1b[0m", "Terminal [31mRed[0m"),
        ("NUL\x00 BEL\x07 DEL\x7f CSI\x9b", "NUL BEL DEL CSI"),
        ("two\x0clines\x1ehere", "two lines here"),  # separators become spaces
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("lone \ud800 surrogate \uffff", "lone  surrogate "),
        ("x\u200fy", "x\u200fy"),  # a mark changes no order beyond itself: kept
        (f"Invoice {RLO}gpj.exe", f"{FSI}Invoice {RLO}gpj.exe{PDF}{PDI}"),
        (f"stray{PDF} closers{PDI}", "stray closers"),
        (f"{RLI}a{LRE}b{PDI}c", f"{FSI}{RLI}a{LRE}b{PDF}{PDI}c{PDI}"),
        (f"{FSI}already isolated{PDI}", f"{FSI}already isolated{PDI}"),
        (f"{FSI}a{PDI}{FSI}b{PDI}", f"{FSI}{FSI}a{PDI}{FSI}b{PDI}{PDI}"),
    ],
)
def test_clean_text(text: str, expected: str) -> None:
    assert clean_text(text) == expected
    assert clean_text(expected) == expected  # cleaning twice changes nothing


def test_strip_bidi_removes_every_bidi_control() -> None:
    assert strip_bidi(clean_text(f"Invoice {RLO}gpj.exe\u200f\u061c")) == "Invoice gpj.exe"
