"""Ready to publish, and the newcomer's path cannot rot.

The wheel and the sdist pass ``twine check``; the wheel installs into a fresh virtual
environment where ``sphinx-academic new`` and ``build -W`` work; and every ``$`` command of
the ``console`` blocks of docs/start-your-own-cv.md runs, in order, in one shell, in an
empty folder. For that run, pip finds "sphinx-academic" in the freshly built wheel
(through ``PIP_FIND_LINKS``, as if it were on PyPI), "./sphinx-academic" is the unpacked
sdist (the page's "source archive"), and ``~/papers.bib`` is a real lab's bib. A ``serve``
command runs until stopped, so it gets a free ``--port``, is waited for until it serves the
CV, and is stopped with Ctrl-C (SIGINT). ``shell`` blocks (system packages) are not run.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from conftest import require_tools

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "start-your-own-cv.md"
LAB_BIB = Path(__file__).parent / "data" / "3c-lab-papers.bib"
CONSOLE_BLOCK = re.compile(r"^```console\n(.*?)^```", re.DOTALL | re.MULTILINE)

WAIT_FOR_PAGE = """
import sys, time, urllib.request
url = sys.argv[1]
for _ in range(240):
    try:
        page = urllib.request.urlopen(url, timeout=5).read().decode()
    except OSError:
        time.sleep(0.5)
        continue
    if "Curriculum Vitae" in page:
        print("served", url)
        break
    time.sleep(0.5)
else:
    sys.exit(f"nothing served at {url}")
"""


def console_commands(markdown: str) -> list[str]:
    """The ``$`` commands of every console block, continuation lines joined."""
    commands: list[str] = []
    for block in CONSOLE_BLOCK.findall(markdown):
        pending = ""
        for line in block.splitlines():
            if line.startswith("$ ") or pending:
                text = line[2:] if line.startswith("$ ") and not pending else line.strip()
                if text.endswith("\\"):
                    pending += text[:-1].rstrip() + " "
                    continue
                commands.append(pending + text)
                pending = ""
    return commands


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def shell_script(commands: list[str], port: int) -> str:
    lines = ["set -euo pipefail"]
    for command in commands:
        lines.append(f"echo {shlex.quote('$ ' + command)}")
        if re.match(r"sphinx-academic serve\b", command):
            lines += [
                f"{command} --port {port} & server=$!",
                f"python -c {shlex.quote(WAIT_FOR_PAGE)} http://127.0.0.1:{port}/index.html",
                'kill -INT "$server"',
                'wait "$server" || true',
            ]
        else:
            lines.append(command)
    return "\n".join(lines) + "\n"


def _clean_environment(home: Path, find_links: Path) -> dict[str, str]:
    """This process's environment without its virtualenv, pip finding the built wheel."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p != venv_bin)
    env["PIP_FIND_LINKS"] = " ".join(filter(None, [str(find_links), env.get("PIP_FIND_LINKS")]))
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    # the page's ~ is *home*; pip keeps the cache of the person running the tests
    env.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    env["HOME"] = str(home)
    for role in ("AUTHOR", "COMMITTER"):
        env[f"GIT_{role}_NAME"] = "Ada Lovelace"
        env[f"GIT_{role}_EMAIL"] = "ada@example.org"
    return env


def test_page_commands_are_found() -> None:
    commands = console_commands(PAGE.read_text(encoding="utf-8"))
    for expected in (
        'pip install "sphinx-academic[myst,serve]"',
        'sphinx-academic new my-cv --name "Ada Lovelace"',
        "sphinx-academic serve my-cv",
        "sphinx-academic build my-cv --pdf",
    ):
        assert expected in commands
    assert len(commands) >= 12


def test_console_commands_join_continuation_lines() -> None:
    block = "```console\n$ echo one \\\n      two\nsome output\n$ ls\n```\n"
    assert console_commands(block) == ["echo one two", "ls"]


def test_wheel_and_sdist_pass_twine_check(dist: Path) -> None:
    pytest.importorskip("twine", reason="the `twine` package (test extra) is not installed")
    files = sorted(dist.iterdir())
    assert sorted(path.suffix for path in files) == [".gz", ".whl"]
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2


def _fresh_venv(where: Path) -> Path:
    subprocess.run(["python3", "-m", "venv", str(where)], check=True, timeout=300)
    return where / "bin"


def test_wheel_installs_into_a_fresh_venv_and_builds_a_new_cv(dist: Path, tmp_path: Path) -> None:
    wheel = next(dist.glob("*.whl"))
    bin_dir = _fresh_venv(tmp_path / "venv")
    env = _clean_environment(tmp_path, dist)
    subprocess.run(
        [str(bin_dir / "pip"), "install", "-q", f"{wheel}[myst]"], check=True, env=env, timeout=900
    )
    run = [str(bin_dir / "sphinx-academic")]
    subprocess.run([*run, "new", "cv", "--name", "Ada Lovelace"], cwd=tmp_path, env=env, check=True)
    built = subprocess.run(
        [*run, "build", "cv", "-W"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert "HTML: cv/_build/html/index.html" in built.stdout
    assert "Ada Lovelace" in (tmp_path / "cv/_build/html/index.html").read_text(encoding="utf-8")


def test_start_your_own_cv_page_runs_as_written(dist: Path, tmp_path: Path) -> None:
    require_tools("latexmk", "git")
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    shutil.copyfile(LAB_BIB, home / "papers.bib")
    with tarfile.open(next(dist.glob("*.tar.gz"))) as sdist:  # the "source archive"
        sdist.extractall(work / "unpacked", filter="data")
    next((work / "unpacked").iterdir()).rename(work / "sphinx-academic")
    wheels = tmp_path / "wheels"  # only the wheel: pip must not find the sdist by name
    wheels.mkdir()
    shutil.copy(next(dist.glob("*.whl")), wheels)

    script = shell_script(console_commands(PAGE.read_text(encoding="utf-8")), _free_port())
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=work,
        env=_clean_environment(home, wheels),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    site = work / "my-cv"
    assert "Owner guessed from papers.bib: 'Carrette, Lieselot L. G.'" in result.stdout
    assert "served http://127.0.0.1:" in result.stdout
    assert "PDF:  my-cv/_build/latex/cv.pdf" in result.stdout
    assert (site / "_build/html/index.html").is_file()
    assert (site / "_build/short/latex/cv-short.pdf").is_file()
    assert subprocess.run(
        ["git", "-C", str(site), "log", "--oneline"], capture_output=True, text=True, check=True
    ).stdout.endswith("My CV\n")


def test_readme_first_quick_start_command_prints_nothing_alarming(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from quickstart import quickstart_commands

    first = quickstart_commands((ROOT / "README.md").read_text(encoding="utf-8"))[0]
    build = shlex.split(first.split("&&")[-1])  # the sphinx-build at its end
    assert build[0] == ".venv/bin/sphinx-build" and build[-2:] == ["example_site", *build[-1:]]
    command = [str(Path(sys.executable).parent / "sphinx-build"), *build[1:-1], str(tmp_path)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    alarming = [
        line for line in result.stdout.splitlines() if re.search(r"WARNING|ERROR|\[academic", line)
    ]
    assert alarming == []
    assert "sphinx-academic: 7 bib entries state an acceptance figure" in result.stdout


@pytest.mark.parametrize("name", ["cv-html.png", "cv-pdf.png"])
def test_home_page_pictures_are_there_and_small(name: str) -> None:
    picture = ROOT / "docs" / "_static" / name
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert picture.stat().st_size < 300 * 1024
    assert f"_static/{name}" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
