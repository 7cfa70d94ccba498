"""The ``profile`` directive: the CV header with name, headline, contact links and summary."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ..core.publication import safe_url
from ..locale import _
from ..render.nodes import (
    contact_icon,
    contact_item,
    contact_list,
    profile_block,
    profile_headline,
    profile_name,
)
from .options import choice, inside_source
from .structured import note_person
from .warnings import warn

_HANDLE = re.compile(r"^[\w.\-]{1,100}$")
_EMAIL = re.compile(r"^[\w.+\-']+@[\w\-]+(\.[\w\-]+)+$")
_ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
_DBLP = re.compile(r"^[\w\-]{1,20}/[\w\-]{1,40}$")


@dataclass(frozen=True)
class Contact:
    """How one contact option becomes a link: a valid value, its URL and its shown text."""

    label: str  # for the link's title, translated at use
    valid: re.Pattern[str] | None
    url: Callable[[str], str] | None
    text: Callable[[str], str] = str


#: In display order. Each option takes a handle or id; a full http(s) URL works too.
CONTACTS: dict[str, Contact] = {
    "email": Contact("Email", _EMAIL, lambda v: f"mailto:{v}"),
    "phone": Contact("Phone", re.compile(r"^[+\d][\d\s().\-]{3,30}$"), None),
    "homepage": Contact(
        "Homepage", None, lambda v: v, lambda v: re.sub(r"^https?://(www\.)?", "", v).rstrip("/")
    ),
    "github": Contact(
        "GitHub", _HANDLE, lambda v: f"https://github.com/{v}", lambda v: f"github.com/{v}"
    ),
    "gitlab": Contact(
        "GitLab", _HANDLE, lambda v: f"https://gitlab.com/{v}", lambda v: f"gitlab.com/{v}"
    ),
    "linkedin": Contact(
        "LinkedIn",
        _HANDLE,
        lambda v: f"https://www.linkedin.com/in/{v}",
        lambda v: f"linkedin.com/in/{v}",
    ),
    "scholar": Contact(
        "Google Scholar",
        _HANDLE,
        lambda v: f"https://scholar.google.com/citations?user={v}",
        lambda v: "Google Scholar",
    ),
    "orcid": Contact("ORCID", _ORCID, lambda v: f"https://orcid.org/{v}"),
    "dblp": Contact("DBLP", _DBLP, lambda v: f"https://dblp.org/pid/{v}.html", lambda v: "DBLP"),
    "researchgate": Contact(
        "ResearchGate",
        _HANDLE,
        lambda v: f"https://www.researchgate.net/profile/{v}",
        lambda v: "ResearchGate",
    ),
    "twitter": Contact("X", _HANDLE, lambda v: f"https://x.com/{v.lstrip('@')}", lambda v: f"@{v}"),
    "location": Contact("Location", None, None),
}
ICONS = {"twitter": "twitter"}
#: ``:page-title:``: how the title of the page the profile heads is shown. The title
#: stays in the document for the browser tab, navigation and search either way.
PAGE_TITLES = ("small", "show", "hide")


def contact_node(option: str, value: str, location: object) -> contact_item | None:
    """One contact as icon + link (or text), or None (with a warning) for a bad value."""
    contact = CONTACTS[option]
    value = value.strip()
    url: str | None = None
    if re.match(r"^https?://", value, re.IGNORECASE) and contact.url is not None:
        url, text = safe_url(value), re.sub(r"^https?://(www\.)?", "", value).rstrip("/")
    elif contact.valid is not None and not contact.valid.match(value.lstrip("@")):
        warn(
            f"profile: :{option}: {value[:80]!r} is not a valid {contact.label}", "option", location
        )
        return None
    else:
        url = safe_url(contact.url(value.lstrip("@"))) if contact.url else None
        text = contact.text(value.lstrip("@"))
    if contact.url is not None and url is None:
        warn(f"profile: :{option}: {value[:80]!r} is not an http(s) address", "link", location)
        return None
    # an inline holds the parts: writers expect a reference inside a text element
    body = nodes.inline(classes=["sa-contact-body"])
    body += contact_icon(icon=ICONS.get(option, option))
    shown = nodes.inline(text, text, classes=["sa-contact-text"])
    if url:
        body += nodes.reference("", "", shown, refuri=url, reftitle=_(contact.label))
    else:
        body += shown
    return contact_item("", body, classes=["sa-contact", f"sa-contact-{option}"])


class ProfileDirective(SphinxDirective):
    """The CV header."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "headline": directives.unchanged,
        "affiliation": directives.unchanged,
        "photo": directives.uri,
        "pdf": directives.uri,
        "page-title": directives.unchanged,
        "class": directives.class_option,
        "name": directives.unchanged,
        **dict.fromkeys(CONTACTS, directives.unchanged),
    }

    def run(self) -> list[nodes.Node]:
        block = profile_block(classes=["sa-profile", *self.options.get("class", [])])
        self.set_source_info(block)
        self.add_name(block)
        photo = self.options.get("photo")
        if photo and (safe_url(photo) is None or photo.lower().startswith("mailto:")):
            warn(
                f"profile: :photo: {photo[:80]!r} dropped: only http(s) and relative "
                "image paths are allowed",
                "link",
                self.get_location(),
            )
            photo = None
        if photo and not inside_source(self.env, photo, "profile: :photo:", self.get_location()):
            photo = None
        if photo:
            # dark-light: pydata-sphinx-theme's opt-out from its white backdrop for images
            block += nodes.image(
                uri=photo,
                alt=self.arguments[0],
                classes=["sa-profile-photo", "dark-light"],
            )
        main = nodes.container(classes=["sa-profile-main"])
        name = self.arguments[0]
        main += profile_name(name, name, classes=["sa-profile-name"])
        if self.options.get("headline"):
            headline = self.options["headline"]
            main += profile_headline(headline, headline, classes=["sa-profile-headline"])
        contacts = contact_list(classes=["sa-contacts"], support_smartquotes=False)
        for option in CONTACTS:
            if self.options.get(option):
                item = contact_node(option, self.options[option], self.get_location())
                if item is not None:
                    contacts += item
        pdf = self._pdf_link()
        if pdf is not None:
            contacts += pdf
        if contacts.children:
            main += contacts
        if self.content:
            summary = nodes.container(classes=["sa-profile-summary"])
            summary.extend(self.parse_content_to_nodes())
            main += summary
        block += main
        block["page_title"] = choice(self, "page-title", PAGE_TITLES, "small")
        note_person(self.env, name, self.options)
        return [block]

    def _pdf_link(self) -> contact_item | None:
        """``:pdf:``: a "Download PDF" link in the contact row, in HTML only."""
        target = (self.options.get("pdf") or "").strip()
        if not target:
            return None
        url = safe_url(target)
        if url is None or url.lower().startswith("mailto:"):
            warn(
                f"profile: :pdf: {target[:80]!r} dropped: only http(s) and relative links "
                "are allowed",
                "link",
                self.get_location(),
            )
            return None
        text = _("Download PDF")
        body = nodes.inline(classes=["sa-contact-body"])
        body += contact_icon(icon="download")
        shown = nodes.inline(text, text, classes=["sa-contact-text"])
        body += nodes.reference("", "", shown, refuri=url, reftitle=text)
        return contact_item("", body, classes=["sa-contact", "sa-contact-pdf"], html_only=True)


class StylePageTitle(SphinxTransform):
    """Mark the title of the page a profile heads (``:page-title:``) as small or hidden.

    Only the page's own title: a profile inside a subsection leaves every heading alone.
    """

    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        for block in self.document.findall(profile_block):
            shown = block.get("page_title", "show")
            section = block.parent
            while section is not None and not isinstance(section, nodes.section):
                section = section.parent
            if shown == "show" or section is None or section.parent is not self.document:
                continue
            title = section[0] if section.children else None
            if isinstance(title, nodes.title):
                title["classes"].extend(["sa-page-title", f"sa-page-title-{shown}"])
