"""Sphinx's own testing fixtures, with the test roots under ``tests/roots``."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

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
        errors="replace",  # TeX echoes input bytes in the file's own encoding
        timeout=600,
        check=False,
        env={**os.environ, "LATEXMKOPTS": "-interaction=nonstopmode -halt-on-error"},
    )


@pytest.fixture
def built_html(make_app, rootdir: Path, sphinx_test_tempdir: Path):  # type: ignore[no-untyped-def]
    """Build a copy of ``tests/roots/test-<root>`` afresh with *builder*; returns the app."""
    apps: list[SphinxTestApp] = []

    def build(root: str = "publications", builder: str = "html", **kwargs):  # type: ignore[no-untyped-def]
        for previous in apps:  # one app at a time: each registers docutils nodes globally
            previous.cleanup()
        srcdir = sphinx_test_tempdir / f"{root}-{builder}"
        if srcdir.exists():
            shutil.rmtree(srcdir)
        shutil.copytree(rootdir / f"test-{root}", srcdir)
        app = make_app(builder, srcdir=srcdir, freshenv=True, **kwargs)
        app.build()
        apps.append(app)
        return app

    return build


def edit_later(path: Path, old: str, new: str) -> None:
    """Replace *old* (which must be there) in *path* and give it a later modification time."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    later = time.time() + 2
    os.utime(path, (later, later))  # a new mtime even on coarse file systems


@pytest.fixture
def rebuildable(make_app, rootdir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Copy ``tests/roots/test-<root>`` once; each ``build()`` reuses its environment."""
    apps: list[SphinxTestApp] = []

    def copy(root: str):  # type: ignore[no-untyped-def]
        srcdir = tmp_path / root
        shutil.copytree(rootdir / f"test-{root}", srcdir)

        def build(**kwargs: Any) -> SphinxTestApp:
            for previous in apps:  # one app at a time: each registers docutils nodes globally
                previous.cleanup()
            app = make_app("html", srcdir=srcdir, **kwargs)
            app.build()
            apps.append(app)
            return app

        return srcdir, build

    return copy


def _fail_skips_in_ci(report: pytest.TestReport | pytest.CollectReport) -> None:
    """Under CI every test must run: a skip there is a missing tool or file, so it fails."""
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, where every test must run: {report.longrepr}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    _fail_skips_in_ci(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):  # type: ignore[no-untyped-def]
    outcome = yield
    _fail_skips_in_ci(outcome.get_result())


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel and an sdist of this checkout, built as for publishing (``python -m build``)."""
    pytest.importorskip("build", reason="the `build` package (test extra) is not installed")
    out = tmp_path_factory.mktemp("dist")
    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(root)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out
