# An existing software project's docs: reStructuredText, the RTD theme, and
# sphinxcontrib-bibtex already set up for citations in its user guide.
project = "fastsolver"
extensions = ["sphinx.ext.autosectionlabel", "sphinxcontrib.bibtex", "sphinx_academic"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "unsrt"
html_theme = "sphinx_rtd_theme"
autosectionlabel_prefix_document = True
