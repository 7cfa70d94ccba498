"""Reading one venue string: the venue it names, the track, and the words left unexplained.

The words a venue string may hold besides the venue's own names are data
(``data/vocabulary.csv``: main-track phrases, track phrases, boilerplate, places);
one rule reads every string with them:

1. the string is cut into words (numbers, years and ordinals are set aside) and parts
   (at commas, colons, semicolons, spaced dashes and parentheses);
2. from left to right, the longest phrase that is a venue alias or a vocabulary
   phrase is taken; a word that is neither stays *unknown*;
3. the venue is the longest alias outside parentheses whose part holds nothing
   unknown (or whose unknown words are followed by a track marker such as "Track");
   an abbreviation in parentheses is the last resort;
4. what remains unknown is the *leftover*: words that name no known venue, track,
   place or boilerplate. A figure may only be shown when there is none.

Pure Python, no Sphinx. Time is linear in the length of the text, which is capped.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

__all__ = [
    "MAX_CHARS",
    "Reading",
    "TrieNode",
    "Vocabulary",
    "abbreviates",
    "build_trie",
    "read_venue",
    "vocabulary",
]

#: A venue string longer than this is not read at all (no real one comes near it).
MAX_CHARS = 600

_TOKENS = re.compile(
    r"(?P<open>[(\[])|(?P<close>[)\]])"
    r"|(?P<sep>[,;:|]|\s[-\u2010-\u2015\u2212]+\s|--+)"
    r"|(?P<short>['\u2018\u2019\u02bc`]\d{2}\b)"
    r"|(?P<word>[^\W_]+(?:[&+/][^\W_]+)*|&)"
)
_NUMBER = re.compile(r"^\d+(?:st|nd|rd|th)?$")
_GLUED_YEAR = re.compile(r"^([^\W\d_]{2}[\w&+/]*?)((?:19|20)?\d{2})$")  # "NeurIPS2023", "KDD23"
_ROMAN = re.compile(r"^[ivxlc]+$")
_ROMAN_AFTER = frozenset({"part", "vol", "volume", "no", "number", "book"})
#: Kinds of words that say nothing about venue or track.
_NEUTRAL = ("number", "filler", "series")


@dataclass(frozen=True)
class Vocabulary:
    """Phrases (as word tuples) with their kind and value, read from the data folder."""

    phrases: Mapping[tuple[str, ...], tuple[str, str]]
    fields: Mapping[str, str]  # short names trusted only in a bib's explicit track field
    track_order: Mapping[str, int]

    def kind(self, words: Iterable[str]) -> tuple[str, str] | None:
        return self.phrases.get(tuple(words))


@cache
def vocabulary() -> Vocabulary:
    """The bundled vocabulary (read once per process)."""
    text = (resources.files("sphinx_academic") / "data" / "vocabulary.csv").read_text("utf-8")
    rows = csv.reader(line for line in io.StringIO(text) if not line.startswith("#"))
    next(rows, None)
    phrases: dict[tuple[str, ...], tuple[str, str]] = {}
    fields: dict[str, str] = {}
    order: dict[str, int] = {}
    for kind, phrase, value in rows:
        if kind == "field":
            fields[phrase] = value
            continue
        phrases[tuple(phrase.split())] = (kind, value)
        if kind in ("track", "topic"):
            order.setdefault(value, len(order))
    return Vocabulary(phrases, fields, order)


@dataclass
class _Token:
    word: str
    start: int
    end: int
    group: int  # 0 outside parentheses, else the number of the parenthesis group
    part: int  # index of the part between separators
    number: bool


@dataclass
class _Item:
    """One phrase taken by the reader: a run of tokens with its kind and value."""

    tokens: list[_Token]
    kind: str  # "venue", "unknown", or a vocabulary kind
    value: str = ""  # a vocabulary phrase's value (a track name)
    venue: tuple[str, str] = ("", "")  # an alias's (venue, track)

    @property
    def text(self) -> str:
        return " ".join(token.word for token in self.tokens)

    @property
    def part(self) -> int:
        return self.tokens[0].part

    @property
    def group(self) -> int:
        return self.tokens[0].group


@dataclass(frozen=True)
class Reading:
    """What one venue string says.

    ``spans`` are the character ranges of the track phrases (and a workshop's
    topic) in the prepared text; ``host`` is where the text after a "co-located
    with" starts, if there is one.
    """

    venue: str | None
    track: str
    leftover: tuple[str, ...] = ()
    series: bool = False  # the venue came only from a series name ("Findings of the ACL")
    spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    series_spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    host: int | None = field(default=None, compare=False)


def prepare(text: str) -> str:
    """NFKC, TeX braces and backslashes dropped, whitespace collapsed (case kept)."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\\&", "&").replace("{", "").replace("}", "").replace("\\", "")
    return " ".join(text.split())


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    depth = group = groups = part = 0
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth == 1:
                groups += 1
                group = groups
            part += 1
        elif kind == "close":
            depth = max(depth - 1, 0)
            if depth == 0:
                group = 0
            part += 1
        elif kind == "sep":
            part += 1
        elif kind == "short":
            tokens.append(_Token(match.group()[1:], match.start(), match.end(), group, part, True))
        else:
            word = match.group().lower()
            glued = _GLUED_YEAR.match(word)
            if glued:  # "NeurIPS2023"
                cut = match.start() + len(glued.group(1))
                tokens.append(_Token(glued.group(1), match.start(), cut, group, part, False))
                tokens.append(_Token(glued.group(2), cut, match.end(), group, part, True))
                continue
            after_label = bool(tokens) and tokens[-1].word in _ROMAN_AFTER
            number = bool(_NUMBER.match(word)) or (after_label and bool(_ROMAN.match(word)))
            tokens.append(_Token(word, match.start(), match.end(), group, part, number))
    return tokens


