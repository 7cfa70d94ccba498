"""``timeline`` / ``entry``: dated projects, jobs and degrees, in full or compact form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..core.dates import DateError, DateSpan, babel_locale, format_span, parse_span
from ..locale import _
from ..render.nodes import entry_date, timeline_block, timeline_entry
from .options import choice, comma_list, link_nodes, parse_links, pubs_paragraph
from .warnings import warn

ORDERS = ("source", "desc", "asc")
STYLES = ("full", "compact")
#: JSON Resume sections a timeline can fill (the ``jsonresume`` builder).
RESUME_SECTIONS = ("work", "education", "projects", "volunteer", "awards", "certificates")
#: Entries whose date cannot be read sort after every dated one.
UNDATED: tuple[Any, ...] = ()


class EntryDirective(SphinxDirective):
    """One dated entry: title, organisation, place, stack, bullets, tags, code and papers."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "date": directives.unchanged,
        "org": directives.unchanged,
        "location": directives.unchanged,
        "stack": directives.unchanged,
        "tags": directives.unchanged,
        "code": directives.unchanged,
        "pubs": directives.unchanged,
        "class": directives.class_option,
    }

    def _date(self) -> tuple[str, tuple[Any, ...], DateSpan | None]:
        text = (self.options.get("date") or "").strip()
        if not text:
            return "", UNDATED, None
        try:
            span = parse_span(text)
        except DateError as error:
            warn(f"entry: bad :date: {text!r}: {error}", "date", self.get_location())
            return text, UNDATED, None
        shown = format_span(span, babel_locale(self.config.language), _("present"))
        return shown, span.sort_key, span

    def run(self) -> list[nodes.Node]:
        shown, sort_key, span = self._date()
        entry = timeline_entry(
            classes=["sa-timeline-entry", *self.options.get("class", [])],
            date=shown,
            sort_key=sort_key,
        )
        if span is not None:  # ISO dates, for the jsonresume builder
            entry["start"] = str(span.start)
            if span.end is not None:  # a single date is when it started
                entry["end"] = str(span.end)
        self.set_source_info(entry)
        entry += entry_date(shown, shown, classes=["sa-date"])
        body = nodes.container(classes=["sa-entry-body"])
        heading = nodes.paragraph(classes=["sa-entry-heading"])
        title = self.arguments[0]
        heading += nodes.strong(title, title, classes=["sa-entry-title"])
        for option in ("org", "location", "stack"):
            if self.options.get(option):
                value = self.options[option].strip()
                heading += nodes.Text(", ")
                heading += nodes.inline(value, value, classes=[f"sa-{option}"])
        body += heading
        if self.content:
            body.extend(self.parse_content_to_nodes())
        keys = comma_list(self.options.get("pubs"))
        if keys:
            body += pubs_paragraph(self.env, keys, _("Publications:"), self.get_location())
        code = parse_links(self.options.get("code"), "code", self.get_location())
        if code:
            body += nodes.paragraph("", "", *link_nodes(code, "sa-code"), classes=["sa-entry-code"])
        tags = comma_list(self.options.get("tags"))
        if tags:
            chips = nodes.paragraph(classes=["sa-tags"])
            for index, tag in enumerate(tags):
                if index:
                    chips += nodes.Text(" ")
                chips += nodes.inline(tag, tag, classes=["sa-tag"])
            body += chips
        entry += body
        return [entry]


class TimelineDirective(SphinxDirective):
    """Entries in source order or by date, in full or compact (one line each) style."""

    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "order": directives.unchanged,
        "style": directives.unchanged,
        "resume": directives.unchanged,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        order = choice(self, "order", ORDERS, ORDERS[0])
        style = choice(self, "style", STYLES, STYLES[0])
        block = timeline_block(
            classes=["sa-timeline", f"sa-timeline-{style}", *self.options.get("class", [])],
            compact=style == "compact",
        )
        self.set_source_info(block)
        self.add_name(block)
        if self.options.get("resume"):
            block["resume"] = choice(self, "resume", RESUME_SECTIONS, "work")
        entries: list[timeline_entry] = []
        for node in self.parse_content_to_nodes():
            if isinstance(node, timeline_entry):
                entries.append(node)
            elif not isinstance(node, nodes.comment):
                warn(
                    "timeline: only entry directives belong inside a timeline; "
                    "other content is left out",
                    "option",
                    self.get_location(),
                )
        if order != "source":
            dated = [entry for entry in entries if entry["sort_key"] != UNDATED]
            undated = [entry for entry in entries if entry["sort_key"] == UNDATED]
            dated.sort(key=lambda entry: entry["sort_key"], reverse=order == "desc")
            entries = dated + undated
        for entry in entries:
            del entry["sort_key"]  # only needed for ordering; keep doctrees and XML output clean
        block.extend(entries)
        return [block]
