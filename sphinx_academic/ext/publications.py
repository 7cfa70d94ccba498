"""The ``publications`` directive: options in, a grouped, numbered list of entries out.

Entries are chosen, sorted and grouped while the page is read, but the doctree keeps
only one empty item per entry: :class:`FillPublications` makes each entry's text when
the page is written, from the same cached formatting.  A list of thousands of entries
then costs little to pickle, to walk with every read transform, and to unpickle on a
rebuild that only redraws the navigation from the root page's doctree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..core.filters import FilterError, compile_filter
from ..core.publication import (
    CATEGORIES,
    LINK_KINDS,
    SORTS,
    Publication,
    group_key,
    safe_url,
    sort_publications,
)
from ..locale import _
from ..render.entry import entry_nodes
from ..render.formatting import EntryStyle
from ..render.nodes import entry_preview, publication_block, publication_item, publication_list
from .bibdata import bib_entries, get_publication, listed_keys, note_dependencies
from .bibexport import download_name
from .config import ENTRY_STYLES
from .options import choice, inside_source, number_option
from .warnings import inform, warn

if TYPE_CHECKING:
    from docutils.parsers.rst.directives import _OptionSpec  # type: ignore[attr-defined]

GROUPS = ("none", "year", "type", "venue")
NUMBERINGS = ("none", "forward", "reverse")
#: What ``:links:`` can name: the link kinds and the Abstract toggle.
BUTTONS = (*LINK_KINDS, "abstract")
CATEGORY_TITLES: dict[str, str] = {
    "conference": "Conference Papers",
    "journal": "Journal Articles",
    "workshop": "Workshop Papers",
    "preprint": "Preprints",
    "book": "Books and Chapters",
    "thesis": "Theses",
    "report": "Technical Reports",
    "other": "Other Publications",
}
_SPLIT = re.compile(r"[\s,;]+")


def split_list(text: str | None) -> list[str]:
    """Keys or names given as a comma-, semicolon- or space-separated list."""
    return [item for item in _SPLIT.split(text or "") if item]


def split_names(text: str) -> list[str]:
    """Owner variants: ``Wang, Junxiao; Wang, J.`` (also BibTeX-style ``and``)."""
    return [
        name.strip()
        for part in text.split(";")
        for name in re.split(r"\s+and\s+", part)
        if name.strip()
    ]


@dataclass
class ListPlan:
    """What one ``publications`` directive shows, after its options are checked."""

    publications: list[Publication]
    group: str
    numbered: str
    owner: list[str] | None  # the :owner: option, None for the configured owner


def item_id(key: str) -> str:
    """The HTML/LaTeX anchor of a publication: ``pub-`` and the key made safe."""
    return "pub-" + (nodes.make_id(key) or "entry")


class PublicationsDirective(SphinxDirective):
    """List publications from the configured bib files."""

    has_content = True
    optional_arguments = 0
    option_spec: ClassVar[_OptionSpec] = {
        "keys": directives.unchanged,
        "filter": directives.unchanged,
        "selected": directives.flag,
        "group": directives.unchanged,
        "sort": directives.unchanged,
        "numbered": directives.unchanged,
        "max": directives.unchanged,
        "owner": directives.unchanged,
        "links": directives.unchanged,
        "style": directives.unchanged,
        "download-bib": directives.unchanged,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def _links(self) -> frozenset[str] | None:
        if "links" not in self.options:
            return None
        wanted = [item.lower() for item in split_list(self.options.get("links"))]
        unknown = [item for item in wanted if item not in BUTTONS]
        if unknown:
            warn(
                f"publications: :links: unknown link kind(s) {', '.join(unknown)} "
                f"(known: {', '.join(BUTTONS)})",
                "option",
                self.get_location(),
            )
        return frozenset(item for item in wanted if item in BUTTONS)

    def _owner(self) -> list[str] | None:
        if "owner" not in self.options:
            return None
        return split_names(self.options.get("owner") or "")

    def _select(self, owner: list[str] | None) -> list[Publication] | None:
        keys = split_list(self.options.get("keys")) + split_list("\n".join(self.content))
        entries = bib_entries(self.env)
        if not entries:
            warn(
                "publications: no bib entries; set bibtex_bibfiles in conf.py",
                "bib",
                self.get_location(),
            )
        chosen = keys or listed_keys(self.env)
        publications: list[Publication] = []
        for key in chosen:
            publication = get_publication(self.env, key, owner)
            if publication is None:
                warn(f"publications: unknown bib key {key!r}", "key", self.get_location())
            else:
                publications.append(publication)
        if "selected" in self.options:
            publications = [pub for pub in publications if pub.selected]
        if self.options.get("filter"):
            accept = self._filter()
            if accept is None:
                return None
            publications = [pub for pub in publications if accept(pub)]
        return publications

    def _filter(self) -> Callable[[Publication], bool] | None:
        source = self.options["filter"]
        try:
            expression = compile_filter(source)
        except FilterError as error:
            warn(
                f"publications: bad :filter: {source!r}: {error}; listing nothing",
                "filter",
                self.get_location(),
            )
            return None
        failed: list[str] = []

        def accept(publication: Publication) -> bool:
            try:
                return expression(publication.filter_fields)
            except FilterError as error:
                if not failed:
                    failed.append(publication.key)
                    warn(
                        f"publications: :filter: fails on {publication.key!r}: {error}; "
                        "leaving such entries out",
                        "filter",
                        self.get_location(),
                    )
                return False

        return accept

    def plan(self) -> ListPlan | None:
        owner = self._owner()
        publications = self._select(owner)
        if publications is None:
            return None
        has_keys = bool(self.options.get("keys") or self.content)
        order = choice(self, "sort", SORTS, "source" if has_keys else "year-desc")
        if order != "source" or not has_keys:
            publications = sort_publications(publications, order)
        limit = number_option(self, "max", None)
        if limit is not None:
            publications = publications[:limit]
        return ListPlan(
            publications,
            choice(self, "group", GROUPS, "none"),
            choice(self, "numbered", NUMBERINGS, "none"),
            owner,
        )

    def run(self) -> list[nodes.Node]:
        note_dependencies(self.env)
        plan = self.plan()
        # Bib text is shown as written: no SmartQuotes pass over thousands of entries.
        container = publication_block(
            classes=["sa-publications", *self.options.get("class", [])],
            support_smartquotes=False,
        )
        self.set_source_info(container)
        self.add_name(container)
        if plan is None:
            return [container]
        # what FillPublications needs to format the entries as this directive asked
        links = self._links()
        if plan.owner is not None:
            container["owner"] = plan.owner
        if links is not None:
            container["links"] = sorted(links)
        if "style" in self.options:
            container["entry_style"] = choice(self, "style", ENTRY_STYLES, "stacked")
        download = download_name(self)
        if download:
            container["download_bib"] = download
        total = len(plan.publications)
        position = 0
        for title, members in grouped(plan.publications, plan.group):
            if not members:
                continue
            if title:
                container += nodes.rubric(title, title, classes=["sa-group-title"])
            numbered = plan.numbered != "none"
            first = total - position if plan.numbered == "reverse" else position + 1
            bullets = publication_list(
                classes=["sa-publication-list"],
                numbered=numbered,
                reversed=plan.numbered == "reverse",
                start=first,
            )
            for publication in members:
                position += 1
                number = None
                if numbered:
                    number = total - position + 1 if plan.numbered == "reverse" else position
                bullets += self._item(publication, number, links)
            container += bullets
        return [container]

    def _item(
        self, publication: Publication, number: int | None, links: frozenset[str] | None
    ) -> publication_item:
        item = publication_item(key=publication.key, classes=["sa-publication"])
        if number is not None:
            item["number"] = number
        anchor = item_id(publication.key)
        document = self.state.document
        if anchor in document.ids:
            suffix = 2
            while f"{anchor}-{suffix}" in document.ids:
                suffix += 1
            anchor = f"{anchor}-{suffix}"
        item["ids"].append(anchor)
        document.ids[anchor] = item
        item["bibtex"] = links is None or "bibtex" in links
        preview = preview_node(publication.fields.get("preview", ""), self)
        if preview is not None:  # read now: Sphinx collects and copies images as pages are read
            item += preview
        return item


class FillPublications(SphinxPostTransform):
    """Give every item of a ``publications`` list its entry text, as the page is written.

    It runs after references are resolved and ``only`` blocks are dropped (fewer
    nodes for those to walk, no lists filled to be thrown away) and before LaTeX's
    ``latex_show_urls`` (400) and linkcheck (800), so the entries' links are treated
    like every other link.
    """

    default_priority = 300

    def run(self, **kwargs: object) -> None:
        # the builder's format, as Sphinx's own post-transforms read it (app is deprecated)
        builder_format = self.env._builder_cls.format
        interactive = builder_format == "html"
        for block in self.document.findall(publication_block):
            owner = block.get("owner")
            links = block.get("links")
            layout = block.get("entry_style") or (
                self.config.academic_entry_style
                if builder_format != "latex"
                else self.config.academic_latex_entry_style
            )
            style = EntryStyle.from_config(
                self.config,
                links=None if links is None else frozenset(links),
                layout=layout,
                interactive=interactive,
            )
            for item in block.findall(publication_item):
                if item.get("key") and not item.get("filled"):
                    fill_item(
                        item, get_publication(self.env, item["key"], owner, report=False), style
                    )


def fill_item(item: publication_item, publication: Publication | None, style: EntryStyle) -> None:
    """The entry's text (its number first, for builders that don't number lists), links,
    and in HTML its buttons and aside."""
    item["filled"] = True
    previews = [child for child in item.children if isinstance(child, entry_preview)]
    item.clear()
    if publication is None:  # the bib changed under a page that was not read again
        item += nodes.paragraph(item["key"], item["key"])
        return
    item.extend(
        entry_nodes(
            publication,
            style,
            number=item.get("number"),
            bibtex=bool(item.get("bibtex")),
            preview=previews[0] if previews and style.interactive else None,
        )
    )
    item["classes"].append(f"sa-style-{style.layout}")


#: Where a ``preview`` path is looked for, in the source folder: as given, then in
#: al-folio's folder for them, so an al-folio ``papers.bib`` finds its images when copied.
PREVIEW_FOLDERS = ("", "assets/img/publication_preview")


def preview_node(value: str, directive: SphinxDirective) -> entry_preview | None:
    """The ``preview`` field as an image: an http(s) address, or a path in the source
    folder. An unsafe value is dropped with a warning; a file that is not there is
    left out with a note in the build log (an al-folio bib names images of its own site)."""
    value = value.strip()
    if not value:
        return None
    url = safe_url(value)
    if url is not None and re.match(r"^https?://", url, re.IGNORECASE):
        return _preview(url)
    path = PurePosixPath(value.lstrip("/"))
    if url is None or ".." in path.parts or ":" in value:
        warn(
            f"publications: preview {value[:80]!r} left out: it must be an http(s) address "
            "or an image file inside the source folder",
            "link",
            directive.get_location(),
        )
        return None
    srcdir = Path(directive.env.srcdir)
    for folder in PREVIEW_FOLDERS:
        candidate = PurePosixPath(folder) / path
        if (srcdir / candidate).is_file():
            uri = "/" + candidate.as_posix()
            # a symlink that leads out of the source folder is refused, as for photos
            location = directive.get_location()
            if not inside_source(directive.env, uri, "publications: preview", location):
                return None
            return _preview(uri)
    inform(f"publications: preview {value[:80]!r} not found; left out", directive.get_location())
    return None


def _preview(uri: str) -> entry_preview:
    image = nodes.image(uri=uri, alt="")
    image["classes"].append("sa-preview")
    return entry_preview("", image, classes=["sa-preview-box"])


def grouped(publications: list[Publication], group: str) -> list[tuple[str, list[Publication]]]:
    """Publications in groups, with titles; one untitled group for ``none``."""
    if group == "none":
        return [("", publications)]
    groups: dict[str, list[Publication]] = {}
    for publication in publications:
        groups.setdefault(group_key(publication, group), []).append(publication)
    keys = list(groups)
    if group == "type":
        keys.sort(key=CATEGORIES.index)
    return [(group_title(key, group), groups[key]) for key in keys]


def group_title(key: str, group: str) -> str:
    if group == "type":
        return _(CATEGORY_TITLES[key])
    if not key:
        return _("Undated") if group == "year" else _("Other")
    return key
