"""Warnings of type ``academic``: one helper so every message has a subtype and a location.

Subtypes (``suppress_warnings = ["academic.<subtype>"]``):

========== ==========================================================
``key``        an unknown bib key
``option``     a bad directive or role option value
``filter``     a ``:filter:`` expression that cannot be used
``entry``      a bib entry with missing or malformed fields
``bib``        a bib file that could not be read or parsed
``link``       a link with a scheme other than http(s) or mailto, dropped
``venue``      a venue table problem, an unknown venue, or a track not identified
``acceptance`` a stated acceptance figure that differs from the bundled table
``config``     an invalid ``academic_*`` configuration value
``date``       a timeline ``:date:`` that cannot be read
========== ==========================================================
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util import logging

from ..core.sanitise import clean_text

logger = logging.getLogger("sphinx_academic")

WARNING_TYPE = "academic"


def file_location(path: str | Path | None, line: int | None = None) -> Any:
    """A location in a file that is not a document (a bib file, a venue table).

    Sphinx reads a plain string without a colon as a document name, so a file
    without a line number travels as a node carrying only its source.
    """
    if not path:
        return None
    if line:
        return f"{path}:{line}"
    node = nodes.Element()
    node.source = str(path)
    return node


def warn(message: str, subtype: str, location: Any = None, *, once: bool = False) -> None:
    """Warn as ``academic.<subtype>`` at *location*: a node, (docname, line) or "file:line".

    The message may quote a bib file or a table: cleaned, it cannot drive a terminal (ESC).
    """
    logger.warning(
        clean_text(message), type=WARNING_TYPE, subtype=subtype, location=location, once=once
    )


def inform(message: str, location: Any = None) -> None:
    """Report something worth knowing that is not a problem (shown unless ``-q``)."""
    logger.info(clean_text(message), location=location)


def detail(message: str, location: Any = None) -> None:
    """Report a detail behind an :func:`inform` summary (shown with ``-v``)."""
    logger.verbose(clean_text(message), location=location)
