"""Where each publication is shown, so ``pub`` roles link to it from any page."""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.util.nodes import make_refnode

from ..render.nodes import publication_item

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.tags import Tags


#: Where a key is shown on one page: its anchors, each with the ``only`` conditions around it.
Places = list[tuple[str, tuple[str, ...]]]


class AcademicDomain(Domain):
    """Records publication anchors per page and the pages that link to them."""

    name = "academic"
    label = "Academic"
    data_version = 2
    initial_data: ClassVar[dict[str, Any]] = {
        "entries": {},  # folded key -> {docname: [(anchor, only-conditions), ...]}
        "references": {},  # docname -> set of folded keys it links with ``pub``
    }

    @property
    def entries(self) -> dict[str, dict[str, Places]]:
        return self.data.setdefault("entries", {})  # type: ignore[no-any-return]

    @property
    def references(self) -> dict[str, set[str]]:
        return self.data.setdefault("references", {})  # type: ignore[no-any-return]

    def note_reference(self, key: str, docname: str) -> None:
        self.references.setdefault(docname, set()).add(key.lower())

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Note every publication's anchor once the page is parsed, with any ``only`` around it."""
        for item in document.findall(publication_item):
            key = item.get("key")
            if not key or not item["ids"]:
                continue  # highlights reuse the item node without an anchor of their own
            conditions = tuple(
                parent["expr"] for parent in _ancestors(item) if isinstance(parent, addnodes.only)
            )
            places = self.entries.setdefault(key.lower(), {}).setdefault(docname, [])
            places.append((item["ids"][0], conditions))

    def target(self, key: str, fromdocname: str, tags: Tags) -> tuple[str, str] | None:
        """The page and anchor showing *key*: this page first, else the first page by name.

        An anchor inside an ``only`` block that this builder leaves out does not count.
        """
        pages = self.entries.get(key.lower(), {})
        for docname in sorted(pages, key=lambda name: (name != fromdocname, name)):
            for anchor, conditions in pages[docname]:
                if all(_holds(tags, condition) for condition in conditions):
                    return docname, anchor
        return None

    def clear_doc(self, docname: str) -> None:
        for key in list(self.entries):
            places = self.entries[key]
            if places.pop(docname, None) is not None:
                _list_pages_changed.add(docname)
            if not places:
                del self.entries[key]
        self.references.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key, places in otherdata.get("entries", {}).items():
            for docname, anchors in places.items():
                if docname in docnames:
                    self.entries.setdefault(key, {})[docname] = anchors
        for docname, keys in otherdata.get("references", {}).items():
            if docname in docnames:
                self.references.setdefault(docname, set()).update(keys)

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        place = self.target(target, fromdocname, builder.tags)
        if place is None:
            return None  # see keep_unlinked_text
        docname, anchor = place
        return make_refnode(builder, fromdocname, docname, anchor, contnode, target)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        return []


def _ancestors(node: nodes.Element) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _holds(tags: Tags, condition: str) -> bool:
    try:
        return bool(tags.eval_condition(condition))
    except Exception:  # Sphinx itself reports a bad expression where it filters the block
        return True


def keep_unlinked_text(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.Element | None:
    """A ``pub`` role whose entry is on no page shows its tag unlinked, without a warning."""
    if node.get("refdomain") == "academic":
        return contnode
    return None


_read_now: set[str] = set()
_list_pages_changed: set[str] = set()


def remember_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _read_now.clear()
    _read_now.update(docnames)


def pages_linking_moved_entries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """When a page with publication lists was re-read or removed, rewrite the pages linking in.

    Their ``pub`` links point at anchors on those pages, which may have moved or gone.
    """
    domain = env.get_domain("academic")
    assert isinstance(domain, AcademicDomain)
    list_pages = {docname for places in domain.entries.values() for docname in places}
    changed = (_read_now & list_pages) | _list_pages_changed
    _list_pages_changed.clear()
    if not changed:
        return []
    return sorted(docname for docname in domain.references if docname not in _read_now)
