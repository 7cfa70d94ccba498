"""The ``sphinx-academic`` command: ``new`` writes a site that builds with ``-W`` as HTML and
PDF (with the example bib and with a real lab's bib), ``build`` says where the output is, and
``serve`` starts, rebuilds on a bib change, and stops.
"""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import sphinx.locale
from conftest import require_tools, strip_colors
from pybtex.database import Person

from sphinx_academic.cli import main, new, serve
from sphinx_academic.core.names import most_frequent_author

LAB_BIB = Path(__file__).parent / "data" / "3c-lab-papers.bib"
LAB_OWNER = "Carrette, Lieselot L. G."  # the lab's head, an author of every entry


def _html(site: Path, page: str = "index") -> str:
    return (site / "_build" / "html" / f"{page}.html").read_text(encoding="utf-8")


def _items(html: str) -> int:
    return len(re.findall(r'<li[^>]*class="[^"]*sa-publication', html))


def _pdf_text(pdf: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
    )
    return " ".join(result.stdout.decode("utf-8").split())


def _new(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main(["new", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def _build(capsys: pytest.CaptureFixture[str], site: Path, *options: str) -> str:
    status = main(["build", str(site), "-W", "-q", *options])
    out, err = capsys.readouterr()
    assert status == 0, strip_colors(err)
    assert "WARNING" not in strip_colors(err)
    return out


@pytest.fixture(autouse=True)
def _fresh_translations() -> Iterator[None]:
    """Each in-process build starts without the last one's message catalogs.

    Sphinx keeps translators per process and adds to them, so an English build after a
    Chinese one would print Chinese labels; SphinxTestApp clears them the same way.
    """
    yield
    sphinx.locale.translators.clear()


@pytest.fixture(autouse=True)
def _no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Like CI: input is not a terminal, and any prompt would fail the test."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    def no_prompt(prompt: str = "") -> str:
        raise AssertionError(f"prompted without a terminal: {prompt}")

    monkeypatch.setattr("builtins.input", no_prompt)


# -- new -----------------------------------------------------------------------------------


def test_new_site_builds_as_html_and_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_tools("latexmk", "pdftotext")
    site = tmp_path / "my-cv"
    status, out, _ = _new(capsys, site, "--name", "Ada Lovelace")
    assert status == 0
    assert "sphinx-academic serve" in out and "sphinx-academic build" in out
    for name in (
        "conf.py",
        "index.md",
        "short.md",
        "publications.bib",
        ".readthedocs.yaml",
        ".github/workflows/pages.yml",
        ".gitignore",
        "requirements.txt",
    ):
        assert (site / name).is_file(), name
    assert 'academic_owner = ["Lovelace, Ada"]' in (site / "conf.py").read_text()
    assert "configuration: conf.py" in (site / ".readthedocs.yaml").read_text()
    workflow = (site / ".github/workflows/pages.yml").read_text()
    assert "${{ steps.deployment.outputs.page_url }}" in workflow

    out = _build(capsys, site, "--pdf")
    assert f"HTML: {site}/_build/html/index.html" in out
    assert f"PDF:  {site}/_build/latex/cv.pdf" in out
    html = _html(site)
    assert "<title>Curriculum Vitae &#8212; Ada Lovelace</title>" in html
    assert len(re.findall(r'class="sa-owner[^"]*">Ada Lovelace<', html)) == 4  # every paper
    assert _items(html) == 4
    assert "(acceptance rate~" in html  # the NeurIPS and ICLR papers
    assert _items(_html(site, "short")) == 2  # the two `selected` papers
    text = _pdf_text(site / "_build/latex/cv.pdf")
    assert "Ada Lovelace" in text and "Sparse Adapters for Private Fine-Tuning" in text


def test_new_with_a_real_bib_guesses_the_owner_and_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_tools("latexmk", "pdftotext")
    site = tmp_path / "lab-cv"
    status, out, _ = _new(capsys, site, "--bib", LAB_BIB)
    assert status == 0
    assert f"Owner guessed from {LAB_BIB.name}: {LAB_OWNER!r}, author of 35 entries." in out
    conf = (site / "conf.py").read_text()
    assert f'academic_owner = ["{LAB_OWNER}"]' in conf
    assert 'bibtex_bibfiles = ["3c-lab-papers.bib"]' in conf
    assert (site / "3c-lab-papers.bib").read_bytes() == LAB_BIB.read_bytes()
    assert not (site / "publications.bib").exists()  # no example papers mixed in
    # no entry is `selected`: the short CV shows the three newest, and says why
    assert ":max: 3" in (site / "short.md").read_text()

    _build(capsys, site, "--pdf")
    html = _html(site)
    assert _items(html) == 35
    assert "<title>Curriculum Vitae &#8212; Lieselot L. G. Carrette</title>" in html
    assert _items(_html(site, "short")) == 3
    assert "Lieselot L. G. Carrette" in _pdf_text(site / "_build/latex/cv.pdf")


def test_new_fills_highlights_and_short_cv_from_selected_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "papers.bib"
    text = LAB_BIB.read_text(encoding="utf-8")
    for key in ("RN1725", "RN1507"):  # the user marks two papers
        text = text.replace(f"@article{{{key},", f"@article{{{key},\n   selected = {{true}},")
    bib.write_text(text, encoding="utf-8")
    site = tmp_path / "cv"
    status, _, _ = _new(capsys, site, "--bib", bib, "--name", "L. Carrette", "--owner", LAB_OWNER)
    assert status == 0
    highlights = (site / "_parts/highlights.md").read_text()
    assert re.findall(r"\{highlight\} (\S+)", highlights) == ["RN1725", "RN1507"]
    assert ":selected:" in (site / "short.md").read_text()
    _build(capsys, site)
    assert _items(_html(site, "short")) == 2


def test_new_in_the_folder_that_holds_the_bib(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "papers.bib").write_bytes(LAB_BIB.read_bytes())
    monkeypatch.chdir(tmp_path)
    status, _, err = _new(capsys, ".", "--bib", "papers.bib")
    assert status == 0, err  # the bib is already in place: not "a file that exists"
    assert (tmp_path / "papers.bib").read_bytes() == LAB_BIB.read_bytes()
    assert 'bibtex_bibfiles = ["papers.bib"]' in (tmp_path / "conf.py").read_text()


def test_new_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "cv"
    site.mkdir()
    (site / "index.md").write_text("my own page\n")
    status, _, err = _new(capsys, site, "--name", "Ada Lovelace")
    assert status == 1
    assert "already has index.md; use --force" in err
    assert (site / "index.md").read_text() == "my own page\n"
    assert not (site / "conf.py").exists()  # nothing written at all
    status, _, _ = _new(capsys, site, "--name", "Ada Lovelace", "--force")
    assert status == 0
    assert "# Curriculum Vitae" in (site / "index.md").read_text()


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "--name is empty"),
        ("Ada {Lovelace", "has unbalanced braces"),
        ("Ada <script>alert(1)</script>", "contains < >, which a name cannot have"),
        ('Ada "The Countess" Lovelace', 'contains ", which a name cannot have'),
    ],
)
def test_new_rejects_unusable_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, problem: str
) -> None:
    status, _, err = _new(capsys, tmp_path / "cv", "--name", name)
    assert status == 1 and problem in err
    assert not (tmp_path / "cv").exists()


