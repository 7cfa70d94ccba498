"""The one whole-number parser: text that str.isdigit or int accept but should not."""

from __future__ import annotations

import pytest

from sphinx_academic.core.numbers import whole_number


@pytest.mark.parametrize(
    ("text", "maximum", "expected"),
    [
        ("12", 100, 12),
        (" 7 ", 100, 7),
        ("0", 100, 0),
        ("100", 100, 100),
        ("101", 100, None),
        ("²", 100, None),  # isdigit() is true, int() raises
        ("③", 100, None),
        ("١٢", 100, None),  # Arabic-Indic digits: int() reads them
        ("１２", 100, None),  # fullwidth digits
        ("1_0", 100, None),  # int() reads "1_0" as 10
        ("-1", 100, None),
        ("+1", 100, None),
        ("1 2", 100, None),
        ("", 100, None),
        ("9" * 5000, 100, None),  # int() refuses more than 4,300 digits with ValueError
    ],
)
def test_whole_number(text: str, maximum: int, expected: int | None) -> None:
    assert whole_number(text, maximum) == expected