class TrieNode:
    """One word of the phrases: the phrases going on, and the alias and vocabulary
    entry of the phrase ending here, if any."""

    __slots__ = ("alias", "children", "entry")

    def __init__(self) -> None:
        self.children: dict[str, TrieNode] = {}
        self.alias: tuple[str, str] | None = None  # (venue, track)
        self.entry: tuple[str, str] | None = None  # (kind, value)


def build_trie(aliases: Mapping[str, tuple[str, str]], words: Vocabulary | None = None) -> TrieNode:
    """One trie over venue aliases (normalised) and vocabulary phrases, word by word."""
    words = words or vocabulary()
    root = TrieNode()

    def node_for(phrase: Iterable[str]) -> TrieNode:
        node = root
        for word in phrase:
            node = node.children.setdefault(word, TrieNode())
        return node

    for key, value in aliases.items():
        if key:
            node_for(key.split()).alias = value
    for phrase, entry in words.phrases.items():
        node_for(phrase).entry = entry
    return root


def _munch(tokens: list[_Token], trie: TrieNode) -> list[_Item]:
    """Longest phrases first, left to right; a vocabulary phrase beats an alias of the
    same length, an alias beats a place (a place only counts as a whole part)."""
    items: list[_Item] = []
    i = 0
    while i < len(tokens):
        node: TrieNode | None = trie
        best: _Item | None = None
        j = i
        while j < len(tokens) and node is not None:
            node = node.children.get(tokens[j].word)
            if node is None:
                break
            taken = tokens[i : j + 1]
            if node.entry is not None and (node.alias is None or node.entry[0] != "place"):
                best = _Item(taken, node.entry[0], value=node.entry[1])
            elif node.alias is not None:
                best = _Item(taken, "venue", venue=node.alias)
            j += 1
        if best is None:
            best = _Item([tokens[i]], "unknown")
        items.append(best)
        i += len(best.tokens)
    return items


_NOT_INITIALS = frozenset({"of", "on", "and", "for", "the", "in", "at", "&"})


def abbreviates(word: str, names: Iterable[str]) -> bool:
    """``word`` is one of the words of ``names`` (normalised venue names), or the initials
    of consecutive words of one: ``sigkdd`` or ``kdd`` for KDD, ``sp`` for the Symposium on
    Security and Privacy; never ``aacl`` for "Annual Meeting of the Association for
    Computational Linguistics"."""
    names = tuple(names)
    if any(word in name.split() for name in names):
        return True
    if len(word) < 2 or not word.isalpha():
        return False
    for name in names:
        initials = "".join(part[0] for part in name.split() if part not in _NOT_INITIALS)
        if word in initials:
            return True
    return False


