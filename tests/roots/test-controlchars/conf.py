extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
academic_owner = ["Doe, Jane"]
exclude_patterns = ["_build"]
project = "Control characters"
version = release = "1.0"
copyright = "2026, the test suite"
latex_documents = [("index", "controls.tex", "Control characters", "Tests", "howto")]
man_pages = [("index", "controls", "Control characters", ["Tests"], 1)]
texinfo_documents = [("index", "controls", "Control characters", "Tests", "controls", "", "Misc")]
