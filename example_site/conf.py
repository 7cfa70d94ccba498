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

# _parts/ holds the pieces index.md and short.md both include; they are not pages.
exclude_patterns = ["_build", "_parts"]

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

# -- LaTeX / PDF ---------------------------------------------------------------------------
# A CV rather than a manual: the `howto` class, the page's sections as \section, no table
# of contents, no index, and the document title in one small line above the profile
# header (the profile directive itself sets the name and contacts).

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
    "sphinxsetup": "hmargin={2cm,2cm}, vmargin={2cm,2cm}",
    "tableofcontents": "",
    "printindex": "",
    "makeindex": "",
    "maketitle": r"""
\begin{flushright}\small\sffamily\cvtitle\end{flushright}
\vspace{-\baselineskip}
""",
    # unnumbered sections, page numbers only, and a date column wide enough for
    # "Sep 2018 – Sep 2019" on one line (\sphinxAcademicDateWidth, from sphinx-academic.sty)
    "preamble": r"""
\setcounter{secnumdepth}{0}
\makeatletter\newcommand{\cvtitle}{\@title}\makeatother
\pagestyle{plain}
\setlength{\sphinxAcademicDateWidth}{9.5em}
""",
}
