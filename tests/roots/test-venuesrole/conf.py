extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = []
academic_venues = ["venues.yaml"]
exclude_patterns = ["_build"]
project = "Venues role"
version = release = "1.0"
copyright = "2026, the test suite"
