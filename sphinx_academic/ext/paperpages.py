"""A page per paper (``academic_paper_pages = True``), for Google Scholar and for sharing.

Every bib entry that a ``publications`` list shows gets ``papers/<key>.html`` with the
paper's details, Highwire ``citation_*`` tags and schema.org data in its ``<head>``; the
list entries' titles link to it. The pages are made from the environment after the
documents are written (``html-collect-pages``), so they follow the bib and the lists in
every build, parallel or incremental; a page whose entry no list shows any more is removed.
Only ``html`` and ``dirhtml`` make them: a single page or a book has no place for them.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from docutils import nodes

from ..core.scholarly import highwire_tags, json_script, meta_tag, scholarly_article
from ..locale import _
from ..render.formatting import (
    BADGE_LABELS,
    EntryStyle,
    acceptance_nodes,
    authors_node,
    entry_paragraph,
    venue_node,
)
from ..render.nodes import entry_text, publication_item
from .bibdata import bib_entries, get_publication
from .bibexport import public_bibtex
from .structured import PERSON_ID, owner_person

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.publication import Publication

FOLDER = "papers"
#: The builders with a page per document, where a page per paper fits.
BUILDERS = frozenset({"html", "dirhtml"})
#: Next to Sphinx's ``.buildinfo``: the paper pages the last build wrote, so the next one
#: removes those it no longer makes (and nothing else).
MANIFEST = ".sphinx-academic-papers"


def register(app: Sphinx) -> None:
    app.add_config_value(
        "academic_paper_pages",
        False,
        "html",
        types=frozenset({bool}),
        description="A page per listed paper, with Google Scholar tags (html, dirhtml)",
    )
    app.connect("doctree-resolved", link_paper_pages)
    app.connect("html-collect-pages", collect_pages)
    app.connect("build-finished", remove_stale_pages)


def enabled(app: Sphinx) -> bool:
    return app.config.academic_paper_pages is True and app.builder.name in BUILDERS


def page_name(key: str) -> str:
    """``papers/<key>``: the key as it is where it is URL-safe, else cleaned with a short hash
    of the key, so two keys never share a page and a key keeps its page across builds."""
    folded = key.lower()
    slug = re.sub(r"[^a-z0-9._-]+", "-", folded).strip("-.")
    if slug != folded or not slug:
        slug = f"{slug or 'entry'}-{hashlib.sha1(folded.encode()).hexdigest()[:8]}"
    return f"{FOLDER}/{slug}"


def shown_keys(env: BuildEnvironment) -> dict[str, list[str]]:
    """Each bib key that a list shows (as the bib spells it) -> the pages showing it."""
    entries = bib_entries(env)
    domain: Any = env.get_domain("academic")
    shown: dict[str, list[str]] = {}
    for folded, places in sorted(domain.entries.items()):
        entry = entries.get(folded)
        if entry is not None:
            shown[entry.key] = sorted(places)
    return shown


def link_paper_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each list entry's title links to the paper's page (once the entries are written,
    ``doctree-resolved``)."""
    if not enabled(app):
        return
    for item in doctree.findall(publication_item):
        key = item.get("key")
        if not key or not item["ids"]:
            continue  # highlights: no anchor, not a list entry
        uri = app.builder.get_relative_uri(docname, page_name(key))
        for title in item.findall(nodes.inline):
            if "sa-title" in title["classes"]:
                link = nodes.reference("", "", refuri=uri, classes=["sa-paper-link"])
                link.extend(title.children)
                title.children = []
                title += link
                break


def _section(title: str, *children: nodes.Node, name: str) -> nodes.container:
    box = nodes.container(classes=["sa-paper-part", f"sa-paper-{name}"])
    box += nodes.rubric(title, title)
    box.extend(children)
    return box


def bibtex_block(bibtex: str) -> nodes.raw:
    """The BibTeX shown open, with the copy button that ``sphinx-academic.js`` turns on (it
    copies the ``<pre>`` just before it; without the script the button stays hidden)."""
    return nodes.raw(
        "",
        f'<div class="sa-panel"><pre class="sa-paper-bibtex">{html.escape(bibtex)}</pre>'
        f'<button type="button" class="sa-copy" hidden>{html.escape(_("Copy"))}</button></div>',
        format="html",
    )


