"""Doctree nodes and their rendering for every builder, in one place.

Each node subclasses a standard docutils node, so builders without a visitor
of ours (man, texinfo, xml, …) still render it as what it is: a list, a list
item, strong text, an inline span.  HTML, LaTeX and text get visitors here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.sanitise import BIDI_CONTROLS, strip_bidi

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


class entry_text(nodes.paragraph, nodes.FixedTextElement):
    """A publication's text. FixedTextElement keeps SmartQuotes away from bib text, as
    Sphinx's own signature nodes do; every writer renders it as a paragraph."""


class owner_name(nodes.strong):
    """The CV owner's name; ``style`` is bold, underline or bold-underline."""


class acceptance_note(nodes.inline):
    """An acceptance-rate note; ``tooltip`` says where the figure comes from."""


class bibtex_source(nodes.literal_block):
    """The entry's own BibTeX, shown on demand in HTML and left out elsewhere."""


class entry_actions(nodes.inline):
    """HTML's row of buttons under an entry: links, Abstract, BibTeX; written as a div.
    (An inline: Sphinx writes references only inside text elements.)"""


class entry_aside(nodes.container):
    """HTML's label column of an entry: number, venue badge, preview."""


class entry_preview(nodes.container):
    """An entry's preview image (the ``preview`` field), shown in HTML only."""


class entry_toggle(nodes.container):
    """A button that shows its content (the abstract) below the row; ``label`` names it."""


class entry_links(nodes.inline):
    """An entry's links written inline, for print and text."""


class link_separator(nodes.inline):
    """Between two inline links: a dot that never ends a printed line."""


class venue_badge(nodes.inline):
    """The venue's short name left of an entry, in ``colour`` when the site gives one."""


class collapsed_authors(nodes.inline):
    """Authors past ``academic_max_authors``; HTML can expand them, print says how many."""


class item_label(nodes.inline):
    """A visible item label such as ``(1)`` in HTML; other builders label list items themselves."""


class profile_block(nodes.container):
    """The CV header: name, headline, contacts, summary."""


class profile_name(nodes.paragraph):
    """The owner's name in the CV header."""


class profile_headline(nodes.paragraph):
    """The line under the name."""


class contact_list(nodes.bullet_list):
    """Contact links, shown in a row."""


class contact_item(nodes.list_item):
    """One contact: an icon and a link or text (inline children, no paragraph)."""


class contact_icon(nodes.inline):
    """An icon from the shipped set, inlined as SVG in HTML and left out elsewhere."""


class timeline_block(nodes.container):
    """Dated entries: projects, employment, education."""


class timeline_entry(nodes.container):
    """One dated entry; ``date`` is the date as displayed."""


class entry_date(nodes.paragraph):
    """The date column of a timeline entry (LaTeX takes it from the entry instead)."""


def _label(node: nodes.Element) -> str:
    if node.get("label"):
        return str(node["label"])
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


def _toggle_start(self: HTML5Translator, node: nodes.Element, label: str) -> None:
    self.body.append(self.starttag(node, "details", "", CLASS="sa-toggle"))
    self.body.append(f'<summary class="sa-button">{self.encode(label)}</summary>')
    self.body.append('<div class="sa-panel">')


def visit_bibtex_html(self: HTML5Translator, node: bibtex_source) -> None:
    from ..ext.bibdata import bib_entries
    from .formatting import bibtex_text

    entry = bib_entries(self.builder.env).get(node.get("key", ""))
    if entry is not None:
        hidden = self.builder.config.academic_bibtex_hidden_fields
        source = self.encode(bibtex_text(entry, hidden))
        copy = self.attval(node.get("copy", "Copy"))
        _toggle_start(self, node, node.get("summary", "BibTeX"))
        # the copy button is shown by sphinx-academic.js; without scripts it stays hidden
        self.body.append(
            f'<pre>{source}</pre><button type="button" class="sa-copy" hidden="hidden">'
            f"{copy}</button></div></details>\n"
        )
    raise nodes.SkipNode


def visit_toggle_html(self: HTML5Translator, node: entry_toggle) -> None:
    _toggle_start(self, node, node.get("label", ""))


def depart_toggle_html(self: HTML5Translator, node: entry_toggle) -> None:
    self.body.append("</div></details>\n")


def visit_venue_badge_html(self: HTML5Translator, node: venue_badge) -> None:
    # the colour was checked against a strict pattern when the config was read
    colour = node.get("colour")
    attributes: dict[str, Any] = {"style": f"--sa-venue-color: {colour}"} if colour else {}
    self.body.append(self.starttag(node, "span", "", **attributes))


