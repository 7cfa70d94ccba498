extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
academic_owner = ["Wang, Junxiao"]
project = "CV directives"
version = release = "1.0"
copyright = "2026, the test suite"