def paper_nodes(
    publication: Publication, style: EntryStyle, back: str, bibtex: str
) -> nodes.Element:
    """The paper page's body below its title: authors, venue and acceptance, award, abstract, links,
    how to cite it and its BibTeX."""
    page = nodes.container(classes=["sa-paper"])
    page += entry_text("", "", authors_node(publication, style), classes=["sa-paper-authors"])
    venue = entry_text("", "", venue_node(publication), classes=["sa-paper-venue"])
    if publication.acceptance is not None:
        venue.extend(acceptance_nodes(publication.acceptance, style))
    page += venue
    award = publication.award
    if award:
        page += entry_text(award, award, classes=["sa-award"])
    abstract = publication.abstract
    if abstract:
        page += _section(_("Abstract"), entry_text(abstract, abstract), name="abstract")
    links = entry_text(classes=["sa-badges"])
    for link in publication.links:
        label = BADGE_LABELS.get(link.kind, link.kind)
        if links.children:
            links += nodes.Text(" · ")
        links += nodes.reference(label, label, refuri=link.url, classes=[f"sa-badge-{link.kind}"])
    if links.children:
        page += _section(_("Links"), links, name="links")
    plain = EntryStyle(**{**vars(style), "links": frozenset()})
    cited = entry_paragraph(publication, plain, with_acceptance=False)
    page += _section(_("Cited as"), cited, name="cited")
    page += _section("BibTeX", bibtex_block(bibtex), name="bibtex")
    back_label = _("All publications")
    page += nodes.paragraph(
        "", "", nodes.reference(back_label, back_label, refuri=back), classes=["sa-paper-back"]
    )
    return page


def _owner(app: Sphinx, pagename: str) -> dict[str, Any] | None:
    """The profile's ``Person`` as seen from *pagename*: its ``@id`` leads to the profile."""
    found = owner_person(app.env)
    if found is None:
        return None
    docname, person = found
    uri = _page_url(app, pagename, docname) + PERSON_ID
    return {**person, "@id": uri}


def _page_url(app: Sphinx, pagename: str, target: str) -> str:
    """*target*'s address: absolute under ``html_baseurl``, else relative to *pagename*."""
    builder: Any = app.builder
    if app.config.html_baseurl:
        base = str(app.config.html_baseurl).rstrip("/") + "/"
        return urljoin(base, str(builder.get_target_uri(target)))
    return str(builder.get_relative_uri(pagename, target))


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The paper pages, for the HTML builder to write with the theme's ``page.html``."""
    if not enabled(app):
        return
    builder: Any = app.builder
    env = app.env
    style = EntryStyle.from_config(app.config)
    written: list[str] = []
    for key, pages in shown_keys(env).items():
        publication = get_publication(env, key, report=False)
        if publication is None:
            continue
        pagename = page_name(key)
        back = builder.get_relative_uri(pagename, pages[0])
        # the title is written here: a section title would need the numbering state that
        # Sphinx keeps only while it writes documents
        title = html.escape(publication.title or key)
        body = f'<section id="paper">\n<h1>{title}</h1>\n'
        bibtex = public_bibtex(bib_entries(env)[key], app.config)
        parts = paper_nodes(publication, style, back, bibtex)
        body += builder.render_partial(parts)["fragment"]
        body += "</section>\n"
        url = _page_url(app, pagename, pagename) if app.config.html_baseurl else ""
        head = [meta_tag(name, value) for name, value in highwire_tags(publication)]
        head.append(json_script(scholarly_article(publication, url, _owner(app, pagename))))
        written.append(pagename)
        yield (
            pagename,
            {
                "title": title,
                "body": body,
                "metatags": "\n".join(head) + "\n",
                "sourcename": "",
                "toc": "",
                "display_toc": False,
            },
            "page.html",
        )
    _write_manifest(app, written)


def _manifest(app: Sphinx) -> Path:
    return Path(app.outdir, MANIFEST)


def _write_manifest(app: Sphinx, pagenames: list[str]) -> None:
    previous = _read_manifest(app)
    app.env.academic_stale_papers = sorted(set(previous) - set(pagenames))  # type: ignore[attr-defined]
    _manifest(app).write_text("".join(f"{name}\n" for name in pagenames), encoding="utf-8")


def _read_manifest(app: Sphinx) -> list[str]:
    try:
        text = _manifest(app).read_text(encoding="utf-8")
    except OSError:
        return []
    return [line for line in text.splitlines() if line.startswith(FOLDER + "/")]


def remove_stale_pages(app: Sphinx, exception: Exception | None) -> None:
    """Remove the pages of papers no list shows any more (or all, when turned off)."""
    if exception is not None or app.builder.name not in BUILDERS:
        return
    stale = getattr(app.env, "academic_stale_papers", None)
    if stale is None:  # paper pages are off: the last build's pages all go
        stale = _read_manifest(app)
        if stale:
            _manifest(app).unlink(missing_ok=True)
    app.env.academic_stale_papers = None  # type: ignore[attr-defined]
    outdir = Path(app.outdir).resolve()
    builder: Any = app.builder
    for pagename in stale:
        path = Path(builder.get_outfilename(pagename)).resolve()
        # a hand-edited manifest cannot reach past papers/
        if path.is_relative_to(outdir / FOLDER) and path.is_file():
            path.unlink()
            if app.builder.name == "dirhtml" and not any(path.parent.iterdir()):
                path.parent.rmdir()
