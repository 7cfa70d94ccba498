# Every part of the entry layout: both styles, buttons, badges, previews, collapsed authors.
extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence", "deflist"]
bibtex_bibfiles = ["refs.bib"]
academic_owner = ["Example, Ada"]
academic_max_authors = 2
academic_bibtex_hidden_fields = ["note"]
academic_venue_badges = True
academic_venue_colors = {"NeurIPS": "#6a3d9a", "KDD": "red;}body{color:red"}
exclude_patterns = ["_build"]
project = "Entry layout"
