"""The ``jsonresume`` builder: the CV as ``resume.json`` (https://jsonresume.org).

From the same source as the HTML and PDF: the ``profile`` gives ``basics``, each
``timeline`` the section its ``:resume:`` option names (or its heading suggests), and
every listed publication an entry of ``publications``, with its authors, venue and
acceptance figure in ``x-`` extension fields that other tools ignore.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.builders import Builder

from ..core.scholarly import one_line, publication_date
from ..ext.bibdata import get_publication
from ..ext.structured import owner_person
from ..render.nodes import (
    profile_block,
    publication_item,
    timeline_block,
    timeline_entry,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from ..core.publication import Publication

OUTPUT = "resume.json"
SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
#: A timeline without ``:resume:`` goes where a word of its section's heading says.
HEADING_SECTIONS = {
    "education": "education",
    "employment": "work",
    "experience": "work",
    "work": "work",
    "positions": "work",
    "projects": "projects",
    "research": "projects",
    "volunteer": "volunteer",
    "service": "volunteer",
    "awards": "awards",
    "honors": "awards",
    "honours": "awards",
    "certificates": "certificates",
}
#: Where an entry's parts go in each section: title, organisation, place, summary.
FIELDS = {
    "work": ("position", "name", "location", "summary"),
    "education": ("area", "institution", None, None),
    "projects": ("name", "entity", None, "description"),
    "volunteer": ("position", "organization", None, "summary"),
    "awards": ("title", "awarder", None, "summary"),
    "certificates": ("name", "issuer", None, None),
}
#: Sections with one date, not a span.
DATED_ONCE = frozenset({"awards", "certificates"})
NETWORKS = {
    "github.com": "GitHub",
    "gitlab.com": "GitLab",
    "linkedin.com": "LinkedIn",
    "scholar.google.com": "Google Scholar",
    "orcid.org": "ORCID",
    "dblp.org": "DBLP",
    "researchgate.net": "ResearchGate",
}


def _text(node: nodes.Node | None) -> str:
    return one_line(node.astext()) if node is not None else ""


def _first(node: nodes.Element, css_class: str) -> nodes.Element | None:
    for child in node.findall(nodes.Element):
        if css_class in child.get("classes", ()):
            return child
    return None


def _section_of(block: timeline_block) -> str | None:
    if block.get("resume"):
        return str(block["resume"])
    parent = block.parent
    while parent is not None:
        if isinstance(parent, nodes.section) and parent.children:
            for word in re.findall(r"\w+", parent[0].astext().lower()):
                if word in HEADING_SECTIONS:
                    return HEADING_SECTIONS[word]
        parent = parent.parent
    return None


def timeline_item(entry: timeline_entry, section: str) -> dict[str, Any]:
    """One timeline entry in the section's own field names."""
    title_field, org_field, place_field, summary_field = FIELDS[section]
    item: dict[str, Any] = {title_field: _text(_first(entry, "sa-entry-title"))}
    organisation = _text(_first(entry, "sa-org"))
    if organisation and org_field:
        item[org_field] = organisation
    place = _text(_first(entry, "sa-location"))
    if place and place_field:
        item[place_field] = place
    body = _first(entry, "sa-entry-body")
    paragraphs = [
        _text(paragraph)
        for paragraph in (body.children if body is not None else [])
        if isinstance(paragraph, nodes.paragraph) and not paragraph.get("classes")
    ]
    if paragraphs and summary_field:
        item[summary_field] = " ".join(paragraphs)
    highlights = [_text(bullet) for bullet in entry.findall(nodes.list_item)]
    if highlights and section in ("work", "projects", "volunteer"):
        item["highlights"] = highlights
    tags = [_text(tag) for tag in entry.findall(nodes.inline) if "sa-tag" in tag["classes"]]
    if tags and section == "projects":
        item["keywords"] = tags
    links = [ref["refuri"] for ref in entry.findall(nodes.reference) if _web(ref.get("refuri"))]
    if links and section not in ("awards",):
        item["url"] = links[0]
    if entry.get("start"):
        if section in DATED_ONCE:
            item["date"] = entry["start"]
        else:
            item["startDate"] = entry["start"]
            if entry.get("end"):
                item["endDate"] = entry["end"]
    return item


def _web(url: object) -> bool:
    return isinstance(url, str) and urlsplit(url).scheme in ("http", "https")


