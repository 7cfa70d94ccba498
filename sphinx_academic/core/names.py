"""Person names from BibTeX: LaTeX decoding, display form, owner matching and author roles.

Pure Python (pybtex, latexcodec and the standard library): no Sphinx or docutils here.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person

from .numbers import whole_number
from .symbols import EXTRA_MATH

__all__ = [
    "AUTHOR_ROLES",
    "NameKey",
    "OwnerMatcher",
    "display_name",
    "latex_to_text",
    "most_frequent_author",
    "name_key",
    "names_match",
    "parse_annotation",
    "roles_from_fields",
    "sorting_name",
    "unbraced",
]

# ---------------------------------------------------------------------------
# LaTeX to plain text
# ---------------------------------------------------------------------------

# Anything that latexcodec (or the clean-up pass) would change; text without it is only
# whitespace-normalised.
_NEEDS_DECODING = re.compile(r"[\\{}$~%`]|--|''")
# A bare % starts a comment for latexcodec; in a bib field it is meant literally.
_BARE_PERCENT = re.compile(r"(?<!\\)%")
# A literal backslash, kept out of the way of the clean-up pass.
_TEXTBACKSLASH = re.compile(r"\\textbackslash(?![A-Za-z])\s*(?:\{\})?")
_BACKSLASH_MARK = "\ue000"
# \href{url}{text} shows its text only.
_HREF = re.compile(r"\\href\s*\{[^{}]*\}")
# What latexcodec leaves behind: control words, control symbols, a trailing backslash,
# grouping braces and math shifts.
_LEFTOVER = re.compile(r"\\([A-Za-z]+)\s*|\\(.)|\\$|[{}$]", re.DOTALL)
_WHITESPACE = re.compile(r"\s+")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Control symbols: the character they stand for ("" drops them).
_CONTROL_SYMBOLS: dict[str, str] = {
    "\\": " ",  # line break
    " ": " ",
    "\n": " ",
    "\t": " ",
    ",": " ",  # thin space
    ";": " ",
    ":": " ",
    ">": " ",
    "!": "",  # negative thin space
    "/": "",  # italic correction
    "-": "",  # discretionary hyphen
    "@": "",
    # accents without an argument: nothing sensible to show
    '"': "",
    "'": "",
    "`": "",
    "^": "",
    "~": "",
    "=": "",
    ".": "",
}


# Logos and text commands latexcodec does not know: the text they print.
_LOGOS: dict[str, str] = {
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2e",
    "BibTeX": "BibTeX",
    "XeTeX": "XeTeX",
    "LuaTeX": "LuaTeX",
    "ConTeXt": "ConTeXt",
    "MF": "METAFONT",
    "MP": "METAPOST",
    "AmS": "AMS",
    "AmSTeX": "AMS-TeX",
    "SliTeX": "SliTeX",
    "PiCTeX": "PiCTeX",
    "hyphen": "-",
    "slash": "/",
    "nobreakdash": "",
    "textdagger": "\u2020",
    "textdaggerdbl": "\u2021",
}
_LOGO = re.compile(
    r"\\(" + "|".join(sorted(_LOGOS, key=len, reverse=True)) + r")(?![A-Za-z])\s*(?:\{\})?"
)
# Spacing commands and their dimension (\kern.05em, \hspace{1em}): a space or nothing.
_SPACING = re.compile(
    r"\\(kern|mkern|hskip|mskip|vskip|raise|lower|hspace\*?|vspace\*?)\s*"
    r"(?:\{[^{}]*\}|[-+]?\s*(?:\d+(?:\.\d*)?|\.\d+)\s*(?:em|ex|pt|mu|cm|mm|in|bp|pc|dd|cc|sp) ?)"
)
# An accent on an empty group is the accent character itself: DBLP writes ^ as {\^{}}.
_EMPTY_ACCENT = re.compile(r"\\([\^~'\"`=.])\s*\{\}")
# A control space (\LaTeX\ Companion), kept from the control word before it until the end.
_CONTROL_SPACE = re.compile(r"(?<!\\)\\ ")
_SPACE_MARK = "\ue001"
# Math operators, printed as their names and spaced from what follows ($O(n \log n)$).
_OPERATORS = frozenset(
    "arg cos cosh cot deg det dim exp gcd hom inf ker lg lim liminf limsup ln log "  # noqa: SIM905
    "max min sin sinh sup tan tanh Pr".split()
)
# Commands that only change the look of their argument: dropped, the argument kept.
_FORMATTING = frozenset(
    "emph textbf textit textsc texttt textrm textsf textup textsl textmd textnormal "  # noqa: SIM905
    "mbox em bf it sc tt rm sf sl up".split()
)


def _ulatex(text: str) -> str:
    """latexcodec's decoding, dropping what it cannot read (a lone backslash)."""
    import latexcodec  # noqa: F401  (registers the "ulatex" codec; imported when first needed)

    decoded: object = codecs.decode(text, "ulatex", "ignore")  # type: ignore[call-overload]
    return decoded if isinstance(decoded, str) else str(decoded)


