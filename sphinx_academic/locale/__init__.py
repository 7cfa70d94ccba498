"""Translated labels: every word the extension writes goes through one message catalog."""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

MESSAGE_CATALOG = "sphinx_academic"
LOCALE_DIR = Path(__file__).parent

_translate = get_translation(MESSAGE_CATALOG)


def _(message: str) -> str:
    """The message in the document's language (English when no catalog has it)."""
    return str(_translate(message))
