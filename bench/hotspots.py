"""Profile one site's fresh build and no-op rebuild with cProfile, and list the hot spots.

    python bench/hotspots.py [--size 1000] [--site ours] [--floor plain] [--top 10]
                             [--out bench/results]

Builds a site of ``bench/run.py`` (``ours``, ``bibtex``, ``plain`` or ``plainbib``;
``--floor``, the one to compare it with, ``plain`` by default) over a generated bib
file of ``--size`` entries under ``python -m cProfile -m sphinx -b html -q`` twice
(fresh, then no-op), and prints, for each build, the functions with the largest
cumulative time: in sphinx_academic, in Sphinx and docutils, and elsewhere (pybtex,
sphinxcontrib-bibtex, myst-parser, pickle, imports). It also times the imports of each
extension in a fresh interpreter. The ``.prof`` files stay in ``--out`` for snakeviz
or ``pstats``.

cProfile slows pure-Python code down (by 1.5-2x here); read the numbers as shares.
"""

from __future__ import annotations

import argparse
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import texts
from run import OUTPUT_FILES, ROOT, SITES, make_site, sphinx_command

GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("sphinx_academic", ("/sphinx_academic/",)),
    ("Sphinx and docutils", ("/sphinx/", "/docutils/")),
    (
        "pybtex, sphinxcontrib-bibtex, myst-parser, other",
        ("/pybtex/", "/sphinxcontrib/", "/myst_parser/", "/markdown_it/", "/latexcodec/", "{"),
    ),
]
#: The files whose sizes are reported, by name: run.py's, with the list on the root page.
FILES = {Path(path).name: path for path in (p.format(page="index") for _, _, p in OUTPUT_FILES)}
#: Wrappers that are on every stack and say nothing.
SKIP = (
    "<frozen runpy>",
    "sphinx/__main__.py",
    "sphinx/cmd/build.py",
    "{built-in method builtins.exec}",
    "<string>",
)


#: A function in pstats: (file name, line, name).
Func = tuple[str, int, str]


def _table(stats: pstats.Stats) -> dict[Func, tuple[int, int, float, float, object]]:
    """The table of *stats*: (primitive calls, calls, self time, cumulative time, callers).

    ``pstats.Stats.stats`` is public in practice but typeshed does not declare it.
    """
    table: dict[Func, tuple[int, int, float, float, object]] = vars(stats)["stats"]
    return table