@lru_cache(maxsize=1024)
def _command_symbol(name: str) -> str:
    """What a leftover control word stands for (``alpha``, ``times``, ``LaTeX``), else ``""``."""
    if name in _LOGOS:
        return _LOGOS[name]
    if name in EXTRA_MATH:
        return EXTRA_MATH[name]
    if name in _OPERATORS:
        return name
    # latexcodec knows some symbols only in math mode ($\alpha$) or before an empty group
    for probe in (f"$\\{name}$", f"\\{name}{{}}"):
        try:
            decoded = _ulatex(probe)
        except Exception:
            continue
        if decoded and not any(c in decoded for c in "\\${}"):
            return decoded.strip()
    return ""


def _leftover(match: re.Match[str]) -> str:
    command, symbol = match.group(1), match.group(2)
    if command is not None:
        spaced = command in _OPERATORS and match.group().endswith((" ", "\n", "\t"))
        return _command_symbol(command) + (" " if spaced else "")
    if symbol is not None:
        return _CONTROL_SYMBOLS.get(symbol, symbol)
    return ""  # a brace, a math shift or a trailing backslash


def _collapse(match: re.Match[str]) -> str:
    return "\xa0" if set(match.group()) == {"\xa0"} else " "


# The most common LaTeX in names and titles: an accent on one letter, {\"u}, \"{u}, \'e.
_SIMPLE_ACCENT = re.compile(
    r"\{\\([\"'`^~=.])\s*\{?([A-Za-z])\}?\}|\\([\"'`^~=.])\s*\{([A-Za-z])\}|\\([\"'`^~=.])([A-Za-z])"
    # the letter accents: \H{o}, \H o, \v{s}, \c c
    r"|\\([HcvudbrkU])\s*\{([A-Za-z])\}|\\([HcvudbrkU])\s+([A-Za-z])"
)
# Once simple accents are decoded, what always needs latexcodec's full lexer: a control
# symbol or one-letter command (accents, \\c, \\v), a sub- or superscript in math, a
# backquote or a percent sign.
_NEEDS_LEXER = re.compile(r"\\(?![A-Za-z]{2})|\$[^$]*[\^_]|[`%]")
_CONTROL_WORD = re.compile(r"\\([A-Za-z]+)(\s*\{)?")
_DASHES_AND_QUOTES = {"---": "\u2014", "--": "\u2013", "''": "\u201d"}
_DASH_OR_QUOTE = re.compile("---|--|''")


@lru_cache(maxsize=1024)
def _accented(accent: str, letter: str) -> str:
    """latexcodec's reading of one accent on one letter, looked up once per pair."""
    decoded = _ulatex(f"\\{accent}{{{letter}}}")
    return decoded if len(decoded) == 1 else f"\\{accent}{{{letter}}}"


def _simple_accent(match: re.Match[str]) -> str:
    groups = match.groups()
    accent, letter = next((groups[i], groups[i + 1]) for i in range(0, len(groups), 2) if groups[i])
    return _accented(accent, letter)


def _lexer_needed(text: str) -> bool:
    """Whether decoding *text* needs latexcodec's lexer, or the table lookups suffice.

    The lookups read each control word on its own, which gives the lexer's answer for
    formatting commands (dropped) and for symbols known alone (``$\\alpha$``), not for
    what only the lexer sees in context (``\\mathbb{R}``, ``\\c{c}``, ``x^2``).
    """
    if text.count("$") % 2 or _NEEDS_LEXER.search(text):
        return True
    return any(
        name not in _FORMATTING and (argument or not _command_symbol(name))
        for name, argument in _CONTROL_WORD.findall(text)
    )