def publication_item_data(publication: Publication) -> dict[str, Any]:
    """A paper in JSON Resume's ``publications``, the rest in ``x-`` fields."""
    item: dict[str, Any] = {"name": one_line(publication.title)}
    venue = publication.venue_name or publication.venue_abbr
    if venue:
        item["publisher"] = one_line(venue)
    date = publication_date(publication, "-")
    if date:
        item["releaseDate"] = date
    for kind in ("doi", "url", "arxiv", "pdf", "html"):
        url = next((link.url for link in publication.links if link.kind == kind), "")
        if _web(url):
            item["url"] = url
            break
    abstract = publication.fields.get("abstract", "")
    if abstract.strip():
        from ..core.names import latex_to_text

        item["summary"] = one_line(latex_to_text(abstract))
    item["x-key"] = publication.key
    item["x-type"] = publication.category
    if publication.venue_abbr:
        item["x-venue"] = one_line(publication.venue_abbr)
    item["x-authors"] = [
        {
            "name": one_line(author.name),
            **({"owner": True} if author.is_owner else {}),
            **({"roles": sorted(author.roles)} if author.roles else {}),
        }
        for author in publication.authors
    ]
    note = publication.acceptance
    if note is not None:
        figure = note.figure
        acceptance: dict[str, Any] = {"rate": round(figure.rate, 2), "source": figure.source}
        if figure.submitted:
            acceptance.update(accepted=figure.accepted, submitted=figure.submitted)
        item["x-acceptance"] = acceptance
    return item


def basics(person: dict[str, Any], summary: str) -> dict[str, Any]:
    """``basics`` from the profile's ``Person`` data."""
    data: dict[str, Any] = {"name": person.get("name", "")}
    if person.get("jobTitle"):
        data["label"] = person["jobTitle"]
    if person.get("email"):
        data["email"] = person["email"]
    if person.get("telephone"):
        data["phone"] = person["telephone"]
    if person.get("url"):
        data["url"] = person["url"]
    if summary:
        data["summary"] = summary
    locality = person.get("address", {}).get("addressLocality")
    if locality:
        data["location"] = {"address": locality}
    profiles = []
    for url in person.get("sameAs", []):
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        if host in NETWORKS:
            username = urlsplit(url).path.strip("/").split("/")[-1].removesuffix(".html")
            query = urlsplit(url).query
            if host == "scholar.google.com" and query.startswith("user="):
                username = query.removeprefix("user=")
            profiles.append({"network": NETWORKS[host], "username": username, "url": url})
    if profiles:
        data["profiles"] = profiles
    return data


class JSONResumeBuilder(Builder):
    """Writes ``resume.json`` from every page's profile, timelines and publication lists."""

    name = "jsonresume"
    format = "jsonresume"
    epilog = "The JSON Resume file is in %(outdir)s."
    allow_parallel = False

    def get_outdated_docs(self) -> Iterator[str]:
        yield from sorted(self.env.found_docs)  # one file from all pages: always rewritten

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        resume: dict[str, Any] = {"$schema": SCHEMA}
        summary = ""
        sections: dict[str, list[dict[str, Any]]] = {}
        papers: list[dict[str, Any]] = []
        seen: set[str] = set()
        for docname in sorted(self.env.found_docs):
            # as read: the entries are read by key, not from their written text
            doctree = self.env.get_doctree(docname)
            for profile in doctree.findall(profile_block):
                summary = summary or _text(_first(profile, "sa-profile-summary"))
            for block in doctree.findall(timeline_block):
                section = _section_of(block)
                if section is None:
                    continue
                items = sections.setdefault(section, [])
                items.extend(
                    timeline_item(entry, section)
                    for entry in block.children
                    if isinstance(entry, timeline_entry)
                )
            for item in doctree.findall(publication_item):
                key = item.get("key")
                if not key or key.lower() in seen or not item["ids"]:
                    continue
                publication = get_publication(self.env, key, report=False)
                if publication is not None:
                    seen.add(key.lower())
                    papers.append(publication_item_data(publication))
        found = owner_person(self.env)
        if found is not None:
            resume["basics"] = basics(found[1], summary)
        resume.update(sections)
        if papers:
            resume["publications"] = papers
        text = json.dumps(resume, ensure_ascii=False, indent=2) + "\n"
        Path(self.outdir, OUTPUT).write_text(text, encoding="utf-8")
