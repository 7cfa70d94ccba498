extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
academic_owner = ["Wang, Junxiao"]
academic_paper_pages = True
exclude_patterns = ["_build"]
project = "Paper pages test"
version = release = "1.0"
copyright = "2026, the test suite"
