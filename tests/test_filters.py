"""Unit tests for sphinx_academic.core.filters: the safe :filter: expression evaluator."""

from __future__ import annotations

import random

import pytest

from sphinx_academic.core.filters import Filter, FilterError, compile_filter

ENTRY: dict[str, object] = {
    "year": 2024,
    "type": "inproceedings",
    "key": "wang2024flashdp",
    "venue": "NeurIPS",
    "keywords": "Differential Privacy, LLM, Systems",
    "selected": True,
    "author": "Liangyu Wang and Junxiao Wang and Jie Ren",
    "title": "Private Training of Large-scale Models",
    "volume": "36",
    "pages": "1--12",
    "note": "",
}

OLD_MISC: dict[str, object] = {
    "year": 2018,
    "type": "misc",
    "key": "x2018",
    "venue": "arXiv",
    "keywords": "",
    "selected": False,
    "author": "Jie Wang",
    "title": "A preprint",
}


def run(source: str, fields: dict[str, object] | None = None) -> bool:
    return compile_filter(source)(ENTRY if fields is None else fields)


# ---------------------------------------------------------------------------
# allowed constructs
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "on_entry", "on_old"),
    [
        ('year >= 2020 and type == "inproceedings"', True, False),
        ('"privacy" in keywords', True, False),
        ('venue in ("NeurIPS", "ICML") or selected', True, False),
        ('not (type == "misc")', True, False),
        ("year == 2024 or year == 2025", True, False),
        ('author % "Wang"', True, True),
        ('author % "^liangyu"', True, False),
        ('title % "large-?scale"', True, False),
        ("selected", True, False),
        ("not selected", False, True),
        ("2020 < year <= 2024", True, False),
        ("2010 < year < 2020", False, True),
        ("year != 2018", True, False),
        ("year > 2019.5", True, False),
        ("year < 2020", False, True),
        ('venue in ["neurips", "icml"]', True, False),
        ('venue in {"NeurIPS"}', True, False),
        ('venue not in ("arXiv",)', True, False),
        ('"diff" not in keywords', False, True),
        ("year in (2018, 2024)", True, True),
        ("selected == True", True, False),
        ("selected == true", True, False),
        ("selected == false", False, True),
        ("selected != False", True, False),
        ('doi == ""', True, True),
        ('doi != ""', False, False),
        ("doi == None", True, True),
        ("doi", False, False),
        ('(year >= 2020 and "llm" in keywords) or (type == "misc" and year < 2019)', True, True),
        ('author % "wang" and not author % "ren"', False, True),
        ("year > -1", True, True),
        ("(((year > 2020)))", True, False),
        ('type == "InProceedings"', True, False),
    ],
)
def test_allowed_constructs(source: str, on_entry: bool, on_old: bool) -> None:
    f = compile_filter(source)
    assert f(ENTRY) is on_entry
    assert f(OLD_MISC) is on_old


def test_filter_keeps_source_and_compares_by_it() -> None:
    f = compile_filter("year > 2020")
    assert isinstance(f, Filter)
    assert f.source == "year > 2020"
    assert f == compile_filter("year > 2020")
    assert hash(f) == hash(compile_filter("year > 2020"))
    assert Filter("year > 2020")(ENTRY)


def test_multiline_source() -> None:
    assert run('year >= 2020\n  and type == "inproceedings"')


# ---------------------------------------------------------------------------
# coercion, unknown names, case
# ---------------------------------------------------------------------------


def test_year_int_str_coercion() -> None:
    assert run('year == "2024"')
    assert run('year >= "2020"')
    assert run('"2024" == year')
    assert run("volume == 36")
    assert run("volume > 30")
    assert run("30 < volume")
    assert not run("volume < 10")


def test_year_missing_is_zero() -> None:
    assert compile_filter("year < 2000")({"year": 0})


def test_int_vs_non_numeric_text_is_filter_error() -> None:
    with pytest.raises(FilterError, match="pages"):
        run("pages > 3")
    with pytest.raises(FilterError):
        run('year > "recent"')
    with pytest.raises(FilterError):
        run('year == "n/a"')


def test_unknown_names_are_empty_text() -> None:
    assert run('doi == ""')
    assert not run("doi")
    assert run('"x" not in nonexistent')
    assert run('nonexistent % "^$"')


def test_field_names_case_insensitive_fallback() -> None:
    assert compile_filter('Venue == "neurips"')({"venue": "NeurIPS"})
    assert compile_filter('venue == "neurips"')({"VENUE": "NeurIPS"})


def test_in_is_case_insensitive_substring() -> None:
    assert run('"PRIVACY" in keywords')
    assert run('"llm" in keywords')
    assert run('"private training" in title')
    assert not run('"federated" in keywords')
    assert run("2024 in key")


