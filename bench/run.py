"""Build-time and memory benchmark: sphinx-academic against sphinxcontrib-bibtex and plain Sphinx.

    python bench/run.py [--sizes 100 1000 5000] [--repeat 3] [--out bench/results]

For each size N, ``bench/generate.py`` writes one bib file of N entries, and four
sites are built over it, each in a fresh temporary directory (see :data:`SITE`):

``ours``
    ``index.md`` with ``:::{publications}`` over every entry, and a small ``notes.md``;
    ``extensions = ["myst_parser", "sphinx_academic"]``.
``bibtex``
    the same with sphinxcontrib-bibtex's ``bibliography`` directive (``:all:``,
    ``:list: bullet``); ``extensions = ["myst_parser", "sphinxcontrib.bibtex"]``.
``plain``
    the same entries written out as a Markdown bullet list; ``extensions =
    ["myst_parser"]``: what Sphinx itself costs for a page that long, the floor.
``plainbib`` ("plain + bibtex loaded")
    the pages of ``plain``, with the conf.py of ``bibtex`` and its ``refs.bib``, no
    directive using it: what loading sphinxcontrib-bibtex costs any extension built on
    it (ours must load it), the honest floor for ours.

Each build is a fresh process, ``python -m sphinx -b html -q SRC OUT``. Each site goes
through the scenarios of :data:`SCENARIOS` in order (fresh build, no-op rebuild, edit
of the other page, edit of the .bib, fresh build with ``-j 2``), the four sites taking
turns scenario by scenario, ``--repeat`` times. Wall time is measured around the child
process; peak memory is the child's maximum resident set size from ``os.wait4`` (with
``-j 2``: the largest single process; the forked workers are not summed). The tables
report medians. ``--budget`` caps the seconds spent on one size: after the first
repeat, only the sites that fit repeat (ours, then plain, then plainbib, then the slow
bibtex), and the tables say how many runs each median is of. ``--subpage`` moves the
list off the root page (see ``bench/README.md``).

Results go to ``OUT/latest.md`` (the tables, copied into ``docs/performance.md``) and
``OUT/latest.json`` (every run), plus a time-stamped copy of the JSON.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import OWNER, texts

#: (id, what the table calls it, what it does)
SCENARIOS: list[tuple[str, str, str]] = [
    ("fresh", "fresh build", "no output directory: read, resolve and write everything"),
    ("noop", "no-op rebuild", "the same command again, nothing changed"),
    ("page", "edit other page", "the text of notes.md changed (its title kept)"),
    (
        "bib",
        "edit .bib",
        "one entry's title changed in the .bib (plain, which has none: in the list page)",
    ),
    ("fresh_j2", "fresh, -j 2", "a fresh build with -j 2"),
]
SCENARIO_NAMES = {key: name for key, name, _ in SCENARIOS}
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BUDGET = 480.0
#: The order in which the sites may repeat under ``--budget``: the cheap ones first.
BUDGET_ORDER = ("ours", "plain", "plainbib", "bibtex")

# -- the sites -------------------------------------------------------------------------------

COMMON_CONF = """\
project = "bench"
author = "bench"
html_theme = "alabaster"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
"""
BIBTEX_CONF = (
    COMMON_CONF
    + """\
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
bibtex_bibfiles = ["refs.bib"]
"""
)
#: How the plain sites mark one entry in the written list page.
PLAIN_ITEM = re.compile(r"<li><p>")


@dataclass(frozen=True)
class Site:
    """One of the sites built over the same entries."""

    label: str  # what the tables call it
    conf: str  # its conf.py
    body: str | None  # the list page below its heading; None: the entries as a Markdown list
    item: re.Pattern[str]  # how the written list page marks one entry (the list is complete)
    bib: bool = True  # it has refs.bib (and "edit .bib" edits that; without, the list page)


SITE: dict[str, Site] = {
    "ours": Site(
        "ours",
        COMMON_CONF
        + f"""\
