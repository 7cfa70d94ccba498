# Configuration for the sphinx-academic example CV site.
#
# Build it from the repository root with:
#     sphinx-build -W -b html example_site example_site/_build/html

project = "Junxiao (Cody) Wang"
author = "Junxiao (Cody) Wang"
copyright = "2025, Junxiao (Cody) Wang"
version = release = "1"  # EPUB needs a version

extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]

# One BibTeX file holds every publication on the site.
bibtex_bibfiles = ["publications.bib"]

# Every way the bib entries write the CV owner's name; each is highlighted.
academic_owner = ["Wang, Junxiao", "Wang, Cody Junxiao"]

html_theme = "alabaster"
html_title = "Junxiao (Cody) Wang"
exclude_patterns = ["_build"]
