"""Sphinx's own testing fixtures, with the test roots under ``tests/roots``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def strip_colors(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def warnings_of(app) -> str:  # type: ignore[no-untyped-def]
    return strip_colors(app.warning.getvalue())
