"""``sphinx-academic new DIR``: write a CV site that builds with ``-W`` at once.

The files come from ``sphinx_academic/templates/new`` (see its README). With ``--bib`` the
user's own bib file replaces the example one: its most frequent author is taken as the
owner, and the highlights and the short CV show its ``selected`` papers.
"""

from __future__ import annotations

import argparse
import datetime
import gettext
import importlib.util
import json
import os
import shutil
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core.names import most_frequent_author, name_key, sorting_name
from ..core.publication import TRUE_WORDS

HELP = "write a new CV site (conf.py, the CV pages, a bib file, hosting files) into DIR"

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "new"
TEMPLATE_SUFFIX = ".tmpl"
DOT_PREFIX = "dot-"
EXAMPLE_BIB = "publications.bib"
PLACEHOLDER_NAME = "Your Name"
UNSAFE_IN_HTML = '<>&"'
#: How many papers the highlights block shows.
HIGHLIGHTS = 3
#: Themes people ask for -> the distribution that provides it (None: ships with Sphinx).
THEME_PACKAGES: dict[str, str | None] = {
    "alabaster": None,
    "furo": "furo",
    "sphinx_rtd_theme": "sphinx-rtd-theme",
    "pydata_sphinx_theme": "pydata-sphinx-theme",
    "sphinx_book_theme": "sphinx-book-theme",
}


def N_(message: str) -> str:
    """Mark *message* for the catalog (tools/update_catalogs.py); translated by headings()."""
    return message


#: The site's headings: template variable -> English text, translated for --language.
HEADINGS = {
    "h_cv": N_("Curriculum Vitae"),
    "h_short": N_("Curriculum Vitae (short)"),
    "h_highlights": N_("Research Highlights"),
    "h_theme": N_("Your main research theme"),
    "h_skills": N_("Skills & Service"),
    "h_projects": N_("Projects"),
    "h_employment": N_("Employment"),
    "h_publications": N_("Publications"),
    "h_selected": N_("Selected Publications"),
    "h_education": N_("Education"),
}
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
MESSAGE_CATALOG = "sphinx_academic"
#: TeX packages the PDF needs beyond the workflow's base set, per language prefix.
TEX_EXTRA = {"zh": " texlive-xetex fonts-noto-cjk", "ja": " texlive-lang-japanese"}