extensions = ["myst_parser", "sphinx_academic"]
bibtex_bibfiles = ["refs.bib"]
academic_owner = {OWNER!r}
""",
        ":::{publications}\n:::\n",
        re.compile(r'<li class="sa-publication[ "]'),
    ),
    "bibtex": Site(
        "bibtex",
        BIBTEX_CONF,
        ":::{bibliography}\n:all:\n:list: bullet\n:::\n",
        re.compile(r'<li><p id="id\d+"|<li id="id\d+"|<li><p id="'),
    ),
    # the floor: what Sphinx itself costs for a page that long
    "plain": Site(
        "plain", COMMON_CONF + 'extensions = ["myst_parser"]\n', None, PLAIN_ITEM, bib=False
    ),
    # the plain pages with sphinxcontrib-bibtex loaded and no directive using it: what
    # loading it costs any extension built on it (ours must), the honest floor for ours
    "plainbib": Site("plain + bibtex loaded", BIBTEX_CONF, None, PLAIN_ITEM),
}
SITES = tuple(SITE)
TOCTREE = "```{toctree}\n:hidden:\n\nnotes\n```\n\n"
#: The root page with --subpage: the list moves to publications.md.
HOME = "# Home\n\nA short home page.\n\n```{toctree}\n\npublications\nnotes\n```\n"


def notes_page(revision: int) -> str:
    return (
        "# Notes\n\n"
        "A small second page, so that a rebuild after editing it shows what an unrelated "
        f"edit costs. Revision {revision}.\n\n"
        "- one\n- two\n- three\n"
    )


_BIB_TITLE = re.compile(r"^(\s*title\s*=\s*\{)", re.MULTILINE)
_LIST_ITEM = re.compile(r"^(- .*)$", re.MULTILINE)


def edit_bib(path: Path, revision: int) -> None:
    """Change the title of the first entry in a .bib file."""
    text = path.read_text(encoding="utf-8")
    text = _BIB_TITLE.sub(rf"\g<1>Revised {revision}: ", text, count=1)
    path.write_text(text, encoding="utf-8")


def edit_list(path: Path, revision: int) -> None:
    """Change the first item of the plain site's Markdown list."""
    text = path.read_text(encoding="utf-8")
    text = _LIST_ITEM.sub(rf"\g<1> Revised {revision}.", text, count=1)
    path.write_text(text, encoding="utf-8")


def list_page(subpage: bool) -> str:
    """The docname of the page with the list: the root page, or ``publications``."""
    return "publications" if subpage else "index"


def make_site(site: str, root: Path, bib: str, markdown: str, subpage: bool = False) -> Path:
    """Write one site's sources under *root*; return the source directory.

    The list is on the root page (``index.md``, with a hidden toctree to ``notes.md``),
    or with *subpage* on ``publications.md`` under a short root page.
    """
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(SITE[site].conf, encoding="utf-8")
    (src / "notes.md").write_text(notes_page(0), encoding="utf-8")
    body = SITE[site].body
    if body is None:
        # the bullet list of generate.markdown_text, after its heading
        body = markdown.partition("\n\n")[2]
    if SITE[site].bib:
        (src / "refs.bib").write_text(bib, encoding="utf-8")
    if subpage:
        (src / "index.md").write_text(HOME, encoding="utf-8")
        (src / "publications.md").write_text(f"# Publications\n\n{body}", encoding="utf-8")
    else:
        (src / "index.md").write_text(f"# Publications\n\n{TOCTREE}{body}", encoding="utf-8")
    return src


# -- one build ---------------------------------------------------------------------------------