# Math: $...$ and \(...\), read by the math reader before the rest.
_MATH = re.compile(r"(?<!\\)\$((?:\\.|[^$\\])*)\$|\\\((.*?)\\\)", re.DOTALL)
_MATH_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_]|\s+|[^\\{}^_\s]", re.DOTALL)
# Commands whose argument is shown as it is (a font, a box of text).
_MATH_TEXT = frozenset(
    "mathrm mathbf mathit mathsf mathtt mathnormal mathcal mathscr mathfrak boldsymbol bm "  # noqa: SIM905
    "text textrm textit textbf textsf texttt textup mbox hbox operatorname".split()
)
# Commands that only size or place what follows.
_MATH_IGNORED = frozenset(
    "left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr displaystyle textstyle "  # noqa: SIM905
    "scriptstyle limits nolimits".split()
)
_MATH_SPACES = {
    ",": " ",
    ";": " ",
    ":": " ",
    ">": " ",
    " ": " ",
    "!": "",
    "quad": " ",
    "qquad": " ",
}
# What a math character is written as in text the clean-up pass reads: specials escaped.
_MATH_LITERAL = {"{": "\\{", "}": "\\}", "$": "\\$", "%": "\\%", "&": "\\&", "#": "\\#",
                 "_": "\\_", "^": "\\^{}", "~": "\\~{}", "'": "\u2032"}  # fmt: skip
_SCRIPTS = {
    "^": str.maketrans(
        "0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
    ),
    "_": str.maketrans(
        "0123456789", "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089"
    ),
}
# Marks a superscript shows as they are (Brandon Amos$^{\dagger}$).
_MARKS = frozenset("\u2020\u2021*\u2217\u2032\u2033\u00a7\u00b6#\u22c6")


class _MathReader:
    """Reads one math formula into text: symbols as characters, digits raised or lowered."""

    def __init__(self, source: str) -> None:
        self.tokens: list[str] = _MATH_TOKEN.findall(source)
        self.position = 0

    def _next(self) -> str | None:
        if self.position >= len(self.tokens):
            return None
        token = self.tokens[self.position]
        self.position += 1
        return token

    def _skip_space(self) -> bool:
        skipped = False
        while self.position < len(self.tokens) and self.tokens[self.position].isspace():
            self.position += 1
            skipped = True
        return skipped

    def argument(self) -> str:
        """The next group or token, read."""
        self._skip_space()
        token = self._next()
        if token is None or token == "}":
            return ""
        return self.group() if token == "{" else self.token(token)

    def group(self) -> str:
        """Up to the closing brace (or the end)."""
        parts: list[str] = []
        while (token := self._next()) is not None and token != "}":
            parts.append(self.group() if token == "{" else self.token(token))
        return "".join(parts)

    def token(self, token: str) -> str:
        if token in ("^", "_"):
            return self.script(token, self.argument())
        if token.isspace():
            return " "
        if token.startswith("\\"):
            return self.command(token[1:])
        return _MATH_LITERAL.get(token, token)

    def script(self, kind: str, text: str) -> str:
        plain = _LITERAL_BACK.sub(r"\1", text)
        if plain.isdigit():
            return plain.translate(_SCRIPTS[kind])
        if plain and all(char in _MARKS for char in plain):
            return plain
        return ("\\^{}" if kind == "^" else "\\_") + text

    def command(self, name: str) -> str:
        spaced = self._skip_space() if name[:1].isalpha() else False
        if name in _MATH_TEXT:
            return self.argument()
        if name == "mathbb":
            argument = self.argument()
            return _command_symbol(f"mathbb{{{argument}}}") or argument
        if name == "frac":
            numerator = self.argument()
            return f"{numerator}/{self.argument()}"
        if name == "sqrt":
            return "\u221a" + self.argument()
        if name in _MATH_IGNORED:
            return ""
        if name in _MATH_SPACES:
            return _MATH_SPACES[name]
        if not name[:1].isalpha():
            return _MATH_LITERAL.get(name, name)
        if name in _OPERATORS:
            return name + (" " if spaced else "")
        return _command_symbol(name)

    def read(self) -> str:
        parts: list[str] = []
        while (token := self._next()) is not None:
            parts.append(self.group() if token == "{" else self.token(token))
        return "".join(parts)


