"""Dates of timeline entries: parsed at the precision written, shown in the document's language.

Pure Python with Babel for month names; no Sphinx in it.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

import babel
import babel.dates

PRESENT_WORDS = frozenset({"present", "now"})
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# a range separator: "--", an en or em dash, or a hyphen with spaces around it
_RANGE = re.compile(r"\s*(?:--|\u2013|\u2014)\s*|\s+-\s+")
MAX_LENGTH = 100


class DateError(ValueError):
    """A date that cannot be read; the message says why."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def key(self) -> tuple[int, int, int]:
        """For ordering starts: a missing month or day counts as the start of the year or month."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def last_key(self) -> tuple[int, int, int]:
        """For ordering ends: "2024" lasts until the end of 2024."""
        return (self.year, self.month or 13, self.day or 32)


@dataclass(frozen=True)
class DateSpan:
    """A single date, or a range whose end may be "present"."""

    start: PartialDate
    end: PartialDate | None = None
    present: bool = False

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        """Ongoing entries sort latest, then by end, then by start."""
        last = (10_000, 0, 0) if self.present else (self.end or self.start).last_key
        return (last, self.start.key)


def _parse_date(text: str) -> PartialDate:
    match = _DATE.match(text.strip())
    if not match:
        raise DateError(f"{text.strip()[:40]!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if not 1000 <= year <= 2999:
        raise DateError(f"the year {year} is out of range")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"there is no month {month}")
    if month is not None and day is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            raise DateError(f"{year}-{month:02d} has no day {day}")
    return PartialDate(year, month, day)


def parse_span(text: str) -> DateSpan:
    """``2024``, ``2024-03``, ``2024-03-05``, or a range ``A -- B`` whose end may be ``present``."""
    text = text.strip()
    if not text:
        raise DateError("the date is empty")
    if len(text) > MAX_LENGTH:
        raise DateError("the date is too long")
    parts = _RANGE.split(text)
    if len(parts) == 1:
        if text.lower() in PRESENT_WORDS:
            raise DateError(f"{text!r} can only end a range, as in '2023 -- {text}'")
        return DateSpan(_parse_date(text))
    if len(parts) != 2 or not all(part.strip() for part in parts):
        raise DateError(f"{text!r} is not a date or a range 'A -- B'")
    first, last = (part.strip() for part in parts)
    if first.lower() in PRESENT_WORDS:
        raise DateError(f"a range cannot start with {first!r}")
    start = _parse_date(first)
    if last.lower() in PRESENT_WORDS:
        return DateSpan(start, present=True)
    end = _parse_date(last)
    if end.key < start.key:
        raise DateError(f"the range ends ({last}) before it starts ({first})")
    return DateSpan(start, end)


@lru_cache(maxsize=32)
def babel_locale(language: str | None) -> babel.Locale:
    """The Babel locale for a Sphinx ``language`` (``zh_CN``, ``zh-CN``, ``de``), else English."""
    if language:
        try:
            return babel.Locale.parse(language.replace("-", "_"))
        except (ValueError, TypeError, babel.UnknownLocaleError):
            pass
    return babel.Locale.parse("en")


_SKELETONS = {1: "y", 2: "yMMM", 3: "yMMMd"}


def format_date(date: PartialDate, locale: babel.Locale) -> str:
    """One date at its own precision: ``2024``, ``Mar 2024``, ``Mar 5, 2024`` (or localised)."""
    precision = 1 if date.month is None else 2 if date.day is None else 3
    value = datetime.date(date.year, date.month or 1, date.day or 1)
    return str(babel.dates.format_skeleton(_SKELETONS[precision], value, locale=locale))


def format_span(
    span: DateSpan, locale: str | babel.Locale = "en", present_label: str = "present"
) -> str:
    """``Mar 2023 – Apr 2024``, ``2024 – present``, or one date."""
    if not isinstance(locale, babel.Locale):
        locale = babel_locale(locale)
    start = format_date(span.start, locale)
    if span.present:
        return f"{start} \u2013 {present_label}"
    if span.end is not None:
        return f"{start} \u2013 {format_date(span.end, locale)}"
    return start