@dataclass
class Build:
    """One measured build."""

    site: str
    scenario: str
    size: int
    repeat: int
    seconds: float  # wall time of the child process
    cpu_seconds: float  # its user + system time
    max_rss_mib: float  # its peak resident set size
    returncode: int
    warnings: int
    written: list[str] = field(default_factory=list)  # HTML pages the build (re)wrote
    items: int | None = None  # entries found in the list page's HTML
    list_html_kib: float | None = None
    list_doctree_kib: float | None = None
    env_pickle_kib: float | None = None
    stderr_head: str = ""


@dataclass
class Child:
    seconds: float
    cpu_seconds: float
    max_rss_mib: float
    returncode: int
    stderr: str
    written: list[str]


def _mtimes(out: Path) -> dict[str, int]:
    if not out.is_dir():
        return {}
    return {path.name: path.stat().st_mtime_ns for path in out.glob("*.html")}


def sphinx_command(src: Path, out: Path, jobs: int = 1, profile: Path | None = None) -> list[str]:
    """``python -m sphinx -b html -q [-j N] SRC OUT``; with *profile*, under cProfile."""
    command = [sys.executable]
    if profile is not None:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += ["-m", "sphinx", "-b", "html", "-q"]
    if jobs > 1:
        command += ["-j", str(jobs)]
    return [*command, str(src), str(out)]


#: The files whose sizes a fresh build records: (Build field, what the table calls it,
#: path under the output directory, ``{page}`` the list page's docname).
OUTPUT_FILES: list[tuple[str, str, str]] = [
    ("list_html_kib", "the list page's HTML", "{page}.html"),
    ("list_doctree_kib", "its doctree (pickle)", ".doctrees/{page}.doctree"),
    ("env_pickle_kib", "environment.pickle", ".doctrees/environment.pickle"),
]


def run_build(src: Path, out: Path, jobs: int = 1) -> Child:
    """One ``python -m sphinx -b html -q`` child process, measured."""
    command = sphinx_command(src, out, jobs)
    before = _mtimes(out)
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, cwd=src)
        # wait4: this child's own rusage (and that of its reaped children, the -j workers)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
        stderr.seek(0)
        errors = stderr.read()
    after = _mtimes(out)
    written = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
    return Child(
        seconds,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,  # KiB on Linux
        process.returncode,
        errors,
        written,
    )


def _kib(path: Path) -> float | None:
    try:
        return path.stat().st_size / 1024
    except OSError:
        return None


def count_items(site: str, html: Path) -> int | None:
    try:
        return len(SITE[site].item.findall(html.read_text(encoding="utf-8")))
    except OSError:
        return None


class SiteRun:
    """One site in a fresh directory, taken through the scenarios one at a time."""

    def __init__(
        self, site: str, size: int, repeat: int, root: Path, bib: str, markdown: str, subpage: bool
    ) -> None:
        self.site, self.size, self.repeat, self.root = site, size, repeat, root
        self.src = make_site(site, root, bib, markdown, subpage)
        self.out = root / "_build" / "html"
        self.page = list_page(subpage)

    def prepare(self, scenario: str) -> None:
        """The change the scenario rebuilds after."""
        revision = self.repeat + 1
        if scenario == "page":
            (self.src / "notes.md").write_text(notes_page(revision), encoding="utf-8")
        elif scenario == "bib":
            if SITE[self.site].bib:  # plainbib too: only the .bib, as for any site using one
                edit_bib(self.src / "refs.bib", revision)
            else:
                edit_list(self.src / f"{self.page}.md", revision)
        elif scenario.startswith("fresh"):
            shutil.rmtree(self.root / "_build", ignore_errors=True)

    def build(self, scenario: str) -> Build:
        self.prepare(scenario)
        child = run_build(self.src, self.out, jobs=2 if scenario == "fresh_j2" else 1)
        warnings = sum(1 for line in child.stderr.splitlines() if "WARNING" in line)
        result = Build(
            self.site,
            scenario,
            self.size,
            self.repeat,
            child.seconds,
            child.cpu_seconds,
            child.max_rss_mib,
            child.returncode,
            warnings,
            child.written,
        )
        if child.returncode != 0 or warnings:
            result.stderr_head = child.stderr[:2000]
        if scenario.startswith("fresh"):
            result.items = count_items(self.site, self.out / f"{self.page}.html")
            for attr, _, path in OUTPUT_FILES:
                setattr(result, attr, _kib(self.out / path.format(page=self.page)))
        status = "ok" if child.returncode == 0 else f"FAILED ({child.returncode})"
        print(
            f"  {self.size:>5} {self.site:<8} {SCENARIO_NAMES[scenario]:<16} "
            f"{child.seconds:7.2f} s {child.max_rss_mib:7.1f} MiB  {status}"
            + (f", {warnings} warnings" if warnings else ""),
            flush=True,
        )
        return result