def test_in_list_is_case_insensitive_equality() -> None:
    assert run('venue in ("neurips",)')
    assert not run('venue in ("neur",)')
    assert run('year in ("2024", "n/a")')
    assert run('type in ["INPROCEEDINGS", "article"]')


def test_field_values_that_are_lists() -> None:
    f = compile_filter('"privacy" in tags')
    assert f({"tags": ["Privacy", "LLM"]})
    assert not f({"tags": ["LLM"]})
    assert compile_filter('tags % "^priv"')({"tags": ("x", "privacy")})


def test_in_with_number_on_right_is_filter_error() -> None:
    with pytest.raises(FilterError, match="'in'"):
        run('"2" in year')


def test_regex_is_case_insensitive_search() -> None:
    assert run('author % "junxiao"')
    assert run('title % "\\\\bprivate\\\\b"')
    assert not run('author % "^Junxiao"')
    assert compile_filter('year % "^202"')(ENTRY)


def test_bad_regex_is_filter_error() -> None:
    with pytest.raises(FilterError, match="regular expression"):
        compile_filter('author % "("')
    with pytest.raises(FilterError):
        compile_filter('author % "[a-"')


def test_regex_needs_name_and_pattern() -> None:
    for source in ["year % 2", '"x" % "y"', "author % title", '(author % "x") == True']:
        with pytest.raises(FilterError):
            compile_filter(source)


def test_runtime_error_message_names_the_filter() -> None:
    with pytest.raises(FilterError) as info:
        run("pages > 3")
    assert "pages > 3" in str(info.value)
    assert isinstance(info.value, ValueError)


# ---------------------------------------------------------------------------
# rejected input
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ("__import__('os')", "function call"),
        ("__import__('os').system('ls')", ""),
        ("().__class__", "attribute"),
        ("().__class__.__bases__[0].__subclasses__()", ""),
        ("open('x')", "function call"),
        ("[x for x in y]", "comprehension"),
        ("{x for x in y}", "comprehension"),
        ("(x for x in y)", "comprehension"),
        ("{k: v for k, v in y}", "comprehension"),
        ("lambda: 1", "lambda"),
        ("lambda x: x.__globals__", "lambda"),
        ("year.real", "attribute"),
        ("title.upper", "attribute"),
        ("keywords[0]", "subscript"),
        ("keywords[0:2]", "subscript"),
        ("(x := 1)", "assignment"),
        ('f"{year}"', "f-string"),
        ("__class__", "not allowed"),
        ("__builtins__", "not allowed"),
        ("year + 1 > 2000", "arithmetic"),
        ("year * 2", "arithmetic"),
        ("year ** 99999", "arithmetic"),
        ("year is None", "'is'"),
        ("a if b else c", "conditional"),
        ("{}", "dictionar"),
        ("{'a': 1}", "dictionar"),
        ("...", "constant"),
        ("b'x'", "constant"),
        ("1j", "constant"),
        ("~year", "'~'"),
        ("-year", "sign"),
        ("x == (1, (2,))", "constant"),
        ("x in [y]", "constant"),
        ("year >", ""),
        ("", "empty"),
        ("   ", "empty"),
        ("import os", ""),
        ("year = 2020", ""),
        ("year == 2020; x", ""),
        ("x\0y", ""),
        ('"unterminated', ""),
    ],
)
def test_rejected(source: str, why: str) -> None:
    with pytest.raises(FilterError) as info:
        compile_filter(source)
    assert why.lower() in str(info.value).lower()


def test_over_long_input() -> None:
    source = " or ".join(f"year == {2000 + i % 30}" for i in range(200))
    assert len(source) > 2000
    with pytest.raises(FilterError, match="too long"):
        compile_filter(source)
    with pytest.raises(FilterError, match="too long"):
        compile_filter('"' + "a" * 3000 + '" in title')


@pytest.mark.parametrize(
    "source",
    [
        "not " * 60 + "selected",
        "(" * 60 + "year" + ")" * 60,
        "(" * 300 + "year" + ")" * 300,
        "[" * 100 + "]" * 100,
        "(a and " * 60 + "b" + ")" * 60,
        "(" * 1000,
    ],
)
def test_deep_nesting(source: str) -> None:
    with pytest.raises(FilterError):
        compile_filter(source)


def test_moderate_nesting_is_fine() -> None:
    assert compile_filter("not " * 10 + "selected")(ENTRY) is True
    assert compile_filter("(" * 20 + "selected" + ")" * 20)(ENTRY) is True


def test_non_string_source() -> None:
    with pytest.raises(FilterError):
        compile_filter(42)  # type: ignore[arg-type]