class NewError(Exception):
    """A problem with the user's input: reported in one line, exit status 1."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", metavar="DIR", type=Path, help="folder for the CV site")
    parser.add_argument("--name", help='your name as the CV shows it ("Ada Lovelace")')
    parser.add_argument(
        "--owner",
        action="append",
        metavar='"LAST, FIRST"',
        help="your name as bib entries write it (repeat for each variant); "
        "guessed from --bib when left out",
    )
    parser.add_argument("--bib", type=Path, metavar="FILE", help="your own BibTeX file")
    parser.add_argument(
        "--theme",
        default="alabaster",
        help=f"HTML theme (default: alabaster; also {', '.join(list(THEME_PACKAGES)[1:])})",
    )
    parser.add_argument("--language", default="en", help="document language (en, zh_CN, ...)")
    parser.add_argument("--force", action="store_true", help="overwrite files that exist")


@dataclass
class Answers:
    """Everything the templates are filled in with."""

    name: str
    owner: list[str]
    theme: str
    language: str
    bib_name: str = EXAMPLE_BIB
    selected: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)


# -- the user's bib ------------------------------------------------------------------------


@dataclass
class BibSummary:
    keys: list[str]
    selected: list[str]
    owner: tuple[str, int] | None


def read_bib(path: Path) -> BibSummary:
    """Keys (file order), ``selected`` keys and most frequent author of a bib file."""
    import pybtex.errors
    from pybtex.database import parse_file
    from pybtex.scanner import PybtexError

    if not path.is_file():
        raise NewError(f"{path}: no such file")
    try:
        with pybtex.errors.capture():  # a malformed entry is skipped, as in the build
            data = parse_file(str(path), bib_format="bibtex")
    except (PybtexError, UnicodeDecodeError, ValueError) as error:
        raise NewError(f"{path}: cannot read it as BibTeX ({error})") from error
    if not data.entries:
        raise NewError(f"{path}: no BibTeX entries in it")
    keys = list(data.entries)
    selected = [
        key
        for key, entry in data.entries.items()
        if str(entry.fields.get("selected", "")).strip().lower() in TRUE_WORDS
    ]
    authors = (p for entry in data.entries.values() for p in entry.persons.get("author", []))
    return BibSummary(keys, selected, most_frequent_author(authors))


# -- asking --------------------------------------------------------------------------------


def interactive() -> bool:
    """Prompts only for a person at a terminal: never in CI or with redirected input."""
    return sys.stdin.isatty() and sys.stdout.isatty() and not os.environ.get("CI")


def ask(question: str, default: str) -> str:
    answer = input(f"{question} [{default}]: ").strip()
    return answer or default


def name_from_owner(owner: str) -> str:
    """'Lovelace, Ada' -> 'Ada Lovelace'."""
    last, _, given = owner.partition(",")
    return f"{given.strip()} {last.strip()}".strip()


def owner_from_name(name: str) -> str:
    """'Ada Lovelace' -> 'Lovelace, Ada' (BibTeX's reading of a name)."""
    from pybtex.database import Person

    try:
        return sorting_name(Person(name))
    except Exception:  # pybtex rejects some strings, e.g. too many commas
        return name


def gather(args: argparse.Namespace, bib: BibSummary | None, prompt: bool) -> Answers:
    """The answers from the options, the bib file, and (at a terminal) the user."""
    guess = bib.owner if bib else None
    owner = list(args.owner or [])
    if guess and not owner:
        print(f"Owner guessed from {args.bib.name}: {guess[0]!r}, author of {guess[1]} entries.")
        print('  Not you? Run again with --owner "Last, First", or edit academic_owner.')
    name = args.name
    if name is None:
        default = name_from_owner(owner[0]) if owner else guess and name_from_owner(guess[0])
        if prompt:
            name = ask("Your name, as the CV shows it", default or PLACEHOLDER_NAME)
        else:
            name = default or PLACEHOLDER_NAME
    if not owner:
        default = guess[0] if guess else owner_from_name(name)
        owner = (
            [ask('Your name as bib entries write it, "Last, First"', default)]
            if prompt
            else [default]
        )
    if name == PLACEHOLDER_NAME and not args.name:
        print(f"No name given: the CV says {name!r} until you edit conf.py and _parts/profile.md.")
    answers = Answers(
        name=_one_line(name, "--name"),
        owner=[_one_line(variant, "--owner") for variant in owner],
        theme=args.theme,
        language=args.language,
    )
    if bib:
        answers.bib_name = args.bib.name
        answers.selected, answers.keys = bib.selected, bib.keys
    return answers


def _one_line(text: str, option: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise NewError(f"{option} is empty")
    unsafe = sorted(set(text) & set(UNSAFE_IN_HTML))
    if unsafe:
        # Sphinx themes print the project name and html_title as HTML, unescaped
        raise NewError(f"{option} {text!r} contains {' '.join(unsafe)}, which a name cannot have")
    if text.count("{") != text.count("}"):
        raise NewError(f"{option} {text!r} has unbalanced braces")
    return text


# -- writing -------------------------------------------------------------------------------


def template_files() -> Iterator[tuple[Path, Path]]:
    """(template file, path in the new site) for every template."""
    for path in sorted(TEMPLATES.rglob("*")):
        if not path.is_file():
            continue
        parts = [
            "." + part.removeprefix(DOT_PREFIX) if part.startswith(DOT_PREFIX) else part
            for part in path.relative_to(TEMPLATES).parts
        ]
        target = Path(*parts)
        if target.name.endswith(TEMPLATE_SUFFIX):
            target = target.with_name(target.name[: -len(TEMPLATE_SUFFIX)])
        yield path, target


def headings(language: str) -> dict[str, str]:
    """The headings in *language* from the package's catalog (English when it has none)."""
    translation = gettext.translation(
        MESSAGE_CATALOG, LOCALE_DIR, languages=[language], fallback=True
    )
    texts = {name: translation.gettext(text) for name, text in HEADINGS.items()}
    return {**texts, **{f"{name}_py": python_literal(text) for name, text in texts.items()}}


def python_literal(value: object) -> str:
    """*value* (strings, lists of strings) as Python source, in double quotes like the rest."""
    return json.dumps(value, ensure_ascii=False)


def values(answers: Answers) -> dict[str, str]:
    """Template variables; each is quoted for the file it goes into."""
    own_bib = answers.bib_name != EXAMPLE_BIB or bool(answers.keys)
    if own_bib:
        highlighted = (answers.selected or answers.keys)[:HIGHLIGHTS]
        project = highlighted[:2]
    else:
        highlighted = ["example2024adapters", "example2024calibrated"]
        project = ["example2024adapters", "example2023graphs"]
    if answers.selected or not own_bib:
        selected_block = ":::{publications}\n:selected:\n:::"
    else:
        selected_block = (
            "<!-- No entry of your bib file is marked `selected = {true}` yet: until one is,\n"
            "this list shows your three newest papers. -->\n\n"
            ":::{publications}\n:max: 3\n:::"
        )
    intro = (
        "Every paper, newest first, from `{bib}`; the tags {pub_roles} link here from\n"
        "anywhere on the site. A conference paper shows its acceptance rate when the\n"
        "venue and track are known: {{acceptance}}`NeurIPS 2024` is an example."
    ).format(
        bib=answers.bib_name,
        pub_roles=", ".join(f"{{pub}}`{key}`" for key in project),
    )
    theme_package = THEME_PACKAGES.get(answers.theme, answers.theme.replace("_", "-"))
    requirements = ["sphinx-academic[myst]"] + ([theme_package] if theme_package else [])
    year = datetime.date.today().year
    language = answers.language
    return {
        "name": answers.name,
        "name_comment": answers.name.replace("\n", " "),
        "name_py": python_literal(answers.name),
        "copyright_py": python_literal(f"{year}, {answers.name}"),
        "language_py": python_literal(language),
        "bibfiles_py": python_literal([answers.bib_name]),
        "owner_py": python_literal(answers.owner),
        "owner_bib": answers.owner[0],
        "theme_py": python_literal(answers.theme),
        "bib_name": answers.bib_name,
        "highlight_entries": "\n".join(f":::{{highlight}} {key}\n:::" for key in highlighted),
        "project_keys": ", ".join(project),
        "selected_block": selected_block,
        "publications_intro": intro,
        "requirements": "\n".join(requirements),
        "tex_extra": TEX_EXTRA.get(language.split("_")[0], ""),
        **headings(language),
    }


def plan(answers: Answers) -> list[tuple[Path, Path]]:
    """The templates to write: the example bib only when the user brings none."""
    return [
        (source, target)
        for source, target in template_files()
        if not (answers.keys and target.name == EXAMPLE_BIB and target.parent == Path())
    ]


def write_site(directory: Path, answers: Answers, bib: Path | None, force: bool) -> list[Path]:
    """Write every file; refuse (before writing any) to replace a file unless *force*."""
    files = plan(answers)
    targets = [directory / target for _, target in files]
    if bib is not None:
        targets.append(directory / answers.bib_name)
    existing = [path for path in targets if path.exists()]
    if bib is not None and (directory / answers.bib_name).resolve() == bib.resolve():
        existing.remove(directory / answers.bib_name)  # the bib is already in place
        bib = None
    if existing and not force:
        listed = ", ".join(str(path.relative_to(directory)) for path in existing)
        raise NewError(f"{directory} already has {listed}; use --force to replace them")
    fill = values(answers)
    for source, target in files:
        path = directory / target
        path.parent.mkdir(parents=True, exist_ok=True)
        if source.name.endswith(TEMPLATE_SUFFIX):
            text = string.Template(source.read_text(encoding="utf-8")).substitute(fill)
            path.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(source, path)
    if bib is not None:
        shutil.copyfile(bib, directory / answers.bib_name)
    return sorted(targets)


def run(args: argparse.Namespace) -> int:
    directory: Path = args.directory
    try:
        if args.theme not in THEME_PACKAGES:
            print(f"Note: theme {args.theme!r} is not one sphinx-academic is tested with.")
        package = THEME_PACKAGES.get(args.theme, args.theme)
        if package and importlib.util.find_spec(args.theme) is None:
            print(f"Note: theme {args.theme!r} is not installed here: pip install {package}")
        bib = read_bib(args.bib) if args.bib else None
        answers = gather(args, bib, interactive())
        written = write_site(directory, answers, args.bib, args.force)
    except (NewError, OSError) as error:
        print(f"sphinx-academic new: {error}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nsphinx-academic new: cancelled; nothing written", file=sys.stderr)
        return 1
    print(f"Wrote a CV site for {answers.name} to {directory}/ ({len(written)} files).")
    if not name_key(answers.owner[0]).given:
        print(f'Owner {answers.owner[0]!r} has no first name: write it as "Last, First".')
    print("Next:")
    print(f"  sphinx-academic serve {directory}          # live preview while you edit")
    print(f"  sphinx-academic build {directory} --pdf    # the web page and the PDF")
    return 0