def run_repeat(
    size: int,
    repeat: int,
    tmp: Path,
    bib: str,
    markdown: str,
    subpage: bool = False,
    sites: tuple[str, ...] = SITES,
) -> list[Build]:
    """Every scenario once for every site, each site in a fresh directory.

    The sites take turns scenario by scenario, ours between its two floors, plain and
    plainbib, which swap places every repeat (so ours comes after plain in one repeat
    and before it in the next), and the slow bibtex last: a slow spell of a shared
    machine hits the builds being compared alike.
    """
    floors = ("plain", "plainbib") if repeat % 2 == 0 else ("plainbib", "plain")
    order = tuple(site for site in (floors[0], "ours", floors[1], "bibtex") if site in sites)
    runs = [
        SiteRun(site, size, repeat, tmp / f"{size}-{site}-{repeat}", bib, markdown, subpage)
        for site in order
    ]
    return [run.build(scenario) for scenario, _, _ in SCENARIOS for run in runs]


# -- the machine -------------------------------------------------------------------------------


def code_version() -> str:
    """The git commit, and a digest of the package's sources (uncommitted edits count)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "sphinx_academic").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return f"git {commit}, sources {digest.hexdigest()[:10]}"


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    info = {
        "cpu": cpu,
        "cores": f"{usable} usable ({os.cpu_count()} online)",
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }
    for package in (
        "sphinx",
        "docutils",
        "myst-parser",
        "pybtex",
        "sphinxcontrib-bibtex",
        "sphinx-academic",
    ):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = "not installed"
    info["sphinx-academic"] += f" ({code_version()})"
    return info


# -- the tables --------------------------------------------------------------------------------


def median(builds: list[Build], site: str, scenario: str, attr: str) -> float | None:
    values = [
        getattr(b, attr)
        for b in builds
        if b.site == site and b.scenario == scenario and b.returncode == 0
    ]
    return statistics.median(values) if values else None


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or not b else f"{a / b:.2f}×"


def _runs(repeats: dict[str, int]) -> str:
    """``median of 3 runs`` or ``median of 3 runs (bibtex: 1 run)``."""
    common = max(repeats.values(), key=list(repeats.values()).count)
    text = f"median of {common} runs" if common > 1 else "one run"
    others = [
        f"{SITE[site].label}: {n} run{'s' if n > 1 else ''}"
        for site, n in repeats.items()
        if n != common
    ]
    return text + (f" ({', '.join(others)})" if others else "")


#: The ratio columns of the time and memory tables: (heading, site, against).
RATIOS: list[tuple[str, str, str]] = [
    ("ours/plain", "ours", "plain"),
    ("ours/(plain+bib)", "ours", "plainbib"),
    ("ours/bibtex", "ours", "bibtex"),
]


def scenario_table(builds: list[Build], attr: str, digits: int) -> list[str]:
    """A row a scenario: the median of *attr* for every site, then the :data:`RATIOS`."""
    lines = [
        "| scenario | "
        + " | ".join([*(SITE[site].label for site in SITES), *(h for h, _, _ in RATIOS)])
        + " |",
        "|---|" + "---:|" * (len(SITES) + len(RATIOS)),
    ]
    for key, name, _ in SCENARIOS:
        values = {site: median(builds, site, key, attr) for site in SITES}
        cells = [_num(values[site], digits) for site in SITES]
        cells += [_ratio(values[site], values[against]) for _, site, against in RATIOS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def size_tables(size: int, builds: list[Build], repeats: dict[str, int]) -> list[str]:
    lines = [
        f"### {size:,} entries",
        "",
        f"Wall time in seconds, {_runs(repeats)}.",
        "",
        *scenario_table(builds, "seconds", 2),
        "",
        "Peak memory (maximum resident set size of the build process) in MiB.",
        "",
        *scenario_table(builds, "max_rss_mib", 0),
        "",
        "After a fresh build: entries found in the list page, and file sizes in KiB.",
        "",
        "| | " + " | ".join(SITE[site].label for site in SITES) + " |",
        "|---|" + "---:|" * len(SITES),
    ]
    rows = [("entries in the list page", "items")]
    rows += [(label, attr) for attr, label, _ in OUTPUT_FILES]
    for label, attr in rows:
        cells = [_num(median(builds, site, "fresh", attr), 0) for site in SITES]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    warnings = {
        site: max((b.warnings for b in builds if b.site == site), default=0) for site in SITES
    }
    if any(warnings.values()):
        lines += [
            "",
            "Warnings: " + ", ".join(f"{SITE[s].label} {n}" for s, n in warnings.items()) + ".",
        ]
    lines.append("")
    return lines


@dataclass
class Target:
    name: str
    detail: str
    value: str
    met: bool | None  # None: not measured, or not a target (info)
    info: bool = False  # a figure to read beside the targets, not one of the targets

    @property
    def mark(self) -> str:
        """What the table's "met" column says."""
        if self.info:
            return "info"
        return "—" if self.met is None else ("✓" if self.met else "✗")


