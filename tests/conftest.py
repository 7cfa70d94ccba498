"""Sphinx's own testing fixtures, with the test roots under ``tests/roots``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
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


def require_tools(*tools: str) -> None:
    """Skip when a command is missing, except in CI, which must install it."""
    for tool in tools:
        if shutil.which(tool) is None:
            if os.environ.get("CI"):
                pytest.fail(f"CI must install {tool} (TeX Live and poppler-utils, see .ci/run)")
            pytest.skip(f"{tool} is not installed")


def make_pdf(outdir: Path | str) -> subprocess.CompletedProcess[str]:
    """Compile a LaTeX build's output with its own Makefile, stopping at the first error."""
    return subprocess.run(
        ["make", "-C", str(outdir), "all-pdf"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "LATEXMKOPTS": "-interaction=nonstopmode -halt-on-error"},
    )
