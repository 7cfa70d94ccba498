"""The message catalog: complete, compiled and current, and used by a Chinese build."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "update_catalogs.py"
ZH_PO = ROOT / "sphinx_academic" / "locale" / "zh_CN" / "LC_MESSAGES" / "sphinx_academic.po"

#: Labels the CV directives use (or will): all must have a Chinese translation.
LABELS = [
    "TL;DR",
    "TL;DR:",
    "Publications",
    "Publications:",
    "Code",
    "present",
    "Corresponding Author",
    "Equal contribution",
    "acceptance rate",
    "(acceptance rate~{rate:.1f}% [{accepted:,}/{submitted:,}])",
    "(acceptance rate~{rate:.1f}%)",
    "Source: %s",
    "the bib entry",
    "Undated",
    "Other",
    "Conference Papers",
    "Journal Articles",
    "Workshop Papers",
    "Preprints",
    "Books and Chapters",
    "Theses",
    "Technical Reports",
    "Other Publications",
    "PhD Thesis",
    "Master's Thesis",
    "Thesis",
    "Email",
    "Phone",
    "Location",
    "Homepage",
    "GitHub",
    "GitLab",
    "LinkedIn",
    "Google Scholar",
    "ORCID",
    "X",
    "DBLP",
    "ResearchGate",
    "Keywords",
    "Repositories",
    "Highlights",
]


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_catalogs", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def locale_copy(tool: ModuleType, tmp_path: Path) -> Path:
    """The shipped catalogs, copied so a test may change them."""
    target = tmp_path / "locale"
    shutil.copytree(tool.LOCALE_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def _zh_catalog(locale_dir: Path):  # type: ignore[no-untyped-def]
    with (locale_dir / "zh_CN" / "LC_MESSAGES" / "sphinx_academic.po").open("rb") as file:
        return read_po(file, locale="zh_CN")


def test_check_passes_from_any_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(TOOL), "--check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_every_label_has_a_chinese_translation() -> None:
    with ZH_PO.open("rb") as file:
        catalog = read_po(file, locale="zh_CN")
    with ZH_PO.with_suffix(".mo").open("rb") as file:
        compiled = read_mo(file)
    for label in LABELS:
        message = catalog.get(label)
        assert message is not None and message.string and not message.fuzzy, label
        assert compiled.get(label) is not None and compiled.get(label).string == message.string
    assert catalog.get("Corresponding Author").string == "通讯作者"
    assert catalog.get("present").string == "至今"


def test_the_template_lists_what_the_code_translates(tool: ModuleType) -> None:
    template = tool.build_template()
    ids = {message.id for message in template if message.id}
    # literal _() calls and labels translated through a variable (category titles, contacts)
    assert {"Corresponding Author", "present", "Conference Papers", "Google Scholar"} <= ids
    assert "(acceptance rate~{rate:.1f}%)" in ids
    assert all(isinstance(message_id, str) for message_id in ids)
    for message in template:
        assert all(lineno == 0 for _, lineno in message.locations)


def _messages(path: Path) -> dict[tuple[str, str | None], tuple[str, bool, list[str]]]:
    """A catalog's messages as (translation, fuzzy, locations), from a .po/.pot or a .mo."""
    with path.open("rb") as file:
        catalog = read_mo(file) if path.suffix == ".mo" else read_po(file)
    return {
        (str(message.id), message.context): (
            str(message.string),
            message.fuzzy,
            sorted(str(location) for location, _ in message.locations),
        )
        for message in catalog
        if message.id
    }


def test_shipped_files_hold_what_the_tool_writes(tool: ModuleType, locale_copy: Path) -> None:
    """Compared by content, not bytes: a new Babel may write the same catalog differently."""
    assert tool.update(tool.build_template(), locale_copy) == []
    written = sorted(path.relative_to(locale_copy) for path in locale_copy.rglob("*.*"))
    assert [path.suffix for path in written] == [".pot", ".mo", ".po"]
    for path in written:
        assert _messages(locale_copy / path) == _messages(tool.LOCALE_DIR / path), path
    text = (locale_copy / "sphinx_academic.pot").read_text()
    assert "Generated-By" not in text
    assert not re.search(r"^#: .*:\d+", text, re.MULTILINE)  # no line numbers


