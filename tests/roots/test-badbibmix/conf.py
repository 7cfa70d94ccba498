extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
# good entries between two broken files: none of them may be lost
bibtex_bibfiles = ["broken_before.bib", "good.bib", "broken_after.bib"]
academic_owner = ["Doe, Jane"]
project = "Bad bib next to a good one"
