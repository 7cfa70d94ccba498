"""``:download-bib:`` on ``publications``: the listed entries as a ``.bib`` file to download.

The file holds exactly the entries the list shows, in its order, without the fields only
this package reads; it is written with the page (HTML builders), under
``_bib/<page>/<name>``, and the list ends with a link to it.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..locale import _
from ..render.formatting import bibtex_text
from ..render.nodes import publication_block, publication_item
from .bibdata import bib_entries
from .warnings import warn

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.docutils import SphinxDirective

FOLDER = "_bib"
#: The HTML builders whose output folder is a site; an EPUB file takes no .bib files.
BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})
DEFAULT_NAME = "publications.bib"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.bib$")


def download_name(directive: SphinxDirective) -> str | None:
    """The option's file name, ``publications.bib`` when empty; None (with a warning) for a
    name that is not a plain ``.bib`` file name."""
    if "download-bib" not in directive.options:
        return None
    name = (directive.options.get("download-bib") or "").strip() or DEFAULT_NAME
    if not _SAFE_NAME.match(name):
        warn(
            f"publications: :download-bib: {name[:80]!r} is not a plain file name ending in "
            f".bib (letters, digits, '.', '_', '-'); using {DEFAULT_NAME!r}",
            "option",
            directive.get_location(),
        )
        name = DEFAULT_NAME
    return name


def public_bibtex(entry: Entry, config: Config) -> str:
    """An entry's BibTeX as visitors get it: without the fields only this package reads, nor
    those ``academic_bibtex_hidden_fields`` names."""
    return bibtex_text(entry, config.academic_bibtex_hidden_fields)


def write_downloads(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write each asking list's entries to its file and link it under the list (HTML)."""
    if app.builder.name not in BUILDERS:
        return
    entries = bib_entries(app.env)
    builder: Any = app.builder
    for block in doctree.findall(publication_block):
        name = block.get("download_bib")
        if not name:
            continue
        keys = [item["key"] for item in block.findall(publication_item) if item.get("key")]
        texts = [public_bibtex(entries[key], app.config) for key in keys if key in entries]
        relative = posixpath.join(FOLDER, docname, name)
        path = Path(app.outdir, relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
        here = posixpath.dirname(builder.get_target_uri(docname)) or "."
        label = _("Download this list as BibTeX")
        link = nodes.reference(label, label, refuri=posixpath.relpath(relative, here))
        link["classes"].append("sa-download-bib")
        block += nodes.paragraph("", "", link, classes=["sa-download"])


def register(app: Sphinx) -> None:
    app.connect("doctree-resolved", write_downloads)
