extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
# written as the lab's bib writes it: one brace-protected name
academic_owner = ["{Bashima Islam}"]
project = "Real bibs"