def test_random_garbage_only_raises_filter_error() -> None:
    rng = random.Random(20250101)
    tokens = [
        "year",
        "type",
        "selected",
        "author",
        "keywords",
        "doi",
        "__class__",
        "__import__",
        "and",
        "or",
        "not",
        "in",
        "is",
        "lambda",
        "for",
        "if",
        "else",
        "yield",
        "await",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        ".",
        ";",
        "=",
        "==",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "%",
        "+",
        "-",
        "*",
        "/",
        "**",
        "~",
        "@",
        ":=",
        "'x'",
        '"Wang"',
        '"("',
        "f'",
        "2020",
        "-1",
        "1.5",
        "1e999",
        "None",
        "True",
        "False",
        "0x1F",
        "1_000",
        "\\",
        "\0",
        "\n",
        " ",
        "'",
        '"',
        "#",
        "...",
        "`",
        "$",
        "!",
        "?",
    ]
    fields_variants: list[dict[str, object]] = [ENTRY, OLD_MISC, {}, {"year": "x", "doi": 3}]
    for _ in range(4000):
        source = " ".join(rng.choice(tokens) for _ in range(rng.randint(0, 12)))
        try:
            f = compile_filter(source)
        except FilterError:
            continue
        for fields in fields_variants:
            try:
                result = f(fields)
            except FilterError:
                continue
            assert isinstance(result, bool)


def test_random_characters_only_raise_filter_error() -> None:
    rng = random.Random(7)
    alphabet = "abxy_0123456789 ()[]{}.,:;'\"=!<>%+-*/~^&|@#\\\n\t"
    for _ in range(4000):
        source = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        try:
            result = compile_filter(source)({"a": 1, "b": "2", "x": "text", "y": True})
        except FilterError:
            continue
        assert isinstance(result, bool)


def test_regex_escapes_do_not_warn(recwarn: pytest.WarningsRecorder) -> None:
    assert compile_filter('key % "\\d{4}"')(ENTRY)
    assert not [w for w in recwarn if issubclass(w.category, DeprecationWarning | SyntaxWarning)]


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("false", False),
        ("False", False),
        ("no", False),
        ("off", False),
        (" OFF ", False),
        ("0", False),
        ("", False),
        ("   ", False),
        ("true", True),
        ("yes", True),
        ("on", True),
        ("1", True),
        ("anything else", True),
    ],
)
def test_a_bare_field_reads_the_documented_truth_words(value: str, kept: bool) -> None:
    fields = {**ENTRY, "selected": value}
    assert run("selected", fields) is kept
    assert run("not selected", fields) is not kept
    assert run("selected and year == 2024", fields) is kept
    assert run("selected or year == 1999", fields) is kept


def test_regex_runs_on_re2_without_backtracking() -> None:
    title = {"title": "Towards Robust Learning of Sparse Models in the Wild!"}
    assert not compile_filter('title % "^(\\w+\\s?)*$"')(title)
    assert compile_filter('title % "sparse\\s+models"')(title)
    assert compile_filter('author % "m(ü|ue)ller"')({"author": "Lukas MÜLLER"})


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("sparse(?= models)", "invalid perl operator"),
        ("(?<=a)b", "invalid perl operator"),
        ("(?P<w>a)(?P=w)", "invalid perl operator"),
        ("a{1001}", "invalid repetition size"),
        ("\\\\pL{1000}", "pattern too large"),
    ],
)
def test_regex_outside_re2_is_refused(pattern: str, reason: str) -> None:
    with pytest.raises(FilterError, match=reason):
        compile_filter(f'title % "{pattern}"')


@pytest.mark.parametrize(
    ("source", "selected", "kept"),
    [
        ("selected == true", True, True),
        ("selected == true", False, False),
        ("selected != false", True, True),
        ("selected == false", False, True),
        ('selected == "yes"', True, True),
        ('selected == "off"', True, False),
        ('"yes" == selected', True, True),
        ('"no" != selected', False, False),
        ("selected == 1", True, True),
        ("selected == 0", True, False),
        ("1 == selected", False, False),
        # a bib field is text: "true" in the bib compares with the constant true
        ("selected == true", "true", True),
        ("selected == false", "no", True),
        ("selected == true", "no", False),
    ],
)
def test_truth_values_compare_with_the_truth_words(
    source: str, selected: object, kept: bool
) -> None:
    assert run(source, {**ENTRY, "selected": selected}) is kept


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('selected == "maybe"', "cannot compare the boolean True == the text 'maybe'"),
        ('"maybe" != selected', "cannot compare the text 'maybe' != the boolean True"),
        ('year > "recent"', "cannot compare the number 2024 > the text 'recent' (not a number)"),
        ('"recent" <= year', "cannot compare the text 'recent' (not a number) <= the number 2024"),
    ],
)
def test_comparisons_that_mean_nothing_say_why(source: str, message: str) -> None:
    with pytest.raises(FilterError) as error:
        run(source)
    assert message in str(error.value)
