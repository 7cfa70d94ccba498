# Configuration for the sphinx-academic example CV site: the seed CV rebuilt from
# index.md and publications.bib, as a web page and as a PDF.
#
# Build it from the repository root with:
#     sphinx-build -W -b html example_site example_site/_build/html
#     sphinx-build -M latexpdf example_site example_site/_build
# and the short CV (highlights and selected papers only) as the home page with:
#     sphinx-build -t short -W -b html example_site example_site/_build/short
#     sphinx-build -M latexpdf example_site example_site/_build/short -t short

from pathlib import Path

project = "Junxiao (Cody) Wang"
author = "Junxiao (Cody) Wang"
copyright = "2025, Junxiao (Cody) Wang"
version = release = "1"  # EPUB needs a version

extensions = ["myst_parser", "sphinx_academic"]
myst_enable_extensions = ["colon_fence", "deflist"]

# One BibTeX file holds every publication on the site.
bibtex_bibfiles = ["publications.bib"]

# Every way the bib entries write the CV owner's name; each is highlighted.
academic_owner = ["Wang, Junxiao", "Wang, Cody Junxiao"]

# A page per listed paper (papers/<key>.html) with Google Scholar's citation_* tags.
academic_paper_pages = True

# _parts/ holds the pieces index.md and short.md both include; they are not pages.
exclude_patterns = ["_build", "_parts"]

# A venue badge left of each entry, in a colour per venue where one is given here.
academic_venue_badges = True
academic_venue_colors = {
    "NeurIPS": "#6a3d9a",
    "ICLR": "#1f6f8b",
    "CVPR": "#1b7a3d",
    "ACL": "#b3261e",
    "EMNLP": "#b3261e",
    "KDD": "#8a4b08",
}

# -- CV variants ---------------------------------------------------------------------------
# `sphinx-build -t short` builds the short CV: the home page (index) shows the content
# of short.md instead of the full CV. Sphinx passes the tags to this file as `tags`.
# (The `only` directive cannot switch whole sections: Sphinx moves headings out of it.)
SHORT = tags.has("short")  # noqa: F821 (defined by Sphinx)

if SHORT:
    exclude_patterns.append("short.md")  # it is the home page now


def _short_cv_as_home_page(app, docname, source):
    if docname == app.config.root_doc:
        app.env.note_dependency("short.md")
        source[0] = (Path(app.srcdir) / "short.md").read_text(encoding="utf-8")


def setup(app):
    if SHORT:
        app.connect("source-read", _short_cv_as_home_page)


# -- HTML ----------------------------------------------------------------------------------

html_theme = "alabaster"
html_title = "Junxiao (Cody) Wang"
html_show_sourcelink = False
# The profile's "Download PDF" link points to cv.pdf next to the page: copy the PDF
# built by `sphinx-build -M latexpdf` there (Read the Docs offers it on its own menu).
_PDF = Path(__file__).parent / "_build" / "latex" / ("cv-short.pdf" if SHORT else "cv.pdf")
html_extra_path = [str(_PDF)] if _PDF.is_file() else []

# -- LaTeX / PDF ---------------------------------------------------------------------------
# A CV rather than a manual: the `howto` class, the page's sections as \section, no table
# of contents, no index, and the document title in one small line above the profile
# header (the profile directive itself sets the name and contacts). The CV's design
# (one sans-serif family, ragged right, accent-coloured headings over a rule) is
# \sphinxAcademicCVLayout, from sphinx-academic.sty.

latex_documents = [
    (
        "index",
        "cv-short.tex" if SHORT else "cv.tex",
        "Curriculum Vitae (short)" if SHORT else "Curriculum Vitae",
        author,
        "howto",
    )
]
latex_toplevel_sectioning = "section"
latex_domain_indices = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    # the short CV is one page: slightly narrower margins make it fit
    "sphinxsetup": (
        "hmargin={1.5cm,1.5cm}, vmargin={1.2cm,1.5cm}"
        if SHORT
        else "hmargin={2cm,2cm}, vmargin={2cm,2cm}"
    ),
    "tableofcontents": "",
    "printindex": "",
    "makeindex": "",
    "maketitle": r"""
\begin{flushright}\small\sffamily\cvtitle\end{flushright}
\vspace{-\baselineskip}
""",
    # unnumbered sections, page numbers only, and the CV design
    "preamble": r"""
\setcounter{secnumdepth}{0}
\makeatletter\newcommand{\cvtitle}{\@title}\makeatother
\pagestyle{plain}
\sphinxAcademicCVLayout
"""
    # the short CV on one page: a hair less leading
    + (r"\linespread{0.96}" if SHORT else ""),
}