class _Reader:
    def __init__(
        self,
        text: str,
        trie: TrieNode,
        names_of: Callable[[str], tuple[str, ...]],
    ) -> None:
        self.tokens = _tokens(text)
        self.trie = trie
        self.names_of = names_of
        self.words = vocabulary()

    def items(self) -> list[_Item]:
        """Munch each stream apart: outside parentheses, then each parenthesis group."""
        numbers = [_Item([token], "number") for token in self.tokens if token.number]
        groups: dict[int, list[_Token]] = {}
        for token in self.tokens:
            if not token.number:
                groups.setdefault(token.group, []).append(token)
        items = numbers
        for tokens in groups.values():
            items.extend(_munch(tokens, self.trie))
        items.sort(key=lambda item: item.tokens[0].start)
        return items

    def read(self) -> Reading:
        items = self.items()
        spans: list[tuple[int, int]] = []
        host = self._absorb_topics(items, spans)
        self._places(items)
        primary = self._primary(items)
        venue = None if primary is None else primary.venue[0]
        tracks: list[str] = []
        leftover: list[str] = []
        series_spans: list[tuple[int, int]] = []
        names = self.names_of(venue) if venue else ()
        if primary is not None and primary.group:
            self._name_before(items, primary)
        for item in items:
            if item.kind in ("track", "topic"):
                tracks.append(item.value)
                if item.kind == "track":
                    spans.append((item.tokens[0].start, item.tokens[-1].end))
            elif item.kind == "venue":
                other, track = item.venue
                if other != venue:
                    leftover.append(item.text)
                elif track:
                    tracks.append(track)
            elif item.kind == "series":
                series_spans.append((item.tokens[0].start, item.tokens[-1].end))
        leftover.extend(self._unknown_phrases(items, names))
        track = self._combine(tracks)
        return Reading(
            venue,
            track,
            tuple(leftover),
            spans=tuple(spans),
            series_spans=tuple(series_spans),
            host=host,
        )

    def _absorb_topics(self, items: list[_Item], spans: list[tuple[int, int]]) -> int | None:
        """A workshop's topic ("Workshop on X") names no venue and no track."""
        host: int | None = None
        absorbing: _Item | None = None
        for item in items:
            if absorbing is not None:
                same_part = item.part == absorbing.tokens[-1].part and item.group == absorbing.group
                if item.kind == "host" or not same_part:
                    start, end = spans[-1]
                    spans[-1] = (start, max(end, absorbing.tokens[-1].end))
                    if item.kind == "host":
                        host = item.tokens[-1].end
                        item.kind = "filler"
                    absorbing = None
                    continue
                if item.kind != "number":
                    item.kind = "absorbed"
                    absorbing.tokens = [*absorbing.tokens, *item.tokens]
                continue
            if item.kind == "topic":
                absorbing = _Item(list(item.tokens), "topic")
                spans.append((item.tokens[0].start, item.tokens[-1].end))
            elif item.kind == "host":
                item.kind = "filler"
        if absorbing is not None:
            start, _ = spans[-1]
            spans[-1] = (start, absorbing.tokens[-1].end)
        return host

    def _places(self, items: list[_Item]) -> None:
        """Places count only as whole parts; a part of unknown words just before a place is
        a city ("Tel Aviv, Israel"; "Phoenix, AZ, USA")."""
        parts: dict[int, list[_Item]] = {}
        for item in items:
            if item.kind != "number":
                parts.setdefault(item.part, []).append(item)
        order = sorted(parts)
        place_next = False
        for part in reversed(order):
            members = parts[part]
            if all(item.kind == "place" for item in members):
                place_next = True
                continue
            words = sum(len(item.tokens) for item in members)
            if place_next and words <= 4 and all(i.kind in ("unknown", *_NEUTRAL) for i in members):
                for item in members:
                    item.kind = "place"
                continue
            place_next = False
            for item in members:
                if item.kind == "place":
                    item.kind = "unknown"

    def _primary(self, items: list[_Item]) -> _Item | None:
        """The longest alias outside parentheses whose part is clean; else one in parentheses."""
        outside = [item for item in items if item.kind == "venue" and not item.group]
        for item in sorted(outside, key=lambda item: -len(item.tokens)):
            if self._clean_part(items, item):
                return item
        for item in items:
            if item.kind == "venue" and item.group:
                group = [other for other in items if other.group == item.group]
                if all(other is item or other.kind in _NEUTRAL for other in group):
                    return item
        return None

    def _clean_part(self, items: list[_Item], venue: _Item) -> bool:
        """Nothing unknown shares the alias's part, or a track marker follows the unknown words."""
        parts = {token.part for token in venue.tokens}
        same = [item for item in items if item.part in parts and item.group == venue.group]
        unknown = [item for item in same if item.kind == "unknown"]
        if not unknown:
            return True
        after = venue.tokens[-1].start
        return any(
            item.kind in ("marker", "track") and item.tokens[0].start > after for item in same
        )

    def _name_before(self, items: list[_Item], primary: _Item) -> None:
        """With the venue known only from "(ICASSP)", the words before it are its name
        as this text spells it, unless they name a track."""
        before = [item for item in items if not item.group and item.part < primary.part]
        if any(item.kind in ("track", "topic", "marker", "venue") for item in before):
            return
        for item in before:
            if item.kind == "unknown":
                item.kind = "name"

    def _unknown_phrases(self, items: list[_Item], names: tuple[str, ...]) -> list[str]:
        """Unknown words (with the markers beside them), one phrase per part."""
        phrases: dict[tuple[int, int], list[str]] = {}
        has_unknown: set[tuple[int, int]] = set()
        for item in items:
            key = (item.group, item.part)
            if item.kind == "unknown":
                has_unknown.add(key)
                phrases.setdefault(key, []).append(item.text)
            elif item.kind == "marker":
                phrases.setdefault(key, []).append(item.text)
        result = []
        for key, words in phrases.items():
            if key not in has_unknown and not words:
                continue
            if len(words) == 1 and key in has_unknown:
                word = words[0]
                if abbreviates(word, names):
                    continue  # the venue's own abbreviation: "(SP)", "SIGKDD"
            result.append(" ".join(words))
        return result

    def _combine(self, tracks: list[str]) -> str:
        """One track, or several named together ("Findings" + "Short Papers")."""
        unique = sorted(set(tracks), key=lambda name: self.words.track_order.get(name, 99))
        return " ".join(unique)


def read_venue(
    text: str,
    trie: TrieNode,
    names_of: Callable[[str], tuple[str, ...]],
) -> Reading:
    """Read one venue string (see the module docstring). Never raises."""
    prepared = prepare(text)
    if len(prepared) > MAX_CHARS:
        return Reading(None, "", (f"{prepared[:40]}… ({len(prepared):,} characters)",))
    return _Reader(prepared, trie, names_of).read()
