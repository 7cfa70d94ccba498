extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
academic_owner = ["Wang, Junxiao", "Wang, Cody Junxiao"]
exclude_patterns = ["_build"]
project = "Publications test"
version = release = "1.0"
copyright = "2026, the test suite"
# these tests check the seed CV's one-paragraph form (the stacked form: test_entry_layout)
academic_entry_style = "citation"
