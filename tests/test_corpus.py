"""Real bib files, as people write them (see corpus/bibs/SOURCES.md): each builds, every entry
is rendered, the owner is highlighted wherever they are an author, and the PDF compiles."""

from __future__ import annotations

import codecs
import re
import shutil
import unicodedata
from collections import Counter
from pathlib import Path

import latexcodec  # noqa: F401  (registers the ulatex codec the test reads names with)
import pybtex.errors
import pytest
from conftest import make_pdf, require_tools, warnings_of
from docutils.nodes import make_id
from pybtex.database import BibliographyData, Person
from pybtex.database.input.bibtex import Parser

CORPUS = Path(__file__).parent / "corpus" / "bibs"
#: Files in the order their ``@string`` macros and crossref targets need; else alphabetical.
ORDER = {
    "iridia": [
        "abbrev.bib",
        "journals.bib",
        "authors.bib",
        "articles.bib",
        "biblio.bib",
        "crossref.bib",
    ],
    "quantum-bib": ["full.bib", "quantum.bib"],
}
#: pdflatex has no CJK fonts: these are built to HTML only.
NOT_LATIN = frozenset({"cjk-gbt7714", "cjk-gbt7714-biblatex"})
SITES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())


def _files(site: str) -> list[str]:
    return ORDER.get(site) or sorted(path.name for path in (CORPUS / site).glob("*.bib"))


def _parse(site: str) -> BibliographyData:
    """The site's entries as pybtex reads them, without this package."""
    pybtex.errors.set_strict_mode(False)
    try:
        parser = Parser()
        for name in _files(site):
            parser.parse_file(str(CORPUS / site / name))
    finally:
        pybtex.errors.set_strict_mode(True)
    return parser.data


def _expected_keys(data: BibliographyData) -> list[str]:
    """Every entry a list shows: no biblatex data or set, crossref'd container, empty entry."""
    containers = {entry.fields.get("crossref", "").lower() for entry in data.entries.values()}
    return [
        key
        for key, entry in data.entries.items()
        if re.sub(r"[^a-z]", "", entry.original_type.lower()) not in ("xdata", "set")
        and key.lower() not in containers
        and (entry.fields or entry.persons)
    ]


def _fold(text: str) -> str:
    decoded = codecs.decode(text.replace("{", "").replace("}", ""), "ulatex")
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", decoded) if not unicodedata.combining(c)
    )
    return re.sub(r"[^\w\s,]", "", plain).lower()


def _simple_name(person: Person) -> tuple[str, str]:
    """(surname, first given name) read plainly, independently of the package's matcher."""
    text = _fold(str(person))
    if "," in text:
        last, _, first = text.partition(",")
    else:
        words = text.split()
        first, last = (words[0], words[-1]) if len(words) > 1 else ("", text)
    return last.split()[-1] if last.split() else "", (first.split() or [""])[0]


def _same_person(owner: tuple[str, str], other: tuple[str, str]) -> bool:
    if owner[0] != other[0] or not other[1]:
        return False
    if len(owner[1]) == 1 or len(other[1]) == 1:
        return owner[1][0] == other[1][0]
    return owner[1] == other[1]


def _people(entry) -> list[Person]:  # type: ignore[no-untyped-def]
    return list(entry.persons.get("author", ())) or list(entry.persons.get("editor", ()))


def _owner(data: BibliographyData, keys: list[str]) -> tuple[list[str], tuple[str, str]]:
    """The most frequent author, read plainly, and every form the file writes them in (what
    the owner lists in ``academic_owner``, as the docs ask for a middle name written out)."""
    counts: Counter[tuple[str, str]] = Counter()
    people = [person for key in keys for person in _people(data.entries[key])]
    for person in people:
        name = _simple_name(person)
        if name[0] and name[1] and str(person) != "others":
            counts[name] += 1
    owner = counts.most_common(1)[0][0]
    written = {str(person) for person in people if _same_person(owner, _simple_name(person))}
    return sorted(written), owner


def _site(site: str, root: Path, owner: list[str]) -> Path:
    srcdir = root / site
    if srcdir.exists():
        shutil.rmtree(srcdir)
    srcdir.mkdir(parents=True)
    for name in _files(site):
        shutil.copy(CORPUS / site / name, srcdir / name)
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_academic"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        f"bibtex_bibfiles = {_files(site)!r}\n"
        f"academic_owner = {owner!r}\n"
        f"project = {site!r}\n",
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text("# Publications\n\n:::{publications}\n:::\n", encoding="utf-8")
    return srcdir


def _items(html: str) -> dict[str, str]:
    return dict(re.findall(r'<li[^>]*\bid="(pub-[^"]+)"[^>]*>(.*?)</li>', html, re.DOTALL))


@pytest.mark.parametrize("site", SITES)
def test_real_bib_builds_every_entry_with_the_owner(make_app, tmp_path: Path, site: str) -> None:  # type: ignore[no-untyped-def]
    data = _parse(site)
    keys = _expected_keys(data)
    written, owner = _owner(data, keys)
    app = make_app("html", srcdir=_site(site, tmp_path, written), freshenv=True)
    app.build()
    assert app.statuscode == 0
    warnings = warnings_of(app)
    assert "Traceback" not in warnings and "Exception" not in warnings
    items = _items((app.outdir / "index.html").read_text(encoding="utf-8"))
    missing, empty, unmarked = [], [], []
    for key in keys:
        body = items.get("pub-" + (make_id(key) or "entry"))
        if body is None:
            missing.append(key)
            continue
        text = re.sub(r"<details.*?</details>|<[^>]+>", "", body, flags=re.DOTALL).strip()
        if len(text) < 3:
            empty.append(key)
        people = _people(data.entries[key])
        authored = any(_same_person(owner, _simple_name(person)) for person in people)
        if authored and "sa-owner" not in body:
            unmarked.append(key)
    assert (missing, empty, unmarked) == ([], [], []), (written, owner)
    assert len(items) >= len(keys)


def test_real_bibs_pdf_compiles(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every Latin-script site in one LaTeX build (one pdflatex run keeps the suite fast).

    Keys that two sites share are read once, from the first; each site's HTML test above
    covers its own entries.
    """
    require_tools("latexmk", "pdflatex")
    srcdir = tmp_path / "latin"
    files: list[str] = []
    for site in SITES:
        if site in NOT_LATIN:
            continue
        (srcdir / site).mkdir(parents=True)
        for name in _files(site):
            shutil.copy(CORPUS / site / name, srcdir / site / name)
            files.append(f"{site}/{name}")
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_academic"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        f"bibtex_bibfiles = {files!r}\n"
        'academic_owner = ["Islam, Bashima"]\n'
        'project = "corpus"\n',
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text("# Publications\n\n:::{publications}\n:::\n", encoding="utf-8")
    app = make_app("latex", srcdir=srcdir, freshenv=True)
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count("\\item[") > 3000
    result = make_pdf(app.outdir)
    assert result.returncode == 0, result.stdout[-3000:]
