"""Dates of timeline entries: read at the precision written, shown in the document's language.

Pure Python plus Babel (for localised month names); nothing here imports Sphinx.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

import babel
import babel.dates

#: Words that stand for an ongoing end ("2023 -- present"), compared case-insensitively.
PRESENT_WORDS = frozenset({"present", "now"})
MIN_YEAR, MAX_YEAR = 1000, 2999
#: Longer text is refused before any parsing: no date or range needs more.
MAX_LENGTH = 64

_DATE = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{1,2})(?:-(?P<day>[0-9]{1,2}))?)?")
# "--", an en dash or an em dash (spaces optional), or a single hyphen with spaces on both sides
_SEPARATOR = re.compile(r"\s*(?:--|\u2013|\u2014)\s*|\s+-\s+")
_SKELETONS = ("y", "yMMM", "yMMMd")
_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl"}
_ENGLISH = "en"


class DateError(ValueError):
    """A date or range that cannot be read; the message says what is wrong."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, a month of a year, or a day.

    Fields compare only between dates of the same precision; order mixed dates
    by :attr:`first` / :attr:`last` (or :attr:`DateSpan.sort_key`).
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise DateError(f"the year {self.year} is outside {MIN_YEAR}\u2013{MAX_YEAR}")
        if self.month is None:
            if self.day is not None:
                raise DateError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise DateError(f"there is no month {self.month} (months are 1\u201312)")
        if self.day is not None and not 1 <= self.day <= self.days_in_month:
            raise DateError(
                f"{self.year}-{self.month:02d} has no day {self.day} "
                f"(it has {self.days_in_month} days)"
            )

    @property
    def days_in_month(self) -> int:
        """How many days the month has (31 for a year alone)."""
        return calendar.monthrange(self.year, self.month or 12)[1]

    @property
    def precision(self) -> int:
        """1 for a year, 2 for a month, 3 for a day."""
        return 1 if self.month is None else 2 if self.day is None else 3

    @property
    def first(self) -> tuple[int, int, int]:
        """The first day it covers, as ``(year, month, day)``."""
        return (self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> tuple[int, int, int]:
        """The last day it covers: "2024" lasts until 31 December 2024."""
        return (self.year, self.month or 12, self.day or self.days_in_month)

    def __str__(self) -> str:
        text = str(self.year)
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


#: Sorts after every real date: an ongoing entry ends latest.
_PRESENT_KEY = (MAX_YEAR + 1, 1, 1)


@dataclass(frozen=True)
class DateSpan:
    """One date (``end`` None, not ``present``), or a range whose end may be "present"."""

    start: PartialDate
    end: PartialDate | None = None
    present: bool = False

    def __post_init__(self) -> None:
        if self.present and self.end is not None:
            raise DateError("a range ends either at a date or at 'present', not both")
        if self.end is not None and self.end.last < self.start.first:
            raise DateError(f"the range ends ({self.end}) before it starts ({self.start})")

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        """By end (ongoing latest; a single date ends where it ends), then by start."""
        end = _PRESENT_KEY if self.present else (self.end or self.start).last
        return (end, self.start.first)


def _parse_date(text: str) -> PartialDate:
    match = _DATE.fullmatch(text)
    if match is None:
        if text.lower() in PRESENT_WORDS:
            raise DateError(f"{text!r} can only end a range, as in '2023 -- {text}'")
        shown = text if len(text) <= 30 else text[:30] + "\u2026"
        raise DateError(f"{shown!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    month, day = match.group("month"), match.group("day")
    return PartialDate(
        int(match.group("year")),
        int(month) if month is not None else None,
        int(day) if day is not None else None,
    )


def parse_span(text: str) -> DateSpan:
    """Read ``2024``, ``2024-03``, ``2024-03-05`` or a range ``A -- B`` (B may be ``present``).

    Raises :class:`DateError` for anything else, with a message fit for a warning.
    """
    text = text.strip()
    if not text:
        raise DateError("the date is empty")
    if len(text) > MAX_LENGTH:
        raise DateError(f"the date is too long ({len(text)} characters)")
    parts = [part.strip() for part in _SEPARATOR.split(text)]
    if len(parts) == 1:
        return DateSpan(_parse_date(text))
    if len(parts) > 2:
        raise DateError(f"{text!r} has more than one range separator ('A -- B')")
    first, last = parts
    if not first or not last:
        raise DateError(f"{text!r} is a range missing its {'start' if not first else 'end'}")
    start = _parse_date(first)
    if last.lower() in PRESENT_WORDS:
        return DateSpan(start, present=True)
    return DateSpan(start, _parse_date(last))


def _parse_locale(identifier: str) -> babel.Locale | None:
    try:
        return babel.Locale.parse(identifier)
    except (ValueError, TypeError, babel.UnknownLocaleError):
        return None


@lru_cache(maxsize=64)
def babel_locale(language: str | None) -> babel.Locale:
    """The Babel locale for a Sphinx ``language`` (``zh_CN``, ``zh-CN``, ``de``, ``sr@latin``).

    An unknown region falls back to the language alone, anything else to English.
    """
    name = (language or "").strip().replace("-", "_")
    base, _, modifier = name.partition("@")
    language_code = base.split("_")[0]
    candidates: list[str] = []
    if modifier.lower() in _SCRIPTS and language_code:
        candidates.append(f"{language_code}_{_SCRIPTS[modifier.lower()]}")
    candidates += [name, base, language_code]
    for candidate in candidates:
        if candidate and candidate.lower() not in {"c", "posix"}:
            locale = _parse_locale(candidate)
            if locale is not None:
                return locale
    return babel.Locale.parse(_ENGLISH)


def format_date(date: PartialDate, locale: babel.Locale) -> str:
    """One date at its own precision: ``2024``, ``Mar 2024``, ``Mar 5, 2024`` in English."""
    value = datetime.date(*date.first)
    return str(babel.dates.format_skeleton(_SKELETONS[date.precision - 1], value, locale=locale))


def format_span(
    span: DateSpan, locale: str | babel.Locale = _ENGLISH, present_label: str = "present"
) -> str:
    """``Mar 2023 – Apr 2024``, ``2024 – present`` or one date, in *locale*.

    *present_label* is shown as given: the caller translates it.
    """
    if not isinstance(locale, babel.Locale):
        locale = babel_locale(locale)
    start = format_date(span.start, locale)
    if span.present:
        return f"{start} \u2013 {present_label}"
    if span.end is None:
        return start
    return f"{start} \u2013 {format_date(span.end, locale)}"
