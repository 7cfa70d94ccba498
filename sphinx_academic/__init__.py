"""sphinx-academic: an academic CV and publication lists for Sphinx, from one BibTeX file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

STATIC_DIR = Path(__file__).parent / "static"
TEXINPUTS_DIR = Path(__file__).parent / "texinputs"
#: Bump when the doctree nodes or the domain data change shape.
ENV_VERSION = 5


#: What the HTML builders get in ``_static``: our styles, and a small script of our own
#: (copy buttons, long author lists) that pages work without.
HTML_ASSETS = ("sphinx-academic.css", "sphinx-academic.js")


def _add_css(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("sphinx-academic.css")
        app.add_js_file("sphinx-academic.js", loading_method="defer")


def _copy_assets(app: Sphinx) -> None:
    """Copy the CSS and script (HTML) or the style file (LaTeX) next to the output, before
    any page is written: Sphinx links a stylesheet it finds there with a ``?v=`` checksum,
    so a copy made after the pages would make the second of two identical builds differ
    from the first."""
    from sphinx.util.fileutil import copy_asset_file

    if app.builder.format == "html":
        sources, folder = [STATIC_DIR / name for name in HTML_ASSETS], Path(app.outdir, "_static")
    elif app.builder.format == "latex":
        from .render.latexsymbols import SYMBOLS_FILE, declarations

        sources, folder = [TEXINPUTS_DIR / "sphinx-academic.sty"], Path(app.outdir)
        folder.mkdir(parents=True, exist_ok=True)
        Path(folder, SYMBOLS_FILE).write_text(declarations(), encoding="utf-8")
    else:
        return
    folder.mkdir(parents=True, exist_ok=True)  # a missing folder would be taken as a file name
    # force: an upgraded extension must replace the copy an earlier build left behind
    for source in sources:
        copy_asset_file(source, folder / source.name, force=True)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register sphinxcontrib-bibtex, the config values, nodes, directives, roles and domain."""
    from . import locale
    from .builders.jsonresume import JSONResumeBuilder
    from .ext import (
        bibdata,
        bibexport,
        config,
        domain,
        highlights,
        paperpages,
        profile,
        publications,
        pubstats,
        roles,
        structured,
        timeline,
    )
    from .render import nodes

    app.setup_extension("sphinxcontrib.bibtex")
    config.register(app)
    nodes.setup_nodes(app)
    app.add_domain(domain.AcademicDomain)
    app.add_directive("publications", publications.PublicationsDirective)
    app.add_post_transform(publications.FillPublications)
    app.add_post_transform(nodes.StripBidiControls)
    app.add_directive("pubstats", pubstats.PubstatsDirective)
    app.add_directive("profile", profile.ProfileDirective)
    app.add_transform(profile.StylePageTitle)
    app.add_directive("highlights", highlights.HighlightsDirective)
    app.add_directive("highlight", highlights.HighlightDirective, override=True)
    app.add_directive("timeline", timeline.TimelineDirective)
    app.add_directive("entry", timeline.EntryDirective)
    app.add_role("pub", roles.PubRole())
    app.add_role("venues", roles.VenuesRole())
    app.add_role("acceptance", roles.AcceptanceRole())
    app.add_builder(JSONResumeBuilder)
    paperpages.register(app)
    bibexport.register(app)
    structured.register(app)
    app.add_message_catalog(locale.MESSAGE_CATALOG, str(locale.LOCALE_DIR))
    app.add_latex_package("sphinx-academic")

    app.connect("builder-inited", bibdata.start_capturing_errors, priority=400)
    app.connect("builder-inited", bibdata.report_captured_errors, priority=600)
    app.connect("builder-inited", bibdata.clean_bib_text, priority=600)
    app.connect("builder-inited", bibdata.check_venue_tables, priority=600)
    app.connect("builder-inited", bibdata.normalise_bib_data, priority=610)
    app.connect("builder-inited", _add_css)
    app.connect("builder-inited", _copy_assets)
    app.connect("build-finished", bibdata.summarise_stated_figures)
    app.connect("env-before-read-docs", domain.remember_read_docs)
    app.connect("env-get-updated", domain.pages_linking_moved_entries)
    app.connect("missing-reference", domain.keep_unlinked_text)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