def _label(func: Func) -> str:
    filename, line, name = func
    for marker in ("site-packages/", "/work/main/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    return f"{filename}:{line}({name})" if line else name


def top(stats: pstats.Stats, markers: tuple[str, ...], count: int) -> list[tuple[float, str]]:
    rows = []
    for func, (_cc, _nc, _tt, cumulative, _callers) in _table(stats).items():
        filename = func[0]
        text = filename if filename != "~" else "{" + func[2]
        if any(skip in text or skip in func[2] for skip in SKIP):
            continue
        if any(marker in text for marker in markers):
            rows.append((cumulative, _label(func)))
    rows.sort(reverse=True)
    return rows[:count]


def cumulative(stats: pstats.Stats) -> dict[str, float]:
    return {_label(func): row[3] for func, row in _table(stats).items()}


def differences(
    stats: pstats.Stats, floor: pstats.Stats, count: int
) -> list[tuple[float, float, str]]:
    """Functions that take the most extra cumulative time than in the floor's build."""
    ours, base = cumulative(stats), cumulative(floor)
    rows = [
        (seconds - base.get(label, 0.0), seconds, label)
        for label, seconds in ours.items()
        if not any(skip in label for skip in SKIP)
    ]
    rows.sort(reverse=True)
    return rows[:count]


def self_time(stats: pstats.Stats, count: int) -> list[tuple[float, str]]:
    rows = [(row[2], _label(func)) for func, row in _table(stats).items()]
    rows.sort(reverse=True)
    return rows[:count]


def import_times() -> list[tuple[str, float]]:
    """Seconds to import each extension's modules after Sphinx itself, in a fresh process."""
    code = """
import time
t = time.perf_counter()
import sphinx.application, sphinx.builders.html
base = time.perf_counter() - t
print(f"sphinx (application, html builder) {base:.3f}")
for name, modules in [
    ("myst_parser", ["myst_parser.sphinx_ext.main", "myst_parser.parsers.sphinx_"]),
    ("sphinxcontrib.bibtex", ["sphinxcontrib.bibtex", "sphinxcontrib.bibtex.domain",
                              "pybtex.database.input.bibtex",
                              "pybtex.style.formatting.unsrt", "pybtex_docutils"]),
    ("sphinx_academic", ["sphinx_academic." + m for m in (
        "bibdata config domain highlights locale nodes profile publications roles timeline"
    ).split()] + ["sphinx_academic.core.venues"]),
]:
    t = time.perf_counter()
    for module in modules:
        __import__(module)
    print(f"{name} {time.perf_counter() - t:.3f}")
t = time.perf_counter()
from sphinx_academic.core.venues import VenueTable
VenueTable.bundled()
print(f"sphinx_academic venue table load {time.perf_counter() - t:.3f}")
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    rows = []
    for line in result.splitlines():
        name, _, seconds = line.rpartition(" ")
        rows.append((name, float(seconds)))
    return rows


def profile_site(site: str, size: int, out_dir: Path) -> dict[str, object]:
    """Profile a fresh build and a no-op rebuild of *site*; the stats, wall times, file sizes."""
    tmp = Path(tempfile.mkdtemp(prefix="sa-hotspots-"))
    result: dict[str, object] = {}
    try:
        src = make_site(site, tmp, *texts(size))
        out = tmp / "_build" / "html"
        for scenario in ("fresh", "noop"):
            profile = out_dir / f"{site}-{size}-{scenario}.prof"
            start = time.perf_counter()
            subprocess.run(sphinx_command(src, out, profile=profile), check=True, cwd=src)
            result[f"{scenario} wall"] = time.perf_counter() - start
            result[scenario] = pstats.Stats(str(profile))
        result["files"] = {
            name: (out / path).stat().st_size / 1024
            for name, path in FILES.items()
            if (out / path).exists()
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--site", choices=SITES, default="ours")
    parser.add_argument("--floor", choices=SITES, default="plain")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    site = profile_site(args.site, args.size, args.out)
    floor = profile_site(args.floor, args.size, args.out)
    report: list[str] = [
        f"# Hot spots: {args.site} against {args.floor}, {args.size:,} entries",
        "",
        "cProfile, cumulative seconds (a function's time including what it calls).",
        "",
    ]
    for scenario in ("fresh", "noop"):
        stats, base = site[scenario], floor[scenario]
        assert isinstance(stats, pstats.Stats) and isinstance(base, pstats.Stats)
        report += [
            f"## {scenario}: {args.site} {site[scenario + ' wall']:.2f} s, "
            f"{args.floor} {floor[scenario + ' wall']:.2f} s (wall, under cProfile)",
            "",
        ]
        for title, markers in GROUPS:
            rows = top(stats, markers, args.top)
            if rows:
                report += [f"{title}:", ""]
                report += [f"    {seconds:7.3f}  {label}" for seconds, label in rows]
                report.append("")
        report += [f"the most extra time against {args.floor} (extra, total):", ""]
        report += [
            f"    {extra:7.3f} {seconds:7.3f}  {label}"
            for extra, seconds, label in differences(stats, base, args.top * 2)
        ]
        report += ["", "self time (tottime):", ""]
        report += [f"    {seconds:7.3f}  {label}" for seconds, label in self_time(stats, args.top)]
        report.append("")
    report += ["## files after the builds (KiB)", ""]
    for name in FILES:
        values = [
            f"{name_site} {files.get(name, 0):,.0f}"
            for name_site, files in ((args.site, site["files"]), (args.floor, floor["files"]))
            if isinstance(files, dict)
        ]
        report.append(f"    {name}: " + ", ".join(values))
    report += ["", "## imports (fresh interpreter, seconds)", ""]
    report += [f"    {seconds:7.3f}  {name}" for name, seconds in import_times()]
    text = "\n".join(report) + "\n"
    (args.out / f"hotspots-{args.site}-{args.size}.txt").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