def test_new_quotes_a_hostile_name_for_every_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "Ada O'Bobby'); import os # \\n $HOME ${name} {\\'u}"
    site = tmp_path / "cv"
    status, _, _ = _new(capsys, site, "--name", name, "--owner", "Lovelace, Ada")
    assert status == 0
    namespace: dict[str, object] = {"tags": type("Tags", (), {"has": lambda self, tag: False})()}
    exec(compile((site / "conf.py").read_text(), "conf.py", "exec"), namespace)
    assert namespace["project"] == name and namespace["html_title"] == name
    _build(capsys, site)
    html = _html(site)
    assert "Ada O&#39;Bobby&#39;); import os # \\n $HOME ${name}" in html


def test_new_without_a_name_off_a_terminal_uses_a_placeholder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _new(capsys, tmp_path / "cv")
    assert status == 0
    assert "No name given: the CV says 'Your Name'" in out
    assert 'academic_owner = ["Name, Your"]' in (tmp_path / "cv/conf.py").read_text()


def test_new_asks_at_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["Grace Hopper", ""])  # the second question takes its default
    monkeypatch.setattr(new, "interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    status, _, _ = _new(capsys, tmp_path / "cv")
    assert status == 0
    conf = (tmp_path / "cv/conf.py").read_text()
    assert 'project = "Grace Hopper"' in conf
    assert 'academic_owner = ["Hopper, Grace"]' in conf


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_new_cancelled_at_a_prompt_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def end_of_input(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr(new, "interactive", lambda: True)
    monkeypatch.setattr("builtins.input", end_of_input)
    status, _, err = _new(capsys, tmp_path / "cv")
    assert status == 1 and "cancelled; nothing written" in err
    assert not (tmp_path / "cv").exists()


def test_new_reports_a_folder_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cv").write_text("a file, not a folder\n")
    status, _, err = _new(capsys, tmp_path / "cv", "--name", "Ada Lovelace")
    assert status == 1 and err.startswith("sphinx-academic new: ")


def test_prompts_only_at_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.delenv("CI", raising=False)
    assert new.interactive()
    monkeypatch.setenv("CI", "true")
    assert not new.interactive()
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    assert not new.interactive()


def test_new_in_chinese_builds_with_translated_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "cv"
    status, _, _ = _new(capsys, site, "--name", "Ada Lovelace", "--language", "zh_CN")
    assert status == 0
    assert 'language = "zh_CN"' in (site / "conf.py").read_text()
    assert "texlive-xetex" in (site / ".github/workflows/pages.yml").read_text()
    assert (site / "index.md").read_text().startswith("# 个人简历\n")
    assert "## 代表性论文" in (site / "short.md").read_text()
    assert '"个人简历（简版）" if SHORT else "个人简历"' in (site / "conf.py").read_text()
    _build(capsys, site)
    html = _html(site)
    assert "相关论文：" in html  # the project's "Publications:" line, from the extension
    assert ">工作经历<" in html and ">教育背景<" in html  # headings written by `new`


def test_new_with_another_theme_lists_it_in_the_requirements(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "cv"
    status, _, _ = _new(capsys, site, "--name", "Ada Lovelace", "--theme", "furo")
    assert status == 0
    assert (site / "requirements.txt").read_text().splitlines()[1:] == [
        "sphinx-academic[myst]",
        "furo",
    ]
    _build(capsys, site)
    assert "furo" in _html(site)


def test_new_says_how_to_install_a_missing_theme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _new(capsys, tmp_path / "cv", "--name", "Ada Lovelace", "--theme", "nothere")
    assert status == 0
    assert "theme 'nothere' is not one sphinx-academic is tested with" in out
    assert "theme 'nothere' is not installed here: pip install nothere" in out
    status, out, _ = _new(capsys, tmp_path / "furo", "--name", "Ada Lovelace", "--theme", "furo")
    assert "not installed" not in out  # furo is a test dependency


def test_new_reports_a_bib_it_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.bib"
    empty.write_text("% nothing here\n")
    status, _, err = _new(capsys, tmp_path / "cv", "--bib", empty)
    assert status == 1 and "no BibTeX entries in it" in err
    status, _, err = _new(capsys, tmp_path / "cv", "--bib", tmp_path / "missing.bib")
    assert status == 1 and "missing.bib: no such file" in err


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        # initials and full given names of one person count together; the fullest names them
        (["Wang, J.", "Wang, Junxiao", "Li, Wei"], ("Wang, Junxiao", 2)),
        (["Sørensen, Elena", "S{\\o}rensen, E.", "Sorensen, Mikkel"], ("Sørensen, Elena", 2)),
        (['M{\\"u}ller, L.', "Müller, Lukas", "Turing, Alan"], ("Müller, Lukas", 2)),
        (["Lovelace, Ada", "Hopper, Grace"], ("Lovelace, Ada", 1)),  # a tie: the first
        (["{IEEE}"], None),  # an organisation has no given name
    ],
)
def test_most_frequent_author(authors: list[str], expected: tuple[str, int] | None) -> None:
    assert most_frequent_author(Person(text) for text in authors) == expected


def test_new_imports_neither_sphinx_nor_docutils(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from sphinx_academic.cli import main\n"
        f"main(['new', {str(tmp_path / 'cv')!r}, '--name', 'Ada Lovelace'])\n"
        "print(sorted(m for m in sys.modules if m.partition('.')[0] in ('sphinx', 'docutils')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"
    assert (tmp_path / "cv" / "conf.py").is_file()


# -- build ---------------------------------------------------------------------------------


def test_build_needs_a_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path)]) == 1
    assert "no conf.py in" in capsys.readouterr().err


