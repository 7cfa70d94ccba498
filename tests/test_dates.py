"""Timeline dates: parsing at the precision given, validation, ordering, localised formatting."""

from __future__ import annotations

import random
import string

import babel
import pytest

from sphinx_academic.core.dates import (
    DateError,
    DateSpan,
    PartialDate,
    babel_locale,
    format_span,
    parse_span,
)

P = PartialDate


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2024", DateSpan(P(2024))),
        ("2024-03", DateSpan(P(2024, 3))),
        ("2024-3", DateSpan(P(2024, 3))),
        ("2024-03-05", DateSpan(P(2024, 3, 5))),
        ("2024-3-5", DateSpan(P(2024, 3, 5))),
        ("2024-02-29", DateSpan(P(2024, 2, 29))),
        ("2000-02-29", DateSpan(P(2000, 2, 29))),
        ("1000", DateSpan(P(1000))),
        ("2999-12-31", DateSpan(P(2999, 12, 31))),
        ("  2020\t", DateSpan(P(2020))),
        ("2023-03 -- 2024-04", DateSpan(P(2023, 3), P(2024, 4))),
        ("2023-03--2024-04", DateSpan(P(2023, 3), P(2024, 4))),
        ("2023 – 2024", DateSpan(P(2023), P(2024))),
        ("2023–2024", DateSpan(P(2023), P(2024))),
        ("2023 — 2024", DateSpan(P(2023), P(2024))),
        ("2023 - 2024", DateSpan(P(2023), P(2024))),
        ("2023-01-15 -- 2023-02-01", DateSpan(P(2023, 1, 15), P(2023, 2, 1))),
        ("2023 -- 2024-06-30", DateSpan(P(2023), P(2024, 6, 30))),
        ("2024 -- 2024", DateSpan(P(2024), P(2024))),
        # a range may start and end on the same day or month
        ("2024-05-10 -- 2024-05-10", DateSpan(P(2024, 5, 10), P(2024, 5, 10))),
        ("2024-05 -- 2024-05", DateSpan(P(2024, 5), P(2024, 5))),
        # mixed precision: the end may be coarser or finer, as long as it can end after the start
        ("2024-05 -- 2024", DateSpan(P(2024, 5), P(2024))),
        ("2024 -- 2024-03", DateSpan(P(2024), P(2024, 3))),
        ("2024-05-10 -- 2024-05", DateSpan(P(2024, 5, 10), P(2024, 5))),
        ("2023-03 -- present", DateSpan(P(2023, 3), present=True)),
        ("2023-03 -- Present", DateSpan(P(2023, 3), present=True)),
        ("2023 -- Now", DateSpan(P(2023), present=True)),
        ("2023 - now", DateSpan(P(2023), present=True)),
        ("2023 – PRESENT", DateSpan(P(2023), present=True)),
        ("2023-03-05—now", DateSpan(P(2023, 3, 5), present=True)),
    ],
)
def test_accepted_forms(text: str, span: DateSpan) -> None:
    assert parse_span(text) == span


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("soon", "not a date"),
        ("garbage!", "not a date"),
        ("March 2020", "YYYY-MM"),
        ("2020/03", "not a date"),
        ("2020.03", "not a date"),
        ("20234", "not a date"),
        ("24", "not a date"),
        ("2024-", "not a date"),
        ("2024-003", "not a date"),
        ("2024-03-005", "not a date"),
        ("2020-03-05T10:00", "not a date"),
        ("２０２４", "not a date"),  # full-width digits are not read as a year
        ("2023-13", "no month 13"),
        ("2023-00", "no month 0"),
        ("2023-02-30", "no day 30"),
        ("2023-02-29", "no day 29"),
        ("2023-04-31", "no day 31"),
        ("2023-01-00", "no day 0"),
        ("0999", "outside 1000"),
        ("3000", "outside 1000"),
        ("2024 -- 2020", "ends (2020) before it starts (2024)"),
        ("2024-05 -- 2024-04", "before it starts"),
        ("2024-05-02 -- 2024-05-01", "before it starts"),
        ("2024 -- 2023-12", "before it starts"),
        ("present", "only end a range"),
        ("Now", "only end a range"),
        ("present -- 2020", "only end a range"),
        ("now -- present", "only end a range"),
        ("2020 -- 2021 -- 2022", "more than one range separator"),
        ("2020 -- ", "missing its end"),
        ("-- 2020", "missing its start"),
        ("2020 —", "missing its end"),
        ("2020 -2021", "not a date"),
        ("2020 -- later", "not a date"),
        ("2020 -- 2021-02-30", "no day 30"),
        ("2" * 500, "too long"),
        ("2020 -- " + "x" * 10_000, "too long"),
    ],
)
def test_rejected_forms(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_span(text)


def test_errors_are_value_errors_with_short_messages() -> None:
    with pytest.raises(ValueError) as caught:
        parse_span("nonsense " * 6)
    assert isinstance(caught.value, DateError)
    assert len(str(caught.value)) < 120


def test_dates_validate_themselves() -> None:
    with pytest.raises(DateError, match="no day 31"):
        PartialDate(2023, 6, 31)
    with pytest.raises(DateError, match="needs a month"):
        PartialDate(2023, None, 5)
    with pytest.raises(DateError, match="before it starts"):
        DateSpan(PartialDate(2024), PartialDate(2023))
    with pytest.raises(DateError, match="not both"):
        DateSpan(PartialDate(2024), PartialDate(2025), present=True)
    assert str(PartialDate(2024, 3, 5)) == "2024-03-05"
    assert str(PartialDate(2024)) == "2024"


def test_partial_dates_cover_their_period() -> None:
    assert PartialDate(2024).first == (2024, 1, 1)
    assert PartialDate(2024).last == (2024, 12, 31)
    assert PartialDate(2024, 2).last == (2024, 2, 29)
    assert PartialDate(2023, 2).last == (2023, 2, 28)
    assert PartialDate(2024, 3, 5).first == PartialDate(2024, 3, 5).last == (2024, 3, 5)


def _order(texts: list[str], descending: bool) -> list[str]:
    spans = {text: parse_span(text) for text in texts}
    return sorted(texts, key=lambda text: spans[text].sort_key, reverse=descending)


MIXED = [
    "2018",
    "2016-09 -- 2020-12",
    "2024 -- present",
    "2023-03 -- 2024-04",
    "2024-05-01",
    "2021-09 -- now",
    "2024",
    "2019-06 -- 2020-12",
]


def test_descending_order_puts_ongoing_first() -> None:
    assert _order(MIXED, descending=True) == [
        "2024 -- present",  # ongoing, the later start first
        "2021-09 -- now",
        "2024",  # lasts until the end of 2024
        "2024-05-01",
        "2023-03 -- 2024-04",
        "2019-06 -- 2020-12",  # same end as the next: the later start first
        "2016-09 -- 2020-12",
        "2018",
    ]


def test_ascending_order_is_the_reverse() -> None:
    assert _order(MIXED, descending=False) == list(reversed(_order(MIXED, descending=True)))


def test_present_sorts_after_any_date() -> None:
    ongoing = parse_span("1000 -- present").sort_key
    assert all(ongoing > parse_span(text).sort_key for text in ("2999-12-31", "2990 -- 2999"))
    assert parse_span("2020 -- now").sort_key > parse_span("2019 -- now").sort_key
    assert parse_span("2020").sort_key == parse_span("2020 -- 2020").sort_key


def test_a_single_date_has_no_end() -> None:
    span = parse_span("2024-03")
    assert span.end is None
    assert not span.present


@pytest.mark.parametrize(
    ("text", "language", "shown"),
    [
        ("2024", "en", "2024"),
        ("2024-03", "en", "Mar 2024"),
        ("2024-03-05", "en", "Mar 5, 2024"),
        ("2023-03 -- 2024-04", "en", "Mar 2023 – Apr 2024"),
        ("2023-03 -- 2023-04", "en", "Mar 2023 – Apr 2023"),  # no collapsing of the year
        ("2016 -- 2020-12", "en", "2016 – Dec 2020"),
        ("2024", "zh_CN", "2024年"),
        ("2024-03", "zh_CN", "2024年3月"),
        ("2024-03-05", "zh_CN", "2024年3月5日"),
        ("2023-03 -- 2024-04", "zh-CN", "2023年3月 – 2024年4月"),
        ("2024", "de", "2024"),
        ("2024-03", "de", "März 2024"),
        ("2024-03", "not-a-language", "Mar 2024"),
        ("2024-03", "xx", "Mar 2024"),
        ("2024-03", "", "Mar 2024"),
        ("2024-03", None, "Mar 2024"),
        ("2024-03", "de_XX", "März 2024"),  # an unknown region: the language alone
    ],
)
def test_formatting(text: str, language: str | None, shown: str) -> None:
    assert format_span(parse_span(text), babel_locale(language)) == shown


@pytest.mark.parametrize(
    ("language", "year", "month", "day"),
    [
        ("en", "2024", "Mar 2024", "Mar 5, 2024"),
        ("zh_CN", "2024年", "2024年3月", "2024年3月5日"),
        ("de", "2024", "März 2024", "5. März 2024"),
        ("fr", "2024", "mars 2024", "5 mars 2024"),
        ("ja", "2024年", "2024年3月", "2024年3月5日"),
    ],
)
def test_each_precision_in_the_readers_language(
    language: str, year: str, month: str, day: str
) -> None:
    shown = [format_span(parse_span(text), language) for text in ("2024", "2024-03", "2024-03-05")]
    assert shown == [year, month, day]


def test_locale_may_be_a_name_or_a_locale() -> None:
    span = parse_span("2024-03 -- 2024-05")
    assert format_span(span) == format_span(span, "en") == "Mar 2024 – May 2024"
    assert format_span(span, "zh_CN") == format_span(span, babel.Locale.parse("zh_CN"))
    assert format_span(span, "no such locale") == "Mar 2024 – May 2024"


def test_present_label_is_the_callers() -> None:
    assert format_span(parse_span("2023 -- now")) == "2023 – present"
    assert format_span(parse_span("2023 -- now"), "zh_CN", "至今") == "2023年 – 至今"
    assert format_span(parse_span("2023-09 -- now"), "de", "heute") == "Sept. 2023 – heute"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh_CN", "zh_Hans_CN"),
        ("zh-CN", "zh_Hans_CN"),
        ("zh_TW", "zh_Hant_TW"),
        ("de", "de"),
        ("pt_BR", "pt_BR"),
        ("sr@latin", "sr_Latn"),
        ("de_XX", "de"),
        (None, "en"),
        ("", "en"),
        ("C", "en"),
        ("xx", "en"),
        ("../../etc/passwd", "en"),
    ],
)
def test_babel_locale(language: str | None, expected: str) -> None:
    assert str(babel_locale(language)) == expected


def test_babel_locale_is_cached() -> None:
    assert babel_locale("de") is babel_locale("de")


def test_only_date_errors_escape() -> None:
    """Random text, mostly near-dates, never makes parsing fail with anything but DateError."""
    alphabet = string.digits * 3 + "-- – — /:.TpresntowPN " + string.ascii_letters + "٣２\x00"
    pieces = ["2023", "2024-02-29", "2023-02-29", "--", " - ", "–", "present", "now", "12", "31"]
    rng = random.Random(20240305)
    parsed = 0
    for _ in range(5000):
        if rng.random() < 0.5:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        else:
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        try:
            span = parse_span(text)
        except DateError:
            continue
        parsed += 1
        assert format_span(span, "zh_CN")
        assert span.sort_key
    assert parsed > 50  # the loop exercises successful parses too


def test_babel_locale_never_raises() -> None:
    rng = random.Random(5)
    alphabet = string.ascii_letters + "_-@.  /\\0123"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert isinstance(babel_locale(text), babel.Locale)