def test_check_finds_untranslated_and_stale_files(tool: ModuleType, locale_copy: Path) -> None:
    template = tool.build_template()
    assert tool.check(template, locale_copy) == []
    po = locale_copy / "zh_CN" / "LC_MESSAGES" / "sphinx_academic.po"
    catalog = _zh_catalog(locale_copy)
    catalog.get("Corresponding Author").string = ""
    po.write_bytes(tool.render_po(catalog))
    problems = tool.check(template, locale_copy)
    assert any("'Corresponding Author' is not translated" in problem for problem in problems)
    assert any(problem.endswith(".mo is out of date") for problem in problems)

    (locale_copy / "sphinx_academic.pot").write_text('msgid ""\nmsgstr ""\n')
    assert any(".pot is out of date" in problem for problem in tool.check(template, locale_copy))


def test_check_finds_broken_placeholders(tool: ModuleType, locale_copy: Path) -> None:
    template = tool.build_template()
    catalog = _zh_catalog(locale_copy)
    catalog.get("(acceptance rate~{rate:.1f}%)").string = "(录用率 {percent}%)"
    catalog.get("Source: %s").string = "来源"
    (locale_copy / "zh_CN" / "LC_MESSAGES" / "sphinx_academic.po").write_bytes(
        tool.render_po(catalog)
    )
    problems = "\n".join(tool.update(template, locale_copy))
    assert "{fields} differ" in problems
    assert "Source: %s" in problems
    assert tool.check(template, locale_copy)


def test_update_keeps_translations_the_code_does_not_use_yet(
    tool: ModuleType, locale_copy: Path
) -> None:
    template = tool.build_template()
    assert "Keywords" not in {message.id for message in template}  # a label for later
    tool.update(template, locale_copy)
    kept = _zh_catalog(locale_copy).get("Keywords")
    assert kept is not None and kept.string == "关键词"

    tool.update(template, locale_copy, prune=True)
    pruned = _zh_catalog(locale_copy)
    assert pruned.get("Keywords") is None
    assert pruned.obsolete["Keywords"].string == "关键词"
    assert "#~ msgid" in (locale_copy / "zh_CN" / "LC_MESSAGES" / "sphinx_academic.po").read_text()

    # once the code uses it, the translation comes back from the obsolete entries
    template.add("Keywords", locations=[("sphinx_academic/ext/timeline.py", 0)])
    template.add("A brand new label", locations=[("sphinx_academic/ext/timeline.py", 0)])
    tool.update(template, locale_copy)
    restored = _zh_catalog(locale_copy)
    assert restored.get("Keywords").string == "关键词"
    assert restored.get("A brand new label").string == ""
    assert "is not translated" in "\n".join(tool.check(template, locale_copy))


def test_init_starts_a_new_language(tool: ModuleType, locale_copy: Path) -> None:
    template = tool.build_template()
    tool.init("de", template, locale_copy)
    with (locale_copy / "de" / "LC_MESSAGES" / "sphinx_academic.po").open("rb") as file:
        catalog = read_po(file, locale="de")
    assert {message.id for message in catalog if message.id} == {
        message.id for message in template if message.id
    }
    with pytest.raises(tool.CatalogError):
        tool.init("de", template, locale_copy)


def _entry_text(html: str, key: str) -> str:
    start = html.index(">", html.index(f'id="pub-{key}"')) + 1
    return html[start : html.index("</li>", start)]


def test_chinese_build_translates_labels(  # type: ignore[no-untyped-def]
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "publications"
    shutil.copytree(rootdir / "test-publications", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides={"language": "zh_CN"})
    try:
        app.build()
        html = (app.outdir / "index.html").read_text()
    finally:
        app.cleanup()  # drops the Chinese translators before the next app
    entry = _entry_text(html, "wang2025flashdp")
    text = re.sub(r"<[^>]+>", "", entry)
    assert "Junxiao Wang* (通讯作者)" in text
    assert "(录用率 24.5%，5,290/21,500)" in text
    assert "同等贡献" in text
    assert 'title="来源：' in entry
    assert "Corresponding Author" not in html
    assert "acceptance rate" not in html

    english_src = tmp_path / "publications-en"
    shutil.copytree(rootdir / "test-publications", english_src)
    english = make_app("html", srcdir=english_src, freshenv=True)
    try:
        english.build()
        html = (english.outdir / "index.html").read_text()
    finally:
        english.cleanup()
    assert "(Corresponding Author)" in html
    assert "通讯作者" not in html