def test_build_pdf_explains_a_missing_tex(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _new(capsys, tmp_path, "--name", "Ada Lovelace", "--force")
    monkeypatch.setattr("shutil.which", lambda tool: None)
    assert main(["build", str(tmp_path), "--pdf"]) == 1
    assert "The PDF needs latexmk and TeX Live" in capsys.readouterr().err


def test_build_pdf_failure_names_the_tex_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_tools("latexmk")
    _new(capsys, tmp_path, "--name", "Ada Lovelace", "--force")
    with (tmp_path / "index.md").open("a") as page:
        page.write("\n```{raw} latex\n\\undefinedcommandxyz\n```\n")
    assert main(["build", str(tmp_path), "--pdf", "-q"]) != 0
    err = capsys.readouterr().err
    assert "cv.log: ! Undefined control sequence. l." in err and "\\undefinedcommandxyz" in err
    assert "sphinx-academic build: the PDF failed" in err


# -- serve ---------------------------------------------------------------------------------


def test_serve_explains_the_missing_extra(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _new(capsys, tmp_path, "--name", "Ada Lovelace", "--force")
    monkeypatch.setattr(serve.importlib.util, "find_spec", lambda name: None)
    assert main(["serve", str(tmp_path)]) == 1
    assert 'pip install "sphinx-academic[serve]"' in capsys.readouterr().err


def test_serve_watches_bib_files_outside_the_site(tmp_path: Path) -> None:
    site, shared = tmp_path / "cv", tmp_path / "shared"
    site.mkdir()
    shared.mkdir()
    (site / "conf.py").write_text(
        'bibtex_bibfiles = ["../shared/papers.bib", "local.bib"]\nacademic_venues = "venues.yaml"\n'
    )
    assert serve.watched_outside(site) == [shared]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def _wait_for(check: object, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            page = check()  # type: ignore[operator]
        except OSError as error:
            last = error
        else:
            if page:
                return str(page)
        time.sleep(0.5)
    raise AssertionError(f"timed out: {last}")


def test_serve_starts_rebuilds_on_a_bib_change_and_stops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("sphinx_autobuild")
    site = tmp_path / "cv"
    _new(capsys, site, "--name", "Ada Lovelace")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sphinx_academic.cli", "serve", str(site), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}/index.html"
    try:
        first = _wait_for(lambda: _get(url), timeout=120)
        assert "Sparse Adapters for Private Fine-Tuning" in first
        bib = site / "publications.bib"
        bib.write_text(bib.read_text().replace("Sparse Adapters", "Dense Adapters"))
        _wait_for(lambda: "Dense Adapters for Private" in _get(url), timeout=120)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            output, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert process.returncode is not None
    assert f"Serving on http://127.0.0.1:{port}" in output.decode("utf-8", "replace")
