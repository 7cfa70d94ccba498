"""The ``pub``, ``venues`` and ``acceptance`` roles."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from ..core.publication import AcceptanceNote
from ..render.formatting import EntryStyle, acceptance_nodes
from .bibdata import format_options, get_publication, note_dependencies, note_venue_tables
from .warnings import warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

_VENUE_YEAR = re.compile(r"^(?P<name>.*?)\s*['\u2019]?(?P<year>(?:19|20)\d{2}|\d{2})$")
_ACCEPTANCE = re.compile(r"^(?P<name>.+?)\s+(?P<year>(?:19|20)\d{2})(?:\s+(?P<track>.+))?$")


def pub_reference(
    env: BuildEnvironment, key: str, text: str | None = None, location: Any = None
) -> nodes.Node:
    """A link to *key*'s entry wherever a publication list shows it, as its short tag.

    Shared by the ``pub`` role, timeline ``:pubs:`` and highlights. An unknown
    key warns and shows the key itself.
    """
    note_dependencies(env)
    publication = get_publication(env, key)
    if publication is None:
        warn(f"unknown bib key {key!r}", "key", location)
        shown = text or key
        return nodes.inline(shown, shown, classes=["sa-pub", "sa-missing"])
    shown = text or publication.short_tag
    env.get_domain("academic").note_reference(publication.key, env.docname)  # type: ignore[attr-defined]
    reference = addnodes.pending_xref(
        "",
        refdoc=env.docname,
        refdomain="academic",
        reftype="pub",
        reftarget=publication.key,
        refexplicit=True,
        refwarn=False,
    )
    reference += nodes.inline(shown, shown, classes=["sa-pub"])
    return reference


class PubRole(SphinxRole):
    """``{pub}`key``` → the entry's short venue tag (``INFOCOM22``), linked to the entry."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        has_title, title, key = split_explicit_title(self.text)
        node = pub_reference(
            self.env, key.strip(), title if has_title else None, self.get_location()
        )
        if isinstance(node, nodes.Element):
            self.set_source_info(node)
        return [node], []


def short_years(text: str, canonical: dict[str, str] | None = None) -> str:
    """``CVPR 2025, CVPR 2026, ICCV 2023`` → ``CVPR25/26, ICCV23``, in order of first mention."""
    groups: dict[str, list[str]] = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        match = _VENUE_YEAR.match(item)
        name, year = (match.group("name").strip(), match.group("year")) if match else (item, "")
        if not name:  # a bare year continues the previous venue: "CVPR 2025, 2026"
            name = next(reversed(groups), "") if groups else ""
        if canonical is not None:
            name = canonical.get(name, name)
        years = groups.setdefault(name, [])
        short = year[-2:] if year else ""
        if short and short not in years:
            years.append(short)
    return ", ".join(name + "/".join(years) for name, years in groups.items())


class VenuesRole(SphinxRole):
    """``{venues}`CVPR 2025, CVPR 2026, ICCV 2023``` → ``CVPR25/26, ICCV23``."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        note_venue_tables(self.env)
        table = format_options(self.env).table
        names: dict[str, str] = {}
        for item in self.text.split(","):
            match = _VENUE_YEAR.match(item.strip())
            name = match.group("name").strip() if match else item.strip()
            if name and name not in names:
                # a long name becomes its abbreviation; a short one stays as written
                names[name] = (table.canonical(name) or name) if " " in name else name
        text = short_years(self.text, names)
        node = nodes.inline(text, text, classes=["sa-venues"])
        self.set_source_info(node)
        return [node], []


class AcceptanceRole(SphinxRole):
    """``{acceptance}`NeurIPS 2023``` → ``NeurIPS 2023 (acceptance rate~26.1% [3,218/12,343])``."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        text = self.text.strip()
        node = nodes.inline(text, text, classes=["sa-acceptance-role"])
        self.set_source_info(node)
        match = _ACCEPTANCE.match(text)
        if not match:
            warn(f"acceptance: {text!r} is not 'VENUE YEAR [TRACK]'", "option", self.get_location())
            return [node], []
        note_venue_tables(self.env)
        table = format_options(self.env).table
        explicit_track = (match.group("track") or "").strip().lower() or None
        # recognise() reads tracks in the name too: "Findings of EMNLP 2023" is never main-track
        recognised = table.recognise(container=match.group("name"), track=explicit_track)
        venue, track = recognised.venue, recognised.track
        if recognised.leftover:  # the same rule as the lists: no figure for an unknown track
            found = None
            reason = f"the track is not identified ({', '.join(recognised.leftover)})"
        else:
            found = table.lookup(venue, int(match.group("year")), track) if venue else None
            reason = "the venue table has no figure"
        if found is None:
            warn(f"acceptance: {reason} for {text!r}", "venue", self.get_location())
            return [node], []
        style = EntryStyle.from_config(self.config)
        note = AcceptanceNote(found.figure, "table", user_file=found.user_file)
        node.extend(acceptance_nodes(note, style))
        return [node], []
