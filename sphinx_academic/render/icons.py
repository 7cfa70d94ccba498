"""Contact icons shipped with the package (see ``static/icons/LICENSES.md``)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

ICON_DIR = Path(__file__).parent.parent / "static" / "icons"
_NAME = re.compile(r"^[a-z0-9-]+$")


@lru_cache(maxsize=64)
def icon_svg(name: str) -> str:
    """The SVG markup of icon *name* (trusted, from the package), or "" when there is none."""
    if not _NAME.match(name):
        return ""
    try:
        return (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8").strip()
    except OSError:
        return ""
