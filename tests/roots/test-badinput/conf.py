extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["good.bib", "broken.bib"]
academic_owner = ["Doe, Jane"]
academic_owner_style = "sparkly"
academic_acceptance_format = "{rate:.1f} {nonsense}"
academic_venues = ["venues.yaml", "missing.csv"]
