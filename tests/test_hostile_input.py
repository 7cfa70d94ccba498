"""Hostile input cannot hang, crash, blow up, leak files or go stale (issue 11, items 9-18).

The builds that used to hang or eat memory run in a child process with a time limit
and an address-space limit, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOTS, strip_colors, warnings_of

_BOUNDED_BUILD = """\
import resource, sys, time
from pathlib import Path
from sphinx.application import Sphinx

srcdir, outdir, builder = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
start = time.perf_counter()
app = Sphinx(srcdir, srcdir, outdir, outdir / ".doctrees", builder,
             freshenv=True, status=None, warning=sys.stderr)
app.build()
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@dataclass
class BoundedBuild:
    outdir: Path
    warnings: str
    seconds: float
    megabytes: float


def bounded_build(
    root: str, tmp_path: Path, builder: str = "html", *, seconds: int = 60, megabytes: int = 2048
) -> BoundedBuild:
    """Build a copy of test root *root* in a child process limited in time and memory."""
    srcdir = tmp_path / root
    shutil.copytree(ROOTS / f"test-{root}", srcdir)
    outdir = tmp_path / "out"
    limit = megabytes << 20

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    try:
        result = subprocess.run(
            [sys.executable, "-c", _BOUNDED_BUILD, str(srcdir), str(outdir), builder],
            capture_output=True,
            text=True,
            timeout=seconds,
            preexec_fn=cap_memory,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"building test-{root} took more than {seconds} s")
    assert result.returncode == 0, result.stderr[-3000:]
    elapsed, max_rss_kb = result.stdout.split()[-2:]
    return BoundedBuild(outdir, strip_colors(result.stderr), float(elapsed), int(max_rss_kb) / 1024)


# -- 9: :filter: regular expressions run in linear time ------------------------------------------


def test_a_backtracking_regex_cannot_hang_the_build(tmp_path: Path) -> None:
    build = bounded_build("hostileregex", tmp_path, seconds=60, megabytes=2048)
    assert build.seconds < 30 and build.megabytes < 1024, build
    html = (build.outdir / "index.html").read_text()
    # the title ends in "!": the first pattern matches nothing, the second finds it once
    lists = html.split('<div class="sa-publications')[1:]
    assert [part.count('<li class="sa-publication"') for part in lists] == [0, 1, 0, 0]
    assert "Traceback" not in build.warnings
    assert "index.md:17: WARNING: publications: bad :filter:" in build.warnings
    assert "no backreferences or lookaround" in build.warnings
    assert "index.md:23: WARNING: publications: bad :filter:" in build.warnings
    assert "pattern too large" in build.warnings
    assert build.warnings.count("[academic.filter]") == 2, build.warnings


# -- 10: numbers in options are read by one checked parser ---------------------------------------


@pytest.mark.sphinx("html", testroot="hostileoptions", freshenv=True)
def test_numbers_that_int_rejects_warn_instead_of_crashing(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    warnings = warnings_of(app)
    for line, option, text, fallback in [
        (3, "publications: :max:", "'²'", "ignoring it"),
        (7, "publications: :max:", "'③'", "ignoring it"),
        (15, "publications: :max:", "'99999999999999999999999'", "ignoring it"),
        (19, "highlights: :start:", "'①'", "using 1"),
    ]:
        assert (
            f"index.md:{line}: WARNING: {option} {text} is not a whole number from 0 to "
            f"1,000,000; {fallback} [academic.option]"
        ) in warnings, warnings
    assert warnings.count("WARNING") == 4, warnings
    html = (app.outdir / "index.html").read_text()
    lists = html.split('<div class="sa-publications')[1:]
    assert [part.count('<li class="sa-publication"') for part in lists] == [2, 2, 1, 2]
    assert '<ol class="sa-highlight-list" start="1">' in html
    assert '<ol class="sa-highlight-list" start="7">' in html
