"""``highlights`` / ``highlight``: numbered groups of papers with code links and a TL;DR."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.directives.code import Highlight as LanguageHighlight
from sphinx.util.docutils import SphinxDirective

from ..locale import _
from ..render.formatting import venue_node
from ..render.nodes import item_label, publication_item, publication_list
from .bibdata import bib_entries, get_publication, note_dependencies
from .options import link_nodes, number_option, parse_links
from .roles import pub_reference
from .warnings import warn


def tldr_container(body: list[nodes.Node]) -> nodes.container:
    """The bold "TL;DR:" label run into the first paragraph of *body*."""
    label = _("TL;DR:")
    strong = nodes.strong(label, label, classes=["sa-tldr-label"])
    container = nodes.container(classes=["sa-tldr"])
    if body and isinstance(body[0], nodes.paragraph):
        body[0].insert(0, nodes.Text(" "))
        body[0].insert(0, strong)
    else:
        container += nodes.paragraph("", "", strong)
    container.extend(body)
    return container


IN_HIGHLIGHTS = "sphinx_academic_in_highlights"


def is_code_language(name: str) -> bool:
    """A language Sphinx's ``highlight`` directive accepts: Sphinx's own names or a lexer's."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound
    from sphinx.highlighting import lexer_classes, lexers

    if name in ("default", "guess") or name in lexers or name in lexer_classes:
        return True
    try:
        get_lexer_by_name(name)
    except ClassNotFound:
        return False
    return True


class HighlightDirective(LanguageHighlight):
    """One highlighted paper: title, venue, year and location from the bib, code links, TL;DR.

    Sphinx's own ``highlight`` directive (``.. highlight:: python``) shares the
    name, so this one keeps its behaviour for a code language: a paper is a
    ``highlight`` inside ``highlights``, one with content or our options, one whose
    argument is a bib key, or one whose argument is no language Pygments knows (a
    mistyped key, reported as such). Outside ``highlights`` the paper is an untitled,
    unnumbered group of one, so that every builder sees a list item inside a list.
    """

    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        **LanguageHighlight.option_spec,
        "code": directives.unchanged,
        "title": directives.unchanged,
        "class": directives.class_option,
    }

    def _is_paper(self) -> bool:
        return bool(
            self.env.current_document.get(IN_HIGHLIGHTS)
            or self.content
            or {"code", "title", "class"} & set(self.options)
            or self.arguments[0] in bib_entries(self.env)
            or not is_code_language(self.arguments[0])
        )

    def run(self) -> list[nodes.Node]:
        # which directive this is depends on the bib's keys: a key added or fixed re-reads it
        note_dependencies(self.env)
        if not self._is_paper():
            return super().run()
        item = self._paper(self.arguments[0])
        if self.env.current_document.get(IN_HIGHLIGHTS):
            return [item]
        items = publication_list("", item, classes=["sa-highlight-list"], numbered=False)
        return [nodes.container("", items, classes=["sa-highlights"])]

    def _paper(self, key: str) -> publication_item:
        item = publication_item(classes=["sa-highlight", *self.options.get("class", [])])
        self.set_source_info(item)
        paper = nodes.paragraph(classes=["sa-highlight-paper"], support_smartquotes=False)
        publication = get_publication(self.env, key)
        if publication is None:
            warn(f"highlight: unknown bib key {key!r}", "key", self.get_location())
            paper += nodes.inline(key, key, classes=["sa-missing"])
        else:
            title = self.options.get("title") or publication.title
            paper += pub_reference(self.env, key, title, self.get_location())
            paper += nodes.Text(". ")
            venue = venue_node(publication)
            if venue.children:
                paper += venue
                paper += nodes.Text(".")
        code = parse_links(self.options.get("code"), "code", self.get_location())
        if code:
            paper += nodes.Text(" ")
            paper += nodes.inline("", "", *link_nodes(code, "sa-code"), classes=["sa-code-links"])
        item += paper
        body = self.parse_content_to_nodes() if self.content else []
        if not body and publication is not None and publication.tldr:
            body = [nodes.paragraph(publication.tldr, publication.tldr)]
        if body:
            item += tldr_container(body)
        return item


class HighlightsDirective(SphinxDirective):
    """A titled group of ``highlight`` items, numbered (1), (2), …"""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "start": directives.unchanged,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        container = nodes.container(classes=["sa-highlights", *self.options.get("class", [])])
        self.set_source_info(container)
        self.add_name(container)
        if self.arguments:
            title = self.arguments[0]
            container += nodes.rubric(title, title, classes=["sa-highlights-title"])
        start = number_option(self, "start", 1)
        items = publication_list(
            classes=["sa-highlight-list"], numbered=True, reversed=False, start=start
        )
        self.env.current_document[IN_HIGHLIGHTS] = True
        try:
            children = self.parse_content_to_nodes()
        finally:
            self.env.current_document[IN_HIGHLIGHTS] = False
        for node in children:
            if isinstance(node, publication_item):
                number = start + len(items.children)
                node["number"] = number
                node["label"] = f"({number})"
                paper = node.next_node(nodes.paragraph)
                if paper is not None:
                    paper.insert(
                        0, item_label(f"({number}) ", f"({number}) ", classes=["sa-item-label"])
                    )
                items += node
            elif not isinstance(node, nodes.comment):
                warn(
                    "highlights: only highlight directives belong inside highlights; "
                    "other content is left out",
                    "option",
                    self.get_location(),
                )
        container += items
        return [container]