def _versus(a: float | None, b: float | None, unit: str) -> str:
    """``1.25× (0.77 s vs 0.62 s)``, or ``—`` if either is missing."""
    if a is None or not b:
        return "—"
    digits = 2 if unit == "s" else 0
    return f"{a / b:.2f}× ({a:.{digits}f} {unit} vs {b:.{digits}f} {unit})"


def _target(
    name: str, detail: str, a: float | None, b: float | None, unit: str, limit: float
) -> Target:
    """The target that *a* is at most *limit* times *b*."""
    met = None if a is None or not b else a / b <= limit
    return Target(name, detail, _versus(a, b, unit), met)


def targets(sizes: list[int], builds: list[Build]) -> list[Target]:
    """The targets of the issue (ours against plain), with informational rows.

    For each size, after the targets: ours against plainbib (the plain pages with
    sphinxcontrib-bibtex loaded, the floor for any extension built on it), and what
    loading sphinxcontrib-bibtex alone costs (plainbib against plain).
    """
    result: list[Target] = []

    def peak(site: str, size: int) -> float | None:
        values = [
            median([b for b in builds if b.size == size], site, key, "max_rss_mib")
            for key, _, _ in SCENARIOS
        ]
        present = [value for value in values if value is not None]
        return max(present) if present else None

    for size in sizes:
        of_size = [b for b in builds if b.size == size]
        fresh = {site: median(of_size, site, "fresh", "seconds") for site in SITES}
        noop = {site: median(of_size, site, "noop", "seconds") for site in SITES}
        ours_peak, plain_peak = peak("ours", size), peak("plain", size)
        entries = f"{size:,}"
        loading = (
            f"fresh {_versus(fresh['plainbib'], fresh['plain'], 's')}; "
            f"no-op {_versus(noop['plainbib'], noop['plain'], 's')}"
        )
        result += [
            _target("fresh build ≤ 1.2× plain", entries, fresh["ours"], fresh["plain"], "s", 1.2),
            _target("no-op rebuild ≤ 1.1× plain", entries, noop["ours"], noop["plain"], "s", 1.1),
            _target("peak memory ≤ 1.2× plain", entries, ours_peak, plain_peak, "MiB", 1.2),
            *(
                Target(
                    f"{name}: ours vs plain + bibtex loaded",
                    entries,
                    _versus(seconds["ours"], seconds["plainbib"], "s"),
                    None,
                    info=True,
                )
                for name, seconds in (("fresh build", fresh), ("no-op rebuild", noop))
            ),
            Target(
                "loading sphinxcontrib-bibtex alone: plain + bibtex loaded vs plain",
                entries,
                loading,
                None,
                info=True,
            ),
        ]
    # linear growth: the memory an entry adds is about the same between the two
    # smallest sizes as between the two largest (within 0.5x-1.5x)
    ordered = sorted(sizes)
    if len(ordered) >= 3:
        low, mid, high = ordered[0], ordered[len(ordered) // 2], ordered[-1]
        at_low, at_mid, at_high = (peak("ours", size) for size in (low, mid, high))
        if at_low is not None and at_mid is not None and at_high is not None:
            first = (at_mid - at_low) / (mid - low) * 1000
            second = (at_high - at_mid) / (high - mid) * 1000
            ratio = second / first if first > 0 else float("inf")
            result.append(
                Target(
                    "memory grows roughly linearly",
                    f"{low:,} → {mid:,} → {high:,}",
                    f"{first:.1f} then {second:.1f} MiB per 1,000 entries ({ratio:.2f}×)",
                    0.5 <= ratio <= 1.5,
                )
            )
    else:
        result.append(Target("memory grows roughly linearly", "needs 3 sizes", "—", None))
    return result


def markdown_report(
    args: argparse.Namespace,
    builds: list[Build],
    repeats: dict[int, dict[str, int]],
    info: dict[str, str],
    started: str,
    seconds: float,
) -> str:
    sizes: list[int] = args.sizes
    command = f"python bench/run.py --sizes {' '.join(map(str, sizes))} --repeat {args.repeat}"
    if args.budget != DEFAULT_BUDGET:
        command += f" --budget {args.budget:g}"
    if args.subpage:
        command += " --subpage"
    cut = [size for size in sizes if min(repeats[size].values()) < args.repeat]
    lines = [
        f"Run {started}, {seconds / 60:.1f} minutes in all: `{command}`. "
        + "Runs per scenario: "
        + "; ".join(f"{size:,} entries: {_runs(repeats[size])}" for size in sizes)
        + (
            f" (fewer at {', '.join(f'{s:,}' for s in cut)} entries, to stay within "
            f"`--budget {args.budget:g}` seconds a size)"
            if cut
            else ""
        )
        + ". "
        + (
            "The list is on a page of its own under a short root page (`--subpage`)."
            if args.subpage
            else "The list is on the root page (`index.md`)."
        ),
        "",
        "### Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in info.items()),
        "",
        "### Targets",
        "",
        "| target | entries | measured | met |",
        "|---|---|---|:---:|",
    ]
    for target in targets(sizes, builds):
        lines.append(f"| {target.name} | {target.detail} | {target.value} | {target.mark} |")
    lines.append("")
    for size in sizes:
        lines += size_tables(size, [b for b in builds if b.size == size], repeats[size])
    return "\n".join(lines)


# -- main --------------------------------------------------------------------------------------


def within_budget(
    builds: list[Build], size: int, remaining: int, elapsed: float, budget: float
) -> tuple[str, ...]:
    """The sites that can repeat *remaining* more times and stay within *budget* seconds.

    ours and plain come first: the targets compare them; then plainbib, as cheap as
    plain, the floor for ours with sphinxcontrib-bibtex loaded; bibtex is the slow one.
    """
    chosen: list[str] = []
    projected = elapsed
    for site in BUDGET_ORDER:
        one = sum(b.seconds for b in builds if b.size == size and b.site == site)
        if projected + remaining * one > budget:
            break
        chosen.append(site)
        projected += remaining * one
    return tuple(site for site in SITES if site in chosen)


def warm_up(tmp: Path) -> None:
    """One small untimed build per site: disk cache and bytecode, not measured."""
    # An installed package has its bytecode; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would recompile sphinx_academic in every build.
    compileall.compile_dir(ROOT / "sphinx_academic", quiet=1)
    bib, markdown = texts(20)
    for site in SITES:
        root = tmp / f"warmup-{site}"
        src = make_site(site, root, bib, markdown)
        run_build(src, root / "_build" / "html")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Scenarios:\n" + "\n".join(f"  {n:<16} {d}" for _, n, d in SCENARIOS),
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario (median)")
    parser.add_argument(
        "--budget",
        type=float,
        default=DEFAULT_BUDGET,
        help="seconds per size: after the first repeat, the sites repeat (ours, then plain, "
        "then plainbib, then bibtex) only while the estimate stays within this "
        f"(default {DEFAULT_BUDGET:g}; 0 for no limit)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep the temporary sites")
    parser.add_argument(
        "--subpage",
        action="store_true",
        help="put the list on publications.md under a short root page, not on index.md",
    )
    args = parser.parse_args(argv)

    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    clock = time.perf_counter()
    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in info.items()), flush=True)
    builds: list[Build] = []
    repeats: dict[int, dict[str, int]] = {}
    tmp = Path(tempfile.mkdtemp(prefix="sa-bench-"))
    try:
        warm_up(tmp)
        for size in args.sizes:
            bib, markdown = texts(size, args.seed)
            size_start = time.perf_counter()
            sites: tuple[str, ...] = SITES
            for repeat in range(args.repeat):
                if repeat == 1 and args.budget:
                    sites = within_budget(
                        builds, size, args.repeat - 1, time.perf_counter() - size_start, args.budget
                    )
                    if sites != SITES:
                        print(
                            f"  {size}: repeating only {', '.join(sites) or 'nothing'}"
                            f" (--budget {args.budget:g} s)"
                        )
                if not sites:
                    break
                builds += run_repeat(size, repeat, tmp, bib, markdown, args.subpage, sites)
                if not args.keep:
                    for site in SITES:
                        shutil.rmtree(tmp / f"{size}-{site}-{repeat}", ignore_errors=True)
            repeats[size] = {
                site: len({b.repeat for b in builds if b.size == size and b.site == site})
                for site in SITES
            }
    finally:
        if args.keep:
            print(f"sites kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    total = time.perf_counter() - clock
    version = code_version()
    sources = version.rpartition(" ")[2]
    if sources not in info["sphinx-academic"]:  # a commit of other files does not count
        info["sphinx-academic"] += f"; CHANGED during the run, to {version}"
        print(f"warning: sphinx_academic changed during the run ({info['sphinx-academic']})")

    failed = [b for b in builds if b.returncode != 0]
    report = markdown_report(args, builds, repeats, info, started, total)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.md").write_text(report + "\n", encoding="utf-8")
    payload = {
        "started": started,
        "seconds": total,
        "machine": info,
        "sizes": args.sizes,
        "repeats": repeats,
        "subpage": args.subpage,
        "scenarios": {key: description for key, _, description in SCENARIOS},
        "targets": [asdict(t) for t in targets(args.sizes, builds)],
        "builds": [asdict(b) for b in builds],
    }
    text = json.dumps(payload, indent=1, ensure_ascii=False)
    (args.out / "latest.json").write_text(text, encoding="utf-8")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    (args.out / f"run-{stamp}.json").write_text(text, encoding="utf-8")
    print()
    print(report)
    print(f"\nwritten: {args.out / 'latest.md'}, {args.out / 'latest.json'}")
    for build in failed:
        print(f"FAILED: {build.site} {build.scenario} {build.size}:\n{build.stderr_head}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