def visit_div_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div", ""))


def depart_div_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def depart_span_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</span>")


def visit_collapsed_html(self: HTML5Translator, node: collapsed_authors) -> None:
    # sphinx-academic.js shows the button and hides the names until it is pressed
    label = self.encode("… " + node.get("label", ""))
    self.body.append(
        f'<button type="button" class="sa-more-authors" hidden="hidden">{label}</button>'
    )
    self.body.append(self.starttag(node, "span", "", CLASS="sa-authors-hidden"))


def visit_icon_html(self: HTML5Translator, node: contact_icon) -> None:
    from .icons import icon_svg

    name = node.get("icon", "")
    self.body.append(f'<span class="sa-icon sa-icon-{self.attval(name)}">{icon_svg(name)}</span>')
    raise nodes.SkipNode


def visit_contact_item_html(self: HTML5Translator, node: contact_item) -> None:
    self.body.append(self.starttag(node, "li", ""))


def depart_contact_item_html(self: HTML5Translator, node: contact_item) -> None:
    self.body.append("</li>\n")


# -- LaTeX -----------------------------------------------------------------------------------------


def _anchor(self: LaTeXTranslator, node: nodes.Element) -> str:
    """Labels for the node's ids at this very spot: without \\phantomsection a label
    points at the last section heading, and every entry would share one target."""
    return self.hypertarget_to(node, anchor=True) if node["ids"] else ""


def visit_block_latex(self: LaTeXTranslator, node: publication_block) -> None:
    self.body.append(_anchor(self, node))  # so {ref} to its :name: resolves in the PDF
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
    if node["ids"]:  # in the entry's first line: in vertical mode a page break could part them
        # "%": the line end after the label would be a space before the entry's first word
        self.body.append(r"\leavevmode" + _anchor(self, node) + "%")


def depart_item_latex(self: LaTeXTranslator, node: publication_item) -> None:
    self.body.append("\n")


def visit_owner_latex(self: LaTeXTranslator, node: owner_name) -> None:
    self.body.append(OWNER_MACROS.get(node.get("style", "bold"), OWNER_MACROS["bold"]))


def depart_owner_latex(self: LaTeXTranslator, node: owner_name) -> None:
    self.body.append("}")


def visit_profile_latex(self: LaTeXTranslator, node: profile_block) -> None:
    self.body.append("\n\\begin{sphinxAcademicProfile}\n" + _anchor(self, node))


def depart_profile_latex(self: LaTeXTranslator, node: profile_block) -> None:
    self.body.append("\n\\end{sphinxAcademicProfile}\n")


def _latex_macro(name: str) -> tuple[Any, Any]:
    """Visitors that wrap a paragraph's content in ``\\<name>{...}``."""

    def visit(self: LaTeXTranslator, node: nodes.Element) -> None:
        self.body.append(f"\n\\{name}{{")

    def depart(self: LaTeXTranslator, node: nodes.Element) -> None:
        self.body.append("}\n")

    return visit, depart


def visit_contacts_latex(self: LaTeXTranslator, node: contact_list) -> None:
    self.body.append("\n\\begin{sphinxAcademicContacts}")


def depart_contacts_latex(self: LaTeXTranslator, node: contact_list) -> None:
    self.body.append("\\end{sphinxAcademicContacts}\n")


def visit_contact_latex(self: LaTeXTranslator, node: contact_item) -> None:
    if node.get("html_only"):
        raise nodes.SkipNode
    if node.parent.index(node):
        self.body.append("\\sphinxAcademicContactSep{}")
    self.body.append("\\sphinxAcademicContact{")


def depart_contact_latex(self: LaTeXTranslator, node: contact_item) -> None:
    self.body.append("}")


def visit_entry_latex(self: LaTeXTranslator, node: timeline_entry) -> None:
    date = self.encode(node.get("date", ""))
    self.body.append(f"\n\\begin{{sphinxAcademicEntry}}{{{date}}}\n")


def depart_entry_latex(self: LaTeXTranslator, node: timeline_entry) -> None:
    self.body.append("\n\\end{sphinxAcademicEntry}\n")


def visit_timeline_latex(self: LaTeXTranslator, node: timeline_block) -> None:
    style = "Compact" if node.get("compact") else ""
    self.body.append(f"\n\\begin{{sphinxAcademicTimeline{style}}}" + _anchor(self, node))


