"""Sphinx configuration for the sphinx-academic documentation.

Build with:  sphinx-build -W -b html docs docs/_build/html
"""

from __future__ import annotations

import sphinx_academic

# -- Project -------------------------------------------------------------------------------

project = "sphinx-academic"
author = "sphinx-academic contributors"
copyright = "2025, sphinx-academic contributors"
version = sphinx_academic.__version__
release = sphinx_academic.__version__

# -- Extensions ----------------------------------------------------------------------------

extensions = ["myst_parser", "sphinx_academic"]  # sphinx_academic loads sphinxcontrib.bibtex
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The publication lists on these pages come from one fictional researcher's bib file.
bibtex_bibfiles = ["examples.bib"]

# The fictional researcher the examples highlight: one variant is enough for
# "S{\o}rensen, Elena", "Sørensen, E." and "Sorensen, Elena" alike.
academic_owner = ["Sørensen, Elena"]

# A user venue table merged over the bundled one (see venues.md).
academic_venues = ["my-venues.yaml"]

# A page per listed paper, with Google Scholar's tags (see findable.md).
academic_paper_pages = True

exclude_patterns = ["_build"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}

# -- HTML ----------------------------------------------------------------------------------

try:
    import furo  # noqa: F401
except ImportError:
    html_theme = "alabaster"
else:
    html_theme = "furo"

html_title = "sphinx-academic"
html_static_path = ["_static"]
html_css_files = ["docs.css"]  # the screenshots on the home page
