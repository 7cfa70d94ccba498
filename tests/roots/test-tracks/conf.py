extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
academic_owner = ["Doe, Jane"]
