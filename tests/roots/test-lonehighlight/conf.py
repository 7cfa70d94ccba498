extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
project = "Lone highlight"
latex_documents = [("index", "lone.tex", "Lone highlight", "Tests", "howto")]
man_pages = [("index", "lone", "Lone highlight", ["Tests"], 1)]
texinfo_documents = [("index", "lone", "Lone highlight", "Tests", "lone", "", "Misc")]
version = release = "1.0"
copyright = "2026, the test suite"