def depart_timeline_latex(self: LaTeXTranslator, node: timeline_block) -> None:
    style = "Compact" if node.get("compact") else ""
    self.body.append(f"\\end{{sphinxAcademicTimeline{style}}}\n")


class StripBidiControls(SphinxPostTransform):
    """Drop bidi control characters from the LaTeX output: pdflatex stops at them (U+202E
    "not set up for use with LaTeX"), and no LaTeX engine obeys them without a bidi package.

    Bib text has them balanced and isolated for the other formats (``core.sanitise``).
    """

    default_priority = 350  # after FillPublications (300) has written the entries' text
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for node in list(self.document.findall(nodes.Text)):
            if not BIDI_CONTROLS.isdisjoint(node) and node.parent is not None:
                node.parent.replace(node, nodes.Text(strip_bidi(node)))


def visit_links_latex(self: LaTeXTranslator, node: entry_links) -> None:
    self.body.append(r"\sphinxAcademicLinks{")


def visit_separator_latex(self: LaTeXTranslator, node: link_separator) -> None:
    self.body.append(r"\sphinxAcademicLinkSep{}")
    raise nodes.SkipNode


def visit_collapsed_latex(self: LaTeXTranslator, node: collapsed_authors) -> None:
    self.body.append(r"\sphinxAcademicMoreAuthors{" + self.encode(node.get("label", "")) + "}")
    raise nodes.SkipNode


def depart_brace(self: LaTeXTranslator, node: nodes.Element) -> None:
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


def visit_contacts_text(self: TextTranslator, node: contact_list) -> None:
    self.new_state(0)


def depart_contacts_text(self: TextTranslator, node: contact_list) -> None:
    self.end_state()


def visit_contact_text(self: TextTranslator, node: contact_item) -> None:
    if node.get("html_only"):
        raise nodes.SkipNode
    if node.parent.index(node):
        self.add_text(" · ")


def visit_collapsed_text(self: TextTranslator, node: collapsed_authors) -> None:
    self.add_text(", … (" + node.get("label", "") + ")")
    raise nodes.SkipNode


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
    html_only: dict[str, Any] = {"latex": SKIP, "text": SKIP, "man": SKIP, "texinfo": SKIP}
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
    app.add_node(entry_text)
    app.add_node(item_label, latex=SKIP, text=SKIP, man=SKIP, texinfo=SKIP)
    app.add_node(profile_block, latex=(visit_profile_latex, depart_profile_latex))
    app.add_node(profile_name, latex=_latex_macro("sphinxAcademicProfileName"))
    app.add_node(profile_headline, latex=_latex_macro("sphinxAcademicProfileHeadline"))
    app.add_node(
        contact_list,
        latex=(visit_contacts_latex, depart_contacts_latex),
        text=(visit_contacts_text, depart_contacts_text),
    )
    app.add_node(
        contact_item,
        html=(visit_contact_item_html, depart_contact_item_html),
        latex=(visit_contact_latex, depart_contact_latex),
        text=(visit_contact_text, depart_nothing),
    )
    app.add_node(contact_icon, html=(visit_icon_html, depart_nothing), **html_only)
    app.add_node(timeline_block, latex=(visit_timeline_latex, depart_timeline_latex))
    app.add_node(timeline_entry, latex=(visit_entry_latex, depart_entry_latex))
    app.add_node(entry_date, latex=SKIP)
    app.add_node(
        owner_name,
        html=(visit_owner_html, depart_owner_html),
        latex=(visit_owner_latex, depart_owner_latex),
        text=(visit_owner_text, depart_owner_text),
    )
    app.add_node(acceptance_note, html=(visit_acceptance_html, depart_acceptance_html))
    app.add_node(entry_actions, html=(visit_div_html, depart_div_html), **html_only)
    app.add_node(entry_aside, **html_only)
    app.add_node(entry_preview, **html_only)
    app.add_node(entry_toggle, html=(visit_toggle_html, depart_toggle_html), **html_only)
    app.add_node(venue_badge, html=(visit_venue_badge_html, depart_span_html), **html_only)
    app.add_node(entry_links, latex=(visit_links_latex, depart_brace))
    app.add_node(link_separator, latex=(visit_separator_latex, depart_nothing))
    app.add_node(
        collapsed_authors,
        html=(visit_collapsed_html, depart_span_html),
        latex=(visit_collapsed_latex, depart_nothing),
        text=(visit_collapsed_text, depart_nothing),
    )
    app.add_node(bibtex_source, html=(visit_bibtex_html, depart_nothing), **html_only)
