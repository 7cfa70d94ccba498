"""Parsing of the CV directives' option values, and the small nodes they turn into."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from docutils import nodes

from ..core.numbers import whole_number
from ..core.publication import safe_url
from .warnings import warn

if TYPE_CHECKING:
    from collections.abc import Collection

    from sphinx.environment import BuildEnvironment
    from sphinx.util.docutils import SphinxDirective

_Default = TypeVar("_Default", int, None)
_LINK = re.compile(r"^(?P<label>.*?)\s*<(?P<url>[^<>]+)>$")
# a comma outside <...>: link lists such as "A <https://x/a,b>, B <https://y>"
_ITEM_SPLIT = re.compile(r",(?![^<]*>)")


def choice(directive: SphinxDirective, name: str, allowed: Collection[str], default: str) -> str:
    """The option's value, case-insensitive; a value not in *allowed* warns and gives *default*."""
    value = (directive.options.get(name) or "").strip().lower()
    if not value:
        return default
    if value not in allowed:
        warn(
            f"{directive.name}: :{name}: {value!r} is not one of {', '.join(allowed)}; "
            f"using {default!r}",
            "option",
            directive.get_location(),
        )
        return default
    return value


#: The largest number an option takes (``:max:``, ``:start:``).
MAX_OPTION_NUMBER = 1_000_000


def number_option(directive: SphinxDirective, name: str, default: _Default) -> int | _Default:
    """The option as a whole number from 0 to MAX_OPTION_NUMBER; anything else warns and
    gives *default* (None: the option is ignored)."""
    text = directive.options.get(name) or ""
    if not text.strip():
        return default
    value = whole_number(text, MAX_OPTION_NUMBER)
    if value is None:
        warn(
            f"{directive.name}: :{name}: {text.strip()[:40]!r} is not a whole number "
            f"from 0 to {MAX_OPTION_NUMBER:,}; "
            + ("ignoring it" if default is None else f"using {default}"),
            "option",
            directive.get_location(),
        )
    return default if value is None else value


def comma_list(text: str | None) -> list[str]:
    """``A, B, C`` → ``["A", "B", "C"]`` (empty items dropped)."""
    return [item.strip() for item in _ITEM_SPLIT.split(text or "") if item.strip()]


def parse_links(text: str | None, option: str, location: Any) -> list[tuple[str, str]]:
    """``Label <url>, <url>, url`` → (label, url) pairs; unsafe or empty links warn and drop."""
    links: list[tuple[str, str]] = []
    for item in comma_list(text):
        match = _LINK.match(item)
        label, url = (match.group("label"), match.group("url")) if match else ("", item)
        safe = safe_url(url)
        if safe is None:
            warn(
                f":{option}: link {url[:80]!r} dropped: only http(s), mailto and relative "
                "links are allowed",
                "link",
                location,
            )
            continue
        links.append((label or _short_url(safe), safe))
    return links


def inside_source(env: BuildEnvironment, path: str, what: str, location: Any) -> bool:
    """Whether a local *path* from a document stays inside the source folder, symlinks
    followed; one that leaves it (``../../../proc/self/environ``) warns, as Sphinx would
    copy it into the output."""
    if urlsplit(path).scheme:
        return True  # a URL, not a file
    _, absolute = env.relfn2path(path, env.docname)
    srcdir = Path(env.srcdir).resolve()
    if Path(absolute).resolve().is_relative_to(srcdir):
        return True
    warn(
        f"{what} {path[:80]!r} dropped: a local file must be inside the source folder",
        "link",
        location,
    )
    return False


def _short_url(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url).rstrip("/")


def link_nodes(links: list[tuple[str, str]], css_class: str) -> list[nodes.Node]:
    """Repository links after a repository icon, separated by commas; each name is one
    ``sa-repo`` span, which print never hyphenates."""
    from ..render.nodes import contact_icon

    result: list[nodes.Node] = [contact_icon(icon="repo")] if links else []
    for index, (label, url) in enumerate(links):
        if index:
            result.append(nodes.Text(", "))
        name = nodes.inline(label, label, classes=["sa-repo"])
        result.append(nodes.reference("", "", name, refuri=url, classes=[css_class]))
    return result


def pubs_paragraph(
    env: BuildEnvironment, keys: list[str], label: str, location: Any
) -> nodes.paragraph:
    """``Publications: KDD23, NeurIPS23`` with each tag linked to its entry."""
    from .roles import pub_reference  # roles imports the bib adapter; keep this module light

    paragraph = nodes.paragraph(classes=["sa-entry-pubs"])
    paragraph += nodes.inline(label, label, classes=["sa-label"])
    for index, key in enumerate(keys):
        paragraph += nodes.Text(", " if index else " ")
        paragraph += pub_reference(env, key, location=location)
    return paragraph
