extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["papers.bib"]
academic_owner = ["Einstein, Albert", "Einstein, A."]