_LITERAL_BACK = re.compile(r"\\([{}$%&#_])")


def _math(match: re.Match[str]) -> str:
    source = match.group(1) if match.group(1) is not None else match.group(2)
    return _MathReader(source).read()


def _text_commands(text: str) -> str:
    """What needs reading before the rest: math, logos, spacing, empty accents, \\ ."""
    text = _MATH.sub(_math, text)
    text = _LOGO.sub(lambda match: _LOGOS[match.group(1)], text)
    text = _SPACING.sub(lambda match: " " if match.group(1).startswith("hspace") else "", text)
    text = _EMPTY_ACCENT.sub(lambda match: match.group(1), text)
    return _CONTROL_SPACE.sub(_SPACE_MARK, text)


@lru_cache(maxsize=16384)
def _latex_to_text(text: str) -> str:
    if "\\" in text or "$" in text:
        text = _text_commands(text)
    if "\\" in text:
        text = _SIMPLE_ACCENT.sub(_simple_accent, text)
    if _NEEDS_DECODING.search(text) and not _lexer_needed(text):
        # latexcodec's lexer (slow, pure Python) is not needed
        text = _DASH_OR_QUOTE.sub(lambda match: _DASHES_AND_QUOTES[match.group()], text)
        text = _LEFTOVER.sub(_leftover, text.replace("~", "\xa0"))
    elif _NEEDS_DECODING.search(text):
        try:
            text = _HREF.sub("", _BARE_PERCENT.sub(r"\\%", text.replace(_BACKSLASH_MARK, "")))
            text = _TEXTBACKSLASH.sub(_BACKSLASH_MARK, text)
            text = _ulatex(text)
        except Exception:
            pass  # fall back to the clean-up pass alone
        text = _LEFTOVER.sub(_leftover, text).replace(_BACKSLASH_MARK, "\\")
    text = _CONTROL_CHARS.sub("", text).replace(_SPACE_MARK, " ")
    return _WHITESPACE.sub(_collapse, text).strip()


def latex_to_text(text: str) -> str:
    """BibTeX/LaTeX field text to plain Unicode text; never raises.

    Accents and symbols are decoded (``M{\\"u}ller`` -> Müller, ``--`` -> en dash, ``~`` -> no-break
    space), braces and math shifts dropped, formatting commands unwrapped and unknown
    commands dropped with their argument kept (``\\input{x}`` -> ``x``). The result is
    plain text: escaping it is the renderer's job.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    try:
        return _latex_to_text(text)
    except Exception:  # pragma: no cover - defensive: never let odd input escape
        return _WHITESPACE.sub(" ", text.replace("\\", "").replace("{", "").replace("}", ""))


# ---------------------------------------------------------------------------
# Display names
# ---------------------------------------------------------------------------


def _decoded(parts: Iterable[str]) -> str:
    """The name parts joined, then decoded: pybtex splits ``Dezs\\H o`` at its space."""
    return latex_to_text(" ".join(parts))


def display_name(person: Person) -> str:
    """'First Middle von Last, Jr.' with LaTeX decoded (``Ludwig van Beethoven``)."""
    name = _decoded(
        [
            *person.first_names,
            *person.middle_names,
            *person.prelast_names,
            *person.last_names,
        ]
    )
    lineage = _decoded(person.lineage_names)
    if lineage:
        name = f"{name}, {lineage}" if name else lineage
    return name


# ---------------------------------------------------------------------------
# Name keys and matching
# ---------------------------------------------------------------------------

# Letters that NFKD does not decompose into a base letter plus accent.
_FOLD_LETTERS = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "\u0131": "i",  # dotless i
        "ß": "ss",
    }
)
# Separators inside a surname (removed) and between given-name tokens (split on).
_DASHES = r"\-\u2010-\u2015"
_QUOTES = r"'`\u2018\u2019"
# Anything but letters and digits: spaces, dashes, dots, and the marks al-folio users type
# into names (``Einstein*†``) never decide whether two names match.
_SURNAME_JUNK = re.compile(r"[\W_]+")
_GIVEN_SPLIT = re.compile(r"[\W_]+")
_APOSTROPHES = re.compile(rf"[{_QUOTES}]")


def fold(text: str) -> str:
    """Accent-stripped, case-folded form of decoded text."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_FOLD_LETTERS)


