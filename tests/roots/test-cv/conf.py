# A whole CV with every directive, for the browser tests (layout, overflow, contrast)
# in each supported theme. The tests pick the theme with confoverrides; building this
# folder by hand takes SA_THEME from the environment (default alabaster).
import os

extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
academic_owner = ["Example, Ada", "Example, Ada B."]
html_theme = os.environ.get("SA_THEME", "alabaster")
exclude_patterns = ["_build"]
project = "CV test"
# short, as a CV site's title would be: pydata-sphinx-theme's header cannot shrink a long
# one ("CV test 1.0 documentation") to 375px and scrolls sideways
html_title = "Ada Example"
version = release = "1.0"
copyright = "2026, the test suite"
# every part of an entry: badges (one in a colour of its own), collapsed authors, and
# (in refs.bib) an abstract, an award and a preview
academic_venue_badges = True
academic_venue_colors = {"NeurIPS": "#6a3d9a"}
academic_max_authors = 6
