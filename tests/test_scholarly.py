"""Highwire tags and JSON-LD escaping, from real bib field values."""

from __future__ import annotations

import json

import pytest

from sphinx_academic.core.scholarly import arxiv_id, doi, json_script, meta_tag, page_range


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ("101--115", ("101", "115")),
        ("101-115", ("101", "115")),
        ("e1003 – e1010", ("e1003", "e1010")),
        ("42", ("42", "")),
        ("{1--12}", ("1", "12")),
        ("pp. 1--12 and more", ("", "")),
        ("", ("", "")),
    ],
)
def test_page_range(pages: str, expected: tuple[str, str]) -> None:
    assert page_range({"pages": pages}) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"arxiv": "2501.01234v2"}, "2501.01234"),
        ({"arxiv": "arXiv:2201.00001"}, "2201.00001"),
        ({"arxiv": "https://arxiv.org/abs/2306.11698"}, "2306.11698"),
        ({"arxiv": "https://arxiv.org/pdf/2306.11698v3.pdf"}, "2306.11698"),
        ({"eprint": "hep-th/9901001", "archiveprefix": "arXiv"}, "hep-th/9901001"),
        ({"eprint": "2020/1234", "archiveprefix": "IACR"}, ""),
        ({}, ""),
    ],
)
def test_arxiv_id(fields: dict[str, str], expected: str) -> None:
    assert arxiv_id(fields) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10.1109/TMC.2024.0000000", "10.1109/TMC.2024.0000000"),
        ("https://doi.org/10.1145/3534678.3539247", "10.1145/3534678.3539247"),
        ("doi:10.1016/j.artint.2020.103\\_123", "10.1016/j.artint.2020.103_123"),
        ("", ""),
    ],
)
def test_doi(value: str, expected: str) -> None:
    assert doi({"doi": value}) == expected


@pytest.mark.parametrize(
    "text",
    [
        'A "quoted" title',
        "Ends </script><script>alert(1)</script>",
        "<!-- comment & more -->",
        "line\u2028separator\x07bell\nnewline",
    ],
)
def test_json_script_cannot_be_ended_by_its_data(text: str) -> None:
    block = json_script({"name": text})
    inner = block.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "\x07" not in inner and "\u2028" not in inner
    assert json.loads(inner)["name"] == text


def test_meta_tag_escapes_quotes_and_brackets() -> None:
    assert meta_tag("citation_title", 'A "b" <c>\x00 &\td') == (
        '<meta name="citation_title" content="A &quot;b&quot; &lt;c&gt; &amp; d" />'
    )