@dataclass(frozen=True)
class NameKey:
    """Folded name used for matching: surname (with von part) and given-name tokens."""

    last: str
    given: tuple[str, ...]
    initials_only: bool


_EMPTY_KEY = NameKey("", (), False)


@lru_cache(maxsize=16384)
def _key_from_parts(given_parts: tuple[str, ...], last_parts: tuple[str, ...]) -> NameKey:
    last = _SURNAME_JUNK.sub("", fold(_decoded(last_parts)))
    given_text = _APOSTROPHES.sub("", fold(_decoded(given_parts)))
    given = tuple(t for t in _GIVEN_SPLIT.split(given_text) if t)
    initials_only = bool(given) and all(len(t) == 1 for t in given)
    return NameKey(last, given, initials_only)


@lru_cache(maxsize=4096)
def _parse_person(text: str) -> Person | None:
    try:
        return Person(text)
    except Exception:
        return None


def _protected_whole_name(person: Person) -> Person | None:
    """``{Subrata Biswas}``: a whole name in one brace group, which BibTeX reads as a surname.

    Written this way to stop BibTeX from reordering the name; for matching it is read as the
    name inside the braces.
    """
    if person.first_names or person.middle_names or person.prelast_names or person.lineage_names:
        return None
    if len(person.last_names) != 1:
        return None
    inner = unbraced(person.last_names[0])
    if inner == person.last_names[0] or not re.search(r"\s", inner):
        return None
    return _parse_person(inner)


def unbraced(text: str) -> str:
    """*text* without brace groups that enclose all of it: ``{{https://x}}`` -> ``https://x``."""
    text = text.strip()
    while text.startswith("{") and text.endswith("}") and _one_group(text):
        text = text[1:-1].strip()
    return text


def _one_group(word: str) -> bool:
    """Whether the brace that opens *word* closes only at its end."""
    depth = 0
    for position, char in enumerate(word):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth <= 0 and position < len(word) - 1:
            return False
    return depth == 0


def _person_parts(person: Person) -> tuple[tuple[str, ...], tuple[str, ...]]:
    person = _protected_whole_name(person) or person
    return (
        (*person.first_names, *person.middle_names),
        (*person.prelast_names, *person.last_names),
    )


