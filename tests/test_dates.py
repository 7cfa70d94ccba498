"""Timeline dates: parsing at the precision given, ordering, and formatting per language."""

from __future__ import annotations

import contextlib
import random
import string

import pytest

from sphinx_academic.dates import (
    DateError,
    DateSpan,
    PartialDate,
    babel_locale,
    format_span,
    parse_span,
)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2024", DateSpan(PartialDate(2024))),
        ("2024-03", DateSpan(PartialDate(2024, 3))),
        ("2024-3", DateSpan(PartialDate(2024, 3))),
        ("2024-03-05", DateSpan(PartialDate(2024, 3, 5))),
        ("2024-02-29", DateSpan(PartialDate(2024, 2, 29))),
        ("2023-03 -- 2024-04", DateSpan(PartialDate(2023, 3), PartialDate(2024, 4))),
        ("2023-03--2024-04", DateSpan(PartialDate(2023, 3), PartialDate(2024, 4))),
        ("2023 – 2024", DateSpan(PartialDate(2023), PartialDate(2024))),
        ("2023 — 2024", DateSpan(PartialDate(2023), PartialDate(2024))),
        ("2023 - 2024", DateSpan(PartialDate(2023), PartialDate(2024))),
        ("2023-03 -- present", DateSpan(PartialDate(2023, 3), present=True)),
        ("2023 -- Now", DateSpan(PartialDate(2023), present=True)),
        ("  2020  ", DateSpan(PartialDate(2020))),
        ("2024 -- 2024", DateSpan(PartialDate(2024), PartialDate(2024))),
    ],
)
def test_accepted_forms(text: str, span: DateSpan) -> None:
    assert parse_span(text) == span


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "soon",
        "2023-13",
        "2023-00",
        "2023-02-30",
        "2023-02-29",
        "2023-04-31",
        "20234",
        "0999",
        "3000",
        "2024 -- 2020",
        "2024-05 -- 2024-04",
        "present",
        "present -- 2020",
        "2020 -- 2021 -- 2022",
        "2020 --",
        "-- 2020",
        "2020/03",
        "March 2020",
        "2020-03-05T10:00",
        "2" * 500,
    ],
)
def test_rejected_forms(text: str) -> None:
    with pytest.raises(DateError):
        parse_span(text)


def test_only_date_errors_escape() -> None:
    alphabet = string.digits + "-– —/:presntow" + string.ascii_letters
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        with contextlib.suppress(DateError):
            parse_span(text)


def test_ordering() -> None:
    spans = [
        parse_span(text)
        for text in ("2016-09 -- 2020-12", "2023-03 -- 2024-04", "2024 -- present", "2018", "2024")
    ]
    newest_first = sorted(spans, key=lambda span: span.sort_key, reverse=True)
    assert [format_span(span) for span in newest_first] == [
        "2024 – present",
        "2024",
        "Mar 2023 – Apr 2024",
        "Sep 2016 – Dec 2020",
        "2018",
    ]


@pytest.mark.parametrize(
    ("text", "language", "shown"),
    [
        ("2024", "en", "2024"),
        ("2024-03", "en", "Mar 2024"),
        ("2024-03-05", "en", "Mar 5, 2024"),
        ("2023-03 -- 2024-04", "en", "Mar 2023 – Apr 2024"),
        ("2024-03", "zh_CN", "2024年3月"),
        ("2024-03-05", "zh_CN", "2024年3月5日"),
        ("2023-03 -- 2024-04", "zh-CN", "2023年3月 – 2024年4月"),
        ("2024-03", "de", "März 2024"),
        ("2024-03", "not-a-language", "Mar 2024"),
        ("2024-03", None, "Mar 2024"),
    ],
)
def test_formatting(text: str, language: str | None, shown: str) -> None:
    assert format_span(parse_span(text), babel_locale(language)) == shown


def test_present_label_is_the_callers() -> None:
    assert format_span(parse_span("2023 -- now"), "zh_CN", "至今") == "2023年 – 至今"
