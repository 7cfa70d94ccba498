extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["hostile.bib"]
academic_owner = ["Doe, Jane"]
project = "Hostile corpus"
author = "The test suite"
version = release = "1.0"
copyright = "2026, the test suite"