def _parts_of(person: Person | str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(given parts, surname parts) of a person or a name string; None when unparsable."""
    if isinstance(person, str):
        parsed = _parse_person(person)
        if parsed is None:
            return None
        person = parsed
    try:
        return _person_parts(person)
    except Exception:
        return None


def name_key(person: Person | str) -> NameKey:
    """Folded key of a person, or of a name string ("Wang, Junxiao" or "Junxiao Wang")."""
    parts = _parts_of(person)
    return _EMPTY_KEY if parts is None else _key_from_parts(*parts)


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Given-name token lists agree where both have tokens (initials or full names)."""
    while a and b:
        x, y = a[0], b[0]
        if len(x) == 1 or len(y) == 1:
            if x[0] != y[0]:
                return False
            a, b = a[1:], b[1:]
        elif x == y:
            a, b = a[1:], b[1:]
        elif y.startswith(x) and len(a) > 1:
            # "Jun X." against "Junxiao": the rest of the full name continues the match
            a, b = a[1:], (y[len(x) :], *b[1:])
        elif x.startswith(y) and len(b) > 1:
            a, b = (x[len(y) :], *a[1:]), b[1:]
        else:
            return False
    return True


def names_match(owner: NameKey, other: NameKey) -> bool:
    """Whether two name keys can denote the same person.

    Same folded surname and compatible given names: written in full on both sides, the
    joined tokens must be equal; otherwise initials must agree where both sides have one,
    and full names written on both sides at the same place must agree. An empty given
    name never matches.
    """
    if not owner.last or owner.last != other.last:
        return False
    if not owner.given or not other.given:
        return False
    owner_full = all(len(t) > 1 for t in owner.given)
    other_full = all(len(t) > 1 for t in other.given)
    if owner_full and other_full:
        return "".join(owner.given) == "".join(other.given)
    return _compatible(owner.given, other.given)


class OwnerMatcher:
    """Recognises the CV owner among authors, from the configured name variants."""

    def __init__(self, variants: Iterable[str]) -> None:
        keys: list[NameKey] = []
        for variant in variants or ():
            key = self.key_of(variant)
            if key is not None and key not in keys:
                keys.append(key)
        self._keys: tuple[NameKey, ...] = tuple(keys)
        self._cache: dict[tuple[tuple[str, ...], tuple[str, ...]], bool] = {}

    @staticmethod
    def key_of(variant: object) -> NameKey | None:
        """The key of a name variant, or None for one that can match nobody (no given name
        or no surname: ``"Bashima"``)."""
        if not isinstance(variant, str) or not variant.strip():
            return None
        key = name_key(variant)
        return key if key.last and key.given else None

    @property
    def keys(self) -> tuple[NameKey, ...]:
        """The usable variant keys."""
        return self._keys

    def __bool__(self) -> bool:
        return bool(self._keys)

    def __repr__(self) -> str:
        return f"OwnerMatcher({list(self._keys)!r})"

    def matches(self, person: Person | str) -> bool:
        """Whether ``person`` is one of the owner's name variants (cached per name)."""
        if not self._keys:
            return False
        parts = _parts_of(person)
        if parts is None:
            return False
        found = self._cache.get(parts)
        if found is None:
            key = _key_from_parts(*parts)
            found = any(names_match(owner, key) for owner in self._keys)
            self._cache[parts] = found
        return found


# ---------------------------------------------------------------------------
# Author roles: corresponding author, equal contribution
# ---------------------------------------------------------------------------

AUTHOR_ROLES: tuple[str, ...] = ("corresponding", "equal")

# Other spellings users write, mapped to a role in AUTHOR_ROLES.
_ROLE_ALIASES: dict[str, str] = {
    "corresponding-author": "corresponding",
    "correspondingauthor": "corresponding",
    "corr": "corresponding",
    "equal-contribution": "equal",
    "equalcontribution": "equal",
    "equal-contrib": "equal",
    "equalcontrib": "equal",
}

_ANNOTATION_ITEM_SPLIT = re.compile(r"[;\n]")
_ROLE_SPLIT = re.compile(r"[,\s]+")
_FIELD_NAME_SPLIT = re.compile(r"\s*;\s*")


def _role_name(word: str) -> str | None:
    role = word.strip().lower().replace("_", "-")
    role = _ROLE_ALIASES.get(role, role)
    return role if role in AUTHOR_ROLES else None


def _merge(result: dict[int, frozenset[str]], index: int, roles: Iterable[str]) -> None:
    result[index] = result.get(index, frozenset()) | frozenset(roles)


def parse_annotation(value: str, count: int) -> tuple[dict[int, frozenset[str]], list[str]]:
    """Parse a biblatex name-list annotation such as ``2=corresponding; 1=equal``.

    Returns ``({0-based author index: roles}, problems)``; problems are sentences about
    out-of-range or non-integer indices, unknown roles and garbled items. Never raises.
    """
    result: dict[int, frozenset[str]] = {}
    problems: list[str] = []
    if not isinstance(value, str):
        return result, ["the author annotation is not text."]
    text = value.replace("{", "").replace("}", "").strip()
    if not text:
        return result, problems
    items = [item.strip() for item in _ANNOTATION_ITEM_SPLIT.split(text)]
    while items and not items[-1]:
        items.pop()  # a trailing separator is harmless
    known = ", ".join(AUTHOR_ROLES)
    for item in items:
        if not item:
            problems.append("the author annotation has an empty item (two ';' in a row).")
            continue
        index_text, eq, roles_text = item.partition("=")
        index_text = index_text.strip()
        if not eq or not index_text or not roles_text.strip():
            problems.append(
                f"the author annotation item {item!r} is not of the form 'N=role' "
                f"(for example '2=corresponding')."
            )
            continue
        # biblatex allows an item annotation on a name part: '2:family=...'
        index_text = index_text.split(":", 1)[0].strip()
        number = whole_number(index_text, 999_999)
        if number is None:
            problems.append(
                f"the author annotation item {item!r} does not start with an author number."
            )
            continue
        if not 1 <= number <= count:
            problems.append(
                f"the author annotation item {item!r} refers to author {number}, "
                f"but the entry has {count} author{'s' if count != 1 else ''}."
            )
            continue
        roles: list[str] = []
        for word in _ROLE_SPLIT.split(roles_text.strip()):
            if not word:
                continue
            role = _role_name(word)
            if role is None:
                problems.append(
                    f"the author annotation item {item!r} has the unknown role {word!r} "
                    f"(known roles: {known})."
                )
            else:
                roles.append(role)
        if roles:
            _merge(result, number - 1, roles)
    return result, problems


def _field(fields: Mapping[str, str], name: str) -> str | None:
    """A field's value, looked up case-insensitively."""
    try:
        if name in fields:
            value = fields[name]
            return value if isinstance(value, str) else str(value)
        for key, value in fields.items():
            if isinstance(key, str) and key.lower() == name:
                return value if isinstance(value, str) else str(value)
    except Exception:
        return None
    return None


def _split_names(value: str) -> list[str]:
    names: list[str] = []
    for chunk in _FIELD_NAME_SPLIT.split(value.strip()):
        if not chunk:
            continue
        try:
            names.extend(n.strip() for n in split_name_list(chunk))
        except Exception:
            names.append(chunk)
    return [n for n in names if n]


def _find_author(name: str, keys: Sequence[NameKey]) -> tuple[list[int], str | None]:
    """Indices of the authors ``name`` denotes, and a problem sentence if there is one."""
    number = whole_number(name, 999_999)
    if number is not None:
        if 1 <= number <= len(keys):
            return [number - 1], None
        return [], f"author number {number} is out of range 1..{len(keys)}."
    key = name_key(name)
    if not key.last:
        return [], f"{name!r} is not a name."
    if not key.given:
        # a bare surname is fine when exactly one author has it
        same = [i for i, k in enumerate(keys) if k.last == key.last]
        if len(same) == 1:
            return same, None
    exact = [i for i, k in enumerate(keys) if k == key]
    if len(exact) == 1:
        return exact, None
    found = [i for i, k in enumerate(keys) if names_match(key, k) or names_match(k, key)]
    if len(found) == 1:
        return found, None
    if not found:
        return [], f"{name!r} matches no author of the entry."
    return [], f"{name!r} matches several authors of the entry; write the name in full."


def roles_from_fields(
    persons: Sequence[Person], fields: Mapping[str, str]
) -> tuple[dict[int, frozenset[str]], list[str]]:
    """Author roles from ``author+an`` and the ``corresponding`` / ``equal`` name fields.

    Returns ``({0-based author index: roles}, problems)``. Never raises.
    """
    result: dict[int, frozenset[str]] = {}
    problems: list[str] = []
    annotation = _field(fields, "author+an")
    if annotation:
        roles, found = parse_annotation(annotation, len(persons))
        problems.extend(found)
        for index, role_set in roles.items():
            _merge(result, index, role_set)
    keys: list[NameKey] | None = None
    for role in AUTHOR_ROLES:
        value = _field(fields, role)
        if not value or not value.strip():
            continue
        if keys is None:
            keys = [name_key(p) for p in persons]
        for name in _split_names(value):
            indices, problem = _find_author(name, keys)
            if problem:
                problems.append(f"the {role!r} field: {problem}")
            for index in indices:
                _merge(result, index, (role,))
    return result, problems


# ---------------------------------------------------------------------------
# The likely owner of a bib file
# ---------------------------------------------------------------------------


def sorting_name(person: Person) -> str:
    """'von Last, First Middle' with LaTeX decoded, the form ``academic_owner`` takes."""
    last = _decoded([*person.prelast_names, *person.last_names])
    given = _decoded([*person.first_names, *person.middle_names])
    return f"{last}, {given}" if given else last


def most_frequent_author(people: Iterable[Person]) -> tuple[str, int] | None:
    """The author on most entries, as ('Last, First', count); None without authors.

    Spellings of one person (``J. Wang``, ``Wang, Junxiao``) count together: they share a
    folded surname and first initial. The fullest spelling names the group.
    """
    counts: dict[tuple[str, str], int] = {}
    spellings: dict[tuple[str, str], str] = {}
    for person in people:
        parts = _parts_of(person)
        if parts is None:
            continue
        key = _key_from_parts(*parts)
        if not key.last or not key.given:
            continue
        group = (key.last, key.given[0][0])
        counts[group] = counts.get(group, 0) + 1
        spelling = sorting_name(person)
        if len(spelling) > len(spellings.get(group, "")):
            spellings[group] = spelling
    if not counts:
        return None
    group = max(counts, key=lambda item: counts[item])  # the first seen wins a tie
    return spellings[group], counts[group]
