"""schema.org ``Person`` data for the CV owner, from the ``profile`` directive.

The environment keeps it per page: the HTML builders write it into that page's ``<head>``,
the paper pages name the owner's author entry by its ``@id``, and the ``jsonresume``
builder reads ``basics`` from it.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING, Any

from ..core.publication import safe_url
from ..core.scholarly import json_script, one_line

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The anchor of the ``Person`` on the profile's page.
PERSON_ID = "#person"
#: Profile options whose links say "the same person" to a search engine.
SAME_AS = ("homepage", "orcid", "scholar", "github", "gitlab", "linkedin", "dblp", "researchgate")


def person_data(name: str, options: Mapping[str, str]) -> dict[str, Any]:
    """``Person`` JSON-LD from the profile's name and options (links already checked)."""
    from .profile import CONTACTS  # profile imports this module

    person: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": PERSON_ID,
        "name": one_line(name),
    }
    if options.get("headline"):
        person["jobTitle"] = one_line(options["headline"])
    if options.get("affiliation"):
        person["affiliation"] = {"@type": "Organization", "name": one_line(options["affiliation"])}
    for option, field in (("email", "email"), ("phone", "telephone")):
        value = one_line(options.get(option) or "")
        valid = CONTACTS[option].valid
        if value and valid is not None and valid.match(value):
            person[field] = value
    if options.get("location"):
        person["address"] = {
            "@type": "PostalAddress",
            "addressLocality": one_line(options["location"]),
        }
    urls: dict[str, str] = {}
    for option in SAME_AS:
        value = (options.get(option) or "").strip().lstrip("@")
        contact = CONTACTS[option]
        if not value or contact.url is None:
            continue
        if value.lower().startswith(("http://", "https://")):
            url = safe_url(value)
        elif contact.valid is None or contact.valid.match(value):
            url = safe_url(contact.url(value))
        else:
            url = None
        if url and url.lower().startswith(("http://", "https://")):
            urls[option] = url
    if "homepage" in urls:
        person["url"] = urls["homepage"]
    if urls:
        person["sameAs"] = list(urls.values())
    return person


def note_person(env: BuildEnvironment, name: str, options: Mapping[str, str]) -> None:
    """Keep the profile's ``Person`` for its page's ``<head>`` and for the paper pages."""
    people(env)[env.docname] = person_data(name, options)


def add_to_head(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put the page's ``Person`` in its ``<head>`` (the body stays free of scripts)."""
    person = people(app.env).get(pagename)
    if person is not None:
        context["metatags"] = context.get("metatags", "") + json_script(person) + "\n"


def people(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    """Page -> the ``Person`` its profile describes."""
    if not hasattr(env, "academic_people"):
        env.academic_people = {}  # type: ignore[attr-defined]
    return env.academic_people  # type: ignore[attr-defined, no-any-return]


def owner_person(env: BuildEnvironment) -> tuple[str, dict[str, Any]] | None:
    """The first page (by name) with a profile, and its ``Person``."""
    known = people(env)
    if not known:
        return None
    docname = min(known)
    return docname, known[docname]


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    people(env).pop(docname, None)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
) -> None:
    for docname, person in people(other).items():
        if docname in docnames:
            people(env)[docname] = person


def register(app: Sphinx) -> None:
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("html-page-context", add_to_head)
