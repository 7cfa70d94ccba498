"""Doctree nodes and their rendering for every builder, in one place.

Each node subclasses a standard docutils node, so builders without a visitor
of ours (man, texinfo, xml, …) still render it as what it is: a list, a list
item, strong text, an inline span.  HTML, LaTeX and text get visitors here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator


class publication_block(nodes.container):
    """What one ``publications`` directive shows: group titles and lists."""


class publication_list(nodes.bullet_list):
    """A list of publications; ``numbered`` lists count up or down from ``start``."""


class publication_item(nodes.list_item):
    """One publication; ``number`` is its label in a numbered list."""


class publication_number(nodes.inline):
    """The number as text, for builders that don't number lists themselves."""


class owner_name(nodes.strong):
    """The CV owner's name; ``style`` is bold, underline or bold-underline."""


class acceptance_note(nodes.inline):
    """An acceptance-rate note; ``tooltip`` says where the figure comes from."""


class bibtex_source(nodes.literal_block):
    """The entry's own BibTeX, shown on demand in HTML and left out elsewhere."""


def _label(node: nodes.Element) -> str:
    number = node.get("number")
    return f"[{number}]" if number is not None else ""


# -- HTML ------------------------------------------------------------------------------------------


def visit_list_html(self: HTML5Translator, node: publication_list) -> None:
    attributes: dict[str, Any] = {}
    if node.get("numbered"):
        attributes["start"] = node["start"]
        if node.get("reversed"):
            attributes["reversed"] = "reversed"
    self.body.append(self.starttag(node, "ol" if node.get("numbered") else "ul", **attributes))


def depart_list_html(self: HTML5Translator, node: publication_list) -> None:
    self.body.append("</ol>\n" if node.get("numbered") else "</ul>\n")


def visit_item_html(self: HTML5Translator, node: publication_item) -> None:
    attributes = {"value": node["number"]} if node.get("number") is not None else {}
    self.body.append(self.starttag(node, "li", "", **attributes))


def depart_item_html(self: HTML5Translator, node: publication_item) -> None:
    self.body.append("</li>\n")


def visit_owner_html(self: HTML5Translator, node: owner_name) -> None:
    tag = "span" if node.get("style") == "underline" else "strong"
    self.body.append(self.starttag(node, tag, ""))


def depart_owner_html(self: HTML5Translator, node: owner_name) -> None:
    self.body.append("</span>" if node.get("style") == "underline" else "</strong>")


def visit_acceptance_html(self: HTML5Translator, node: acceptance_note) -> None:
    attributes = {"title": node["tooltip"]} if node.get("tooltip") else {}
    self.body.append(self.starttag(node, "span", "", **attributes))


def depart_acceptance_html(self: HTML5Translator, node: acceptance_note) -> None:
    self.body.append("</span>")


def visit_bibtex_html(self: HTML5Translator, node: bibtex_source) -> None:
    summary = self.encode(node.get("summary", "BibTeX"))
    self.body.append(self.starttag(node, "details", ""))
    self.body.append(f"<summary>{summary}</summary><pre>{self.encode(node.astext())}</pre>")
    self.body.append("</details>\n")
    raise nodes.SkipNode


# -- LaTeX -----------------------------------------------------------------------------------------


def visit_block_latex(self: LaTeXTranslator, node: publication_block) -> None:
    self.body.append(self.hypertarget_to(node))  # so {ref} to its :name: resolves in the PDF
    self.visit_container(node)


def depart_block_latex(self: LaTeXTranslator, node: publication_block) -> None:
    self.depart_container(node)


OWNER_MACROS = {
    "bold": r"\sphinxAcademicOwnerBold{",
    "underline": r"\sphinxAcademicOwnerUnderline{",
    "bold-underline": r"\sphinxAcademicOwnerBoldUnderline{",
}


def visit_list_latex(self: LaTeXTranslator, node: publication_list) -> None:
    self.body.append("\n\\begin{sphinxAcademicPublications}\n")


def depart_list_latex(self: LaTeXTranslator, node: publication_list) -> None:
    self.body.append("\\end{sphinxAcademicPublications}\n")


def visit_item_latex(self: LaTeXTranslator, node: publication_item) -> None:
    label = _label(node) or r"\textbullet"
    self.body.append(f"\\item[{{{label}}}] ")
    self.body.append(self.hypertarget_to(node))


def depart_item_latex(self: LaTeXTranslator, node: publication_item) -> None:
    self.body.append("\n")


def visit_owner_latex(self: LaTeXTranslator, node: owner_name) -> None:
    self.body.append(OWNER_MACROS.get(node.get("style", "bold"), OWNER_MACROS["bold"]))


def depart_owner_latex(self: LaTeXTranslator, node: owner_name) -> None:
    self.body.append("}")


# -- text ------------------------------------------------------------------------------------------


def visit_list_text(self: TextTranslator, node: publication_list) -> None:
    self.list_counter.append(-1)


def depart_list_text(self: TextTranslator, node: publication_list) -> None:
    self.list_counter.pop()


def visit_item_text(self: TextTranslator, node: publication_item) -> None:
    self.new_state(len(_label(node) or "*") + 1)


def depart_item_text(self: TextTranslator, node: publication_item) -> None:
    self.end_state(first=(_label(node) or "*") + " ")


def visit_owner_text(self: TextTranslator, node: owner_name) -> None:
    self.add_text("_" if node.get("style") == "underline" else "**")


def depart_owner_text(self: TextTranslator, node: owner_name) -> None:
    self.add_text("_" if node.get("style") == "underline" else "**")


# -- shared ----------------------------------------------------------------------------------------


def skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def depart_nothing(self: Any, node: nodes.Element) -> None:
    """Nothing to close."""


SKIP = (skip, depart_nothing)


def setup_nodes(app: Sphinx) -> None:
    """Register every node with its visitors."""
    app.add_node(publication_block, latex=(visit_block_latex, depart_block_latex))
    app.add_node(
        publication_list,
        html=(visit_list_html, depart_list_html),
        latex=(visit_list_latex, depart_list_latex),
        text=(visit_list_text, depart_list_text),
    )
    app.add_node(
        publication_item,
        html=(visit_item_html, depart_item_html),
        latex=(visit_item_latex, depart_item_latex),
        text=(visit_item_text, depart_item_text),
    )
    app.add_node(publication_number, html=SKIP, latex=SKIP, text=SKIP)
    app.add_node(
        owner_name,
        html=(visit_owner_html, depart_owner_html),
        latex=(visit_owner_latex, depart_owner_latex),
        text=(visit_owner_text, depart_owner_text),
    )
    app.add_node(acceptance_note, html=(visit_acceptance_html, depart_acceptance_html))
    app.add_node(
        bibtex_source,
        html=(visit_bibtex_html, depart_nothing),
        latex=SKIP,
        text=SKIP,
        man=SKIP,
        texinfo=SKIP,
    )
