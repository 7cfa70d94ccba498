"""Where each publication is shown, so ``pub`` roles link to it from any page."""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


class AcademicDomain(Domain):
    """Records publication anchors per page and the pages that link to them."""

    name = "academic"
    label = "Academic"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {
        "entries": {},  # folded key -> {docname: anchor}
        "references": {},  # docname -> set of folded keys it links with ``pub``
    }

    @property
    def entries(self) -> dict[str, dict[str, str]]:
        return self.data.setdefault("entries", {})  # type: ignore[no-any-return]

    @property
    def references(self) -> dict[str, set[str]]:
        return self.data.setdefault("references", {})  # type: ignore[no-any-return]

    def note_entry(self, key: str, docname: str, anchor: str) -> None:
        self.entries.setdefault(key.lower(), {}).setdefault(docname, anchor)

    def note_reference(self, key: str, docname: str) -> None:
        self.references.setdefault(docname, set()).add(key.lower())

    def target(self, key: str, fromdocname: str) -> tuple[str, str] | None:
        """The page and anchor showing *key*: this page first, else the first page by name."""
        places = self.entries.get(key.lower())
        if not places:
            return None
        if fromdocname in places:
            return fromdocname, places[fromdocname]
        docname = min(places)
        return docname, places[docname]

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
            for docname, anchor in places.items():
                if docname in docnames:
                    self.entries.setdefault(key, {})[docname] = anchor
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
        place = self.target(target, fromdocname)
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
