"""What search engines read about a paper: Google Scholar's Highwire ``citation_*`` tags and
schema.org ``ScholarlyArticle`` data, and the escaping that keeps bib text inside them.

Pure Python over :class:`~.publication.Publication`; the Sphinx layer puts the results in
each paper page's ``<head>``.
"""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING, Any

from .names import latex_to_text
from .publication import CONFERENCE_TYPES, JOURNAL_TYPES, REPORT_TYPES, THESIS_TYPES

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .publication import Publication

#: Highwire's tag for the container's name, by entry type.
CONTAINER_TAGS: dict[str, str] = {
    **dict.fromkeys(CONFERENCE_TYPES, "citation_conference_title"),
    **dict.fromkeys(JOURNAL_TYPES, "citation_journal_title"),
    **dict.fromkeys(THESIS_TYPES, "citation_dissertation_institution"),
    **dict.fromkeys(REPORT_TYPES, "citation_technical_report_institution"),
    "incollection": "citation_inbook_title",
    "inbook": "citation_inbook_title",
}
#: Bib fields copied as they are (decoded from LaTeX) into a tag.
PLAIN_TAGS = (("volume", "citation_volume"), ("number", "citation_issue"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")
_PAGES = re.compile(r"^\s*([\w.]+)\s*(?:-+|–|—)\s*([\w.]+)\s*$")
_DOI = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
_ARXIV = re.compile(r"^(?:arxiv:)?\s*([\w.\-/]+?)(?:v\d+)?$", re.IGNORECASE)
#: What a ``<script>`` block must not contain as it is: ``</script>``, ``<!--``, and line
#: separators some JavaScript parsers end a line at.
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def one_line(text: str) -> str:
    """Text for an attribute: control characters dropped, whitespace runs made one space."""
    return _SPACE.sub(" ", _CONTROL.sub("", text)).strip()


def meta_tag(name: str, content: str) -> str:
    """``<meta name=… content=…>`` with both values escaped for an attribute."""
    return (
        f'<meta name="{html.escape(one_line(name), quote=True)}" '
        f'content="{html.escape(one_line(content), quote=True)}" />'
    )


def json_script(data: Any) -> str:
    """*data* as a JSON-LD ``<script>`` block that no string in it can end or break."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
    # json.dumps already writes control characters as \u escapes
    text = "".join(_SCRIPT_ESCAPES.get(char, char) for char in text)
    return f'<script type="application/ld+json">\n{text}\n</script>'


def _field(fields: Mapping[str, str], name: str) -> str:
    value = fields.get(name, "")
    return one_line(latex_to_text(value)) if value.strip() else ""


def arxiv_id(fields: Mapping[str, str]) -> str:
    """The arXiv identifier, without a version: ``arxiv`` or an arXiv ``eprint`` field."""
    value = fields.get("arxiv", "")
    if not value.strip() and fields.get("archiveprefix", "arxiv").strip().lower() == "arxiv":
        value = fields.get("eprint", "")
    value = re.sub(r"^https?://arxiv\.org/(?:abs|pdf)/", "", value.strip(), flags=re.IGNORECASE)
    match = _ARXIV.match(value.removesuffix(".pdf")) if value else None
    return match.group(1) if match else ""


def doi(fields: Mapping[str, str]) -> str:
    """The DOI itself (``10.1145/…``), without a resolver or ``doi:`` prefix."""
    value = _field(fields, "doi")
    return _DOI.sub("", value).strip()


def page_range(fields: Mapping[str, str]) -> tuple[str, str]:
    """First and last page from ``pages = {12--20}``; a single page is its own first page."""
    pages = _field(fields, "pages")
    match = _PAGES.match(pages)
    if match:
        return match.group(1), match.group(2)
    return (pages, "") if pages and " " not in pages else ("", "")


def publication_date(publication: Publication, separator: str = "/") -> str:
    """``2025/03`` for Highwire (``2025-03`` for schema.org), the year alone without a month."""
    if publication.year is None:
        return ""
    if publication.month:
        return f"{publication.year:04d}{separator}{publication.month:02d}"
    return f"{publication.year:04d}"


def _pdf_url(publication: Publication) -> str:
    for link in publication.links:
        if link.kind == "pdf" and re.match(r"^https?://", link.url, re.IGNORECASE):
            return link.url
    return ""


def highwire_tags(publication: Publication) -> list[tuple[str, str]]:
    """Google Scholar's tags for one paper, in the order its inclusion guidelines list them;
    one ``citation_author`` per author, in the bib's order."""
    tags: list[tuple[str, str]] = [("citation_title", one_line(publication.title))]
    tags.extend(
        ("citation_author", one_line(author.name))
        for author in publication.authors
        if author.name != "et al."
    )
    tags.append(("citation_publication_date", publication_date(publication)))
    container = CONTAINER_TAGS.get(publication.type)
    if container and publication.venue_name:
        tags.append((container, one_line(publication.venue_name)))
    tags.extend((tag, _field(publication.fields, name)) for name, tag in PLAIN_TAGS)
    first, last = page_range(publication.fields)
    tags += [("citation_firstpage", first), ("citation_lastpage", last)]
    tags += [("citation_doi", doi(publication.fields)), ("citation_pdf_url", _pdf_url(publication))]
    tags.append(("citation_arxiv_id", arxiv_id(publication.fields)))
    return [(name, value) for name, value in tags if value]


def scholarly_article(
    publication: Publication, url: str = "", owner: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """schema.org ``ScholarlyArticle`` for one paper; the owner's author entry refers to
    *owner* (the profile's ``Person``, by its ``@id``) when there is one."""
    authors: list[dict[str, Any]] = []
    for author in publication.authors:
        if author.name == "et al.":
            continue
        person: dict[str, Any] = {"@type": "Person", "name": one_line(author.name)}
        if author.is_owner and owner and owner.get("@id"):
            person["@id"] = owner["@id"]
        authors.append(person)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": one_line(publication.title),
        "name": one_line(publication.title),
        "author": authors,
    }
    date = publication_date(publication, "-")
    if date:
        data["datePublished"] = date
    if publication.venue_name:
        kind = "Periodical" if publication.type in JOURNAL_TYPES else "CreativeWork"
        data["isPartOf"] = {"@type": kind, "name": one_line(publication.venue_name)}
    abstract = _field(publication.fields, "abstract")
    if abstract:
        data["abstract"] = abstract
    award = _field(publication.fields, "award")
    if award:
        data["award"] = award
    identifier = doi(publication.fields)
    if identifier:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": identifier}
    same_as = [link.url for link in publication.links if link.kind in ("doi", "arxiv")]
    if same_as:
        data["sameAs"] = same_as
    if url:
        data["url"] = url
    return data
