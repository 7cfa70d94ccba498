"""Unit tests for sphinx_academic.core.names: LaTeX decoding, names, owner matching, roles."""

from __future__ import annotations

import random
import re

import pytest
from pybtex.database import Person

from sphinx_academic.core.names import (
    AUTHOR_ROLES,
    NameKey,
    OwnerMatcher,
    display_name,
    latex_to_text,
    name_key,
    names_match,
    parse_annotation,
    roles_from_fields,
)

NBSP = "\xa0"

# ---------------------------------------------------------------------------
# latex_to_text
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"M{\"u}ller", "Müller"),
        (r"M\"uller", "Müller"),
        (r"{\'E}cole", "École"),
        (r"Caf\'e", "Café"),
        (r"\c{c}a", "ça"),
        (r"{\o}rsted", "ørsted"),
        (r"\l{}ukasz", "łukasz"),
        (r"{\ss}", "ß"),
        (r"Barnes \& Noble", "Barnes & Noble"),
        (r"50\%", "50%"),
        ("50% of", "50% of"),
        ("pages 1--10", "pages 1\u201310"),
        ("a---b", "a—b"),
        (r"costs \$5", "costs $5"),
        (r"\{x\}", "{x}"),
        ("``quoted''", "“quoted”"),
        (r"\textit{Italic}", "Italic"),
        (r"\emph{Emph} text", "Emph text"),
        (r"\textbf{Bold}", "Bold"),
        (r"\texttt{Mono}", "Mono"),
        (r"\mbox{Box}", "Box"),
        (r"{\it old} style", "old style"),
        (r"$\alpha$-divergence", "\u03b1-divergence"),
        (r"$x^2$ and $y$", "x\u00b2 and y"),
        (r"$\mathcal{O}(n)$ time", "O(n) time"),
        (r"\ensuremath{\alpha}", "\u03b1"),
        (r"\LaTeX{} rocks", "LaTeX rocks"),
        (r"a\textbackslash{}b", "a\\b"),
        (r"\href{https://example.org}{the text}", "the text"),
        (r"\url{https://example.org}", "https://example.org"),
        ("{Deep} {Learning}", "Deep Learning"),
        ("  many   spaces\n\there ", "many spaces here"),
        (r"line\\break", "line break"),
        ("", ""),
        ("plain text", "plain text"),
    ],
)
def test_latex_to_text(source: str, expected: str) -> None:
    assert latex_to_text(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"$O(n \log n)$ Attention", "O(n log n) Attention"),
        (r"$\log$-Linear", "log-Linear"),
        (r"$\sin x$", "sin x"),
    ],
)
def test_math_operators_keep_their_names(source: str, expected: str) -> None:
    assert latex_to_text(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # titles and names from real bib files (DBLP exports, biblatex-examples.bib, CV sites)
        (r"Brandon Amos$^{\dagger}$", "Brandon Amos\u2020"),
        (r"{\sl The \LaTeX\ Companion}", "The LaTeX Companion"),
        (r"Dezs\H o", "Dezs\u0151"),
        (r"Erd\H{o}s and $x^2$", "Erd\u0151s and x\u00b2"),
        (r"{\TeX} and {\MF}", "TeX and METAFONT"),
        (r"The {\TeX}book", "The TeXbook"),
        (r"T\kern-.1667em\lower.5ex\hbox{E}\kern-.125emX", "TEX"),
        (r"A\kern.05em B", "AB"),
        (r"More on AC{\^{}}0[oplus]", "More on AC^0[oplus]"),
        (r"methodology\hyphen independent", "methodology-independent"),
        (r"$\epsilon$-Nets and $\ell_2$ Regression", "\u03b5-Nets and \u2113\u2082 Regression"),
        (
            r"$\alpha$, $\Delta$, $\nabla$, $\leq$, $\sim$, $\approx$",
            "\u03b1, \u0394, \u2207, \u2264, \u223c, \u2248",
        ),
        (
            r"AC\({}^{\mbox{0}}\)[{\(\oplus\)}] via the coin problem",
            "AC\u2070[\u2295] via the coin problem",
        ),
        (r"$O(n^{2})$ and $x_{ij}$", "O(n\u00b2) and x_ij"),
        (
            r"$\frac{1}{2}$-approximation in $\sqrt{n}$ rounds",
            "1/2-approximation in \u221an rounds",
        ),
        (r"$\left(1+\varepsilon\right)$", "(1+\u03b5)"),
        (r"costs \$5, not $5$", "costs $5, not 5"),
    ],
)
def test_real_titles_decode(source: str, expected: str) -> None:
    assert latex_to_text(source) == expected


# Titles as bib files write them: the table lookups must read them as the lexer does.
LEXER_FREE = [
    r"\emph{Faithful} Reinforcement Learning",
    r"{FlashDP}: {GPU}-Accelerated $\alpha$-Divergence Minimisation",
    r"\textbf{Bold}, \textit{italic} and {\em emphasised}",
    r"Pages 1--10 --- and ``quoted''",
    r"$\beta$-VAE with $\Delta \leq \infty$ and $\rightarrow$",
    r"The \LaTeX{} Companion",
    r"Gro{\ss}e {\O}resund \ldots{} \copyright{} 2024",
    r"$\mathbb{R}$, $\mathcal{O}(n)$, $\sqrt{n}$, $x^2$, $\ell_2$",
    r"Fran{\c{c}}ois and {\v{S}}koda and \'{\i}",
    r"\textsuperscript{2} and \url{https://example.org}",
    r"50% and 100\% and it's O'Reilly",
]


@pytest.mark.parametrize("source", LEXER_FREE)
def test_lookups_agree_with_the_lexer(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from sphinx_academic.core import names

    fast = latex_to_text(source)
    names._latex_to_text.cache_clear()
    monkeypatch.setattr(names, "_lexer_needed", lambda text: True)
    try:
        assert latex_to_text(source) == fast
    finally:
        names._latex_to_text.cache_clear()


def test_tilde_is_a_space() -> None:
    assert latex_to_text("D.~E. Keyes") == f"D.{NBSP}E. Keyes"  # BibTeX's tie: no break


def test_hostile_html_passes_through_as_text() -> None:
    text = "<script>alert(1)</script>"
    assert latex_to_text(text) == text
    assert latex_to_text('<img src=x onerror="alert(1)">') == '<img src=x onerror="alert(1)">'


@pytest.mark.parametrize(
    ("source", "kept", "lost"),
    [
        (r"\input{/etc/passwd}", "/etc/passwd", "input"),
        (r"\write18{rm -rf}", "rm -rf", "write"),
        (r"\catcode`\^=7", "", "catcode"),
        (r"\def\x{y}", "y", "def"),
        (r"\unknowncommand{arg}", "arg", "unknowncommand"),
    ],
)
def test_commands_lose_their_name(source: str, kept: str, lost: str) -> None:
    result = latex_to_text(source)
    assert kept in result
    assert lost not in result
    assert "\\" not in result


@pytest.mark.parametrize(
    "source",
    ["lone \\", "\\", "x\\", "{unbalanced", "unbalanced}", "}{", "$", "$$x", '\\"', "\\'", "%"],
)
def test_malformed_input_never_raises(source: str) -> None:
    result = latex_to_text(source)
    assert isinstance(result, str)
    assert "{" not in result.replace("\\{", "")


def test_unbalanced_braces_best_effort() -> None:
    assert latex_to_text("unbalanced {x") == "unbalanced x"
    assert latex_to_text("a}b") == "ab"
    assert latex_to_text("lone \\") == "lone"


def test_control_characters_removed() -> None:
    assert latex_to_text("a\x00b\x07c") == "abc"


def test_random_garbage_never_raises() -> None:
    rng = random.Random(1234)
    alphabet = "\\{}$%&~-`'\"^_ abcXYZ0123456789\n\t@#!,.;:=<>/|"
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert isinstance(latex_to_text(text), str)


# ---------------------------------------------------------------------------
# display_name
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Wang, Junxiao", "Junxiao Wang"),
        ("Junxiao Wang", "Junxiao Wang"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("van Beethoven, Ludwig", "Ludwig van Beethoven"),
        ("van der Waals, Johannes Diderik", "Johannes Diderik van der Waals"),
        ("King, Jr., Martin Luther", "Martin Luther King, Jr."),
        ("Aristotle", "Aristotle"),
        ("Jean-Pierre Serre", "Jean-Pierre Serre"),
        ("D. E. Keyes", "D. E. Keyes"),
        ("Keyes, D. E.", "D. E. Keyes"),
        ("Wang, J.-X.", "J.-X. Wang"),
        ("Müller, Jörg", "Jörg Müller"),
        (r"M{\"u}ller, J{\"o}rg", "Jörg Müller"),
        (r"{\'E}mile Zola", "Émile Zola"),
        ("{Barnes and Noble}", "Barnes and Noble"),
        ("王, 俊晓", "俊晓 王"),
    ],
)
def test_display_name(source: str, expected: str) -> None:
    assert display_name(Person(source)) == expected


def test_display_name_tilde_initials() -> None:
    assert display_name(Person("D.~E. Keyes")) == "D. E. Keyes"


# ---------------------------------------------------------------------------
# name keys and matching
# ---------------------------------------------------------------------------


def test_name_key_folding() -> None:
    assert name_key(r"M{\"u}ller, J{\"o}rg") == NameKey("muller", ("jorg",), False)
    assert name_key("Müller, Jörg") == name_key("Muller, Jorg")
    assert name_key("Ludwig van Beethoven").last == "vanbeethoven"
    assert name_key("O'Brien, Pat").last == "obrien"
    assert name_key("Jun-Xiao Wang") == NameKey("wang", ("jun", "xiao"), False)
    assert name_key("Wang, J.-X.") == NameKey("wang", ("j", "x"), True)
    assert name_key("J. Wang") == NameKey("wang", ("j",), True)
    assert name_key("Wang, Cody Junxiao").given == ("cody", "junxiao")
    assert name_key("Aristotle") == NameKey("aristotle", (), False)


def test_name_key_person_and_string_agree() -> None:
    assert name_key(Person("Wang, Junxiao")) == name_key("Junxiao Wang")


def test_name_key_bad_string() -> None:
    assert name_key("a, b, c, d") == NameKey("", (), False)
    assert name_key("") == NameKey("", (), False)


OWNER = ["Wang, Junxiao", "Wang, Cody Junxiao"]


@pytest.mark.parametrize(
    "author",
    [
        "Wang, Junxiao",
        "Junxiao Wang",
        "JUNXIAO WANG",
        "wang, junxiao",
        "Wang, J.",
        "J. Wang",
        "J Wang",
        "Wang, J.-X.",
        "J.X. Wang",
        "Jun-Xiao Wang",
        "Jun Xiao Wang",
        "Wang, Jun-Xiao",
        "Cody Junxiao Wang",
        "Cody J. Wang",
        "C. J. Wang",
        "C. Wang",
        "Wang, Cody J.",
    ],
)
def test_owner_matches(author: str) -> None:
    assert OwnerMatcher(OWNER).matches(Person(author))


@pytest.mark.parametrize(
    "author",
    [
        "Wang, Jie",
        "Wang, Di",
        "Wang, X.",
        "X. Wang",
        "Jie X. Wang",
        "Liangyu Wang",
        "Junxiao Wong",
        "Wang",
        "Junxiao",
        "Cody Wang",
        "Zhang, Junxiao",
        # a shorter given name is no initial: "Jun" neither is nor continues "Junxiao"
        "C. Jun Wang",
        "Cody Jun Wang",
        "Wang, Cody Jun",
    ],
)
def test_owner_does_not_match(author: str) -> None:
    assert not OwnerMatcher(OWNER).matches(Person(author))


def test_owner_unicode_vs_latex() -> None:
    latex = OwnerMatcher([r"M{\"u}ller, J{\"o}rg"])
    assert latex.matches(Person("Müller, Jörg"))
    assert latex.matches(Person("Jörg Müller"))
    assert latex.matches(Person("MÜLLER, J."))
    assert latex.matches(Person("Muller, Jorg"))
    unicode = OwnerMatcher(["Müller, Jörg"])
    assert unicode.matches(Person(r"M{\"u}ller, J{\"o}rg"))
    assert unicode.matches(Person(r"J\"org M\"uller"))
    assert not unicode.matches(Person("Müller, Hans"))


@pytest.mark.parametrize(
    ("owner", "author", "matches"),
    [
        # a lab's bib writes whole names in one brace group so BibTeX keeps them as written
        ("Islam, Bashima", "{Bashima Islam}", True),
        ("Bashima Islam", "{Bashima Islam}", True),
        ("{Bashima Islam}", "{Bashima Islam}", True),
        ("{Bashima Islam}", "Islam, Bashima", True),
        ("{Bashima Islam}", "B. Islam", True),
        ("Islam, Bashima", "{Subrata Biswas}", False),
        ("{Bashima Islam}", "{Subrata Biswas}", False),
        # a protected corporate name, or one word, stays a surname
        ("Islam, Bashima", "{Bashima}", False),
    ],
)
def test_owner_brace_protected_whole_names(owner: str, author: str, matches: bool) -> None:
    assert OwnerMatcher([owner]).matches(Person(author)) is matches


def test_owner_von_and_initials() -> None:
    matcher = OwnerMatcher(["van Beethoven, Ludwig"])
    assert matcher.matches(Person("Ludwig van Beethoven"))
    assert matcher.matches(Person("L. van Beethoven"))
    assert not matcher.matches(Person("Ludwig Beethoven"))
    keyes = OwnerMatcher(["Keyes, David E."])
    assert keyes.matches(Person("D. E. Keyes"))
    assert keyes.matches(Person("D. Keyes"))
    assert not keyes.matches(Person("D. F. Keyes"))


def test_owner_matcher_accepts_strings_and_caches() -> None:
    matcher = OwnerMatcher(OWNER)
    assert matcher.matches("J. Wang")
    assert not matcher.matches("a, b, c, d")
    person = Person("Wang, Jie")
    assert not matcher.matches(person)
    assert not matcher.matches(person)


def test_owner_matcher_skips_bad_variants() -> None:
    assert not OwnerMatcher([])
    assert not OwnerMatcher(["", "   ", "Wang", "a, b, c, d"])
    matcher = OwnerMatcher(["", "Wang, Junxiao"])
    assert matcher
    assert len(matcher.keys) == 1
    assert not OwnerMatcher([]).matches(Person("Wang, Junxiao"))


def test_names_match_rules() -> None:
    owner = name_key("Wang, Junxiao")
    assert names_match(owner, name_key("Jun-Xiao Wang"))
    assert names_match(owner, name_key("J.-X. Wang"))
    # a one-token owner name has one initial only: a second initial cannot contradict it
    assert names_match(owner, name_key("J.-Y. Wang"))
    assert not names_match(name_key("Wang, Jun-Xiao"), name_key("J.-Y. Wang"))
    assert not names_match(owner, name_key("Wang"))
    assert not names_match(name_key("Wang"), owner)
    assert not names_match(NameKey("", (), False), NameKey("", (), False))
    # symmetric in practice
    for other in ["J. Wang", "Jie Wang", "Cody J. Wang", "Jun-Xiao Wang"]:
        key = name_key(other)
        assert names_match(owner, key) == names_match(key, owner)


# ---------------------------------------------------------------------------
# annotations and roles
# ---------------------------------------------------------------------------


def test_author_roles() -> None:
    assert "corresponding" in AUTHOR_ROLES
    assert "equal" in AUTHOR_ROLES


def test_parse_annotation_good() -> None:
    roles, problems = parse_annotation("2=corresponding; 1=equal; 2=equal", 3)
    assert problems == []
    assert roles == {1: frozenset({"corresponding", "equal"}), 0: frozenset({"equal"})}


def test_parse_annotation_comma_lists_and_spacing() -> None:
    roles, problems = parse_annotation("  2 = corresponding , equal ;1=equal;  ", 2)
    assert problems == []
    assert roles == {1: frozenset({"corresponding", "equal"}), 0: frozenset({"equal"})}


def test_parse_annotation_case_and_name_part() -> None:
    roles, problems = parse_annotation("1:family=Corresponding", 1)
    assert problems == []
    assert roles == {0: frozenset({"corresponding"})}


def test_parse_annotation_out_of_range() -> None:
    roles, problems = parse_annotation("4=corresponding; 0=equal; 1=equal", 3)
    assert roles == {0: frozenset({"equal"})}
    assert len(problems) == 2
    assert "4" in problems[0]
    assert "3 authors" in problems[0]


def test_parse_annotation_unknown_role() -> None:
    roles, problems = parse_annotation("1=corresponding,boss", 2)
    assert roles == {0: frozenset({"corresponding"})}
    assert len(problems) == 1
    assert "boss" in problems[0]


@pytest.mark.parametrize("value", ["garbage", "x=equal", "=equal", "1=", "1;;2=equal", "1.5=equal"])
def test_parse_annotation_garbled(value: str) -> None:
    _roles, problems = parse_annotation(value, 3)
    assert problems
    assert all(isinstance(p, str) and p for p in problems)


def test_parse_annotation_empty() -> None:
    assert parse_annotation("", 3) == ({}, [])
    assert parse_annotation("   ", 0) == ({}, [])


def test_parse_annotation_never_raises() -> None:
    rng = random.Random(99)
    alphabet = "0123456789=;,: {}abcdeqrlnpostuv-\n"
    for _ in range(1000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        roles, problems = parse_annotation(value, rng.randint(0, 5))
        assert isinstance(roles, dict)
        assert isinstance(problems, list)


AUTHORS = [Person(n) for n in ["Wang, Liangyu", "Wang, Junxiao", "Ren, Jie", "Wang, Di"]]


def test_roles_from_annotation_field() -> None:
    roles, problems = roles_from_fields(AUTHORS, {"author+an": "2=corresponding; 1=equal; 2=equal"})
    assert problems == []
    assert roles == {1: frozenset({"corresponding", "equal"}), 0: frozenset({"equal"})}


def test_roles_annotation_key_case_insensitive() -> None:
    roles, _ = roles_from_fields(AUTHORS, {"Author+AN": "3=corresponding"})
    assert roles == {2: frozenset({"corresponding"})}


def test_roles_from_name_fields() -> None:
    roles, problems = roles_from_fields(
        AUTHORS,
        {"corresponding": "Wang, Junxiao", "equal": "Wang, Liangyu and Junxiao Wang"},
    )
    assert problems == []
    assert roles == {1: frozenset({"corresponding", "equal"}), 0: frozenset({"equal"})}


def test_roles_name_fields_tolerant_forms() -> None:
    roles, problems = roles_from_fields(AUTHORS, {"Corresponding": "J. Wang", "EQUAL": "Ren and 1"})
    assert problems == []
    assert roles == {
        1: frozenset({"corresponding"}),
        2: frozenset({"equal"}),
        0: frozenset({"equal"}),
    }


def test_roles_combined_annotation_and_fields() -> None:
    roles, problems = roles_from_fields(
        AUTHORS, {"author+an": "1=equal", "equal": "Wang, Junxiao", "corresponding": "Ren, Jie"}
    )
    assert problems == []
    assert roles == {
        0: frozenset({"equal"}),
        1: frozenset({"equal"}),
        2: frozenset({"corresponding"}),
    }


def test_roles_unmatched_name_is_a_problem() -> None:
    roles, problems = roles_from_fields(AUTHORS, {"corresponding": "Smith, John and Ren, Jie"})
    assert roles == {2: frozenset({"corresponding"})}
    assert len(problems) == 1
    assert "Smith" in problems[0]
    assert "corresponding" in problems[0]


def test_roles_ambiguous_name_is_a_problem() -> None:
    # a bare surname shared by three authors cannot be placed
    roles, problems = roles_from_fields(AUTHORS, {"corresponding": "Wang"})
    assert roles == {}
    assert problems


def test_roles_annotation_problems_reported() -> None:
    roles, problems = roles_from_fields(AUTHORS, {"author+an": "9=equal; 1=chief"})
    assert roles == {}
    assert len(problems) == 2


def test_roles_no_fields() -> None:
    assert roles_from_fields(AUTHORS, {}) == ({}, [])
    assert roles_from_fields([], {"title": "x"}) == ({}, [])


def test_marks_typed_into_names_do_not_stop_a_match() -> None:
    """al-folio users write ``Einstein*†, A.`` to mark equal/corresponding authors."""
    owner = OwnerMatcher(["Einstein, Albert"])
    assert owner.matches(Person("Einstein*†, A."))
    assert owner.matches(Person("Einstein*, Albert"))
    assert not owner.matches(Person("Podolsky*, B."))


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ('M{\\"u}ller', "Müller"),
        ('{\\"{u}}ber', "über"),
        ('\\"{O}sterreich', "Österreich"),
        ("\\'E\\'e", "Éé"),
        ("\\^o\\`e {\\=a}", "ôè ā"),
        ("Fran\\c{c}ois \\v{C}ech", "François Čech"),
        ('Z\\"urich -- 2020', "Zürich – 2020"),
        ("a~b {GPU}", "a\xa0b GPU"),
    ],
)
def test_accent_fast_path_matches_latexcodec(text: str, plain: str) -> None:
    assert latex_to_text(text) == plain


def test_common_title_latex_skips_the_lexer() -> None:
    from sphinx_academic.core.names import _lexer_needed

    assert not _lexer_needed(r"\emph{Faithful} $\alpha$-Divergence for $O(n \log n)$ -- x''")
    assert _lexer_needed(r"$\mathbb{R}$")
    assert _lexer_needed(r"{\c{c}}")


@pytest.mark.parametrize(
    ("owner", "author", "matches"),
    [
        ("Wang, Jun", "Jun Wang", True),
        ("Wang, Jun", "J. Wang", True),
        ("Wang, Jun", "Junxiao Wang", False),
        ("Wang, Jun", "Wang, Jun-Xiao", False),
        ("Wang, Jun", "Junxiao C. Wang", False),
        ("Wang, Jun C.", "Junxiao C. Wang", False),
        ("Wang, Junxiao C.", "Jun C. Wang", False),
        ("Wang, Jun Xiao", "Junxiao Wang", True),
        ("Wang, Jun X.", "Junxiao Wang", True),
        ("Wang, Cody Junxiao", "C. Jun Wang", False),
        ("Wang, Cody Junxiao", "C. Junxiao Wang", True),
    ],
)
def test_a_given_name_prefix_only_matches_when_the_rest_continues_it(
    owner: str, author: str, matches: bool
) -> None:
    assert OwnerMatcher([owner]).matches(Person(author)) is matches


def test_every_decoded_math_character_is_declared_for_pdflatex() -> None:
    """What the decoder makes of a math command, the LaTeX output can set with pdflatex."""
    from sphinx_academic.core.symbols import EXTRA_MATH, math_characters
    from sphinx_academic.render.latexsymbols import declarations

    declared = set(re.findall(r"\\sphinxAcademicMathChar\{([0-9A-F]{4,})\}", declarations()))
    commands = [*EXTRA_MATH, *(latex[1:] for latex in math_characters().values())]
    for command in commands:
        if not re.fullmatch(r"[A-Za-z]+", command):
            continue
        char = latex_to_text(f"${chr(92)}{command}$")
        if len(char) == 1 and ord(char) >= 0x80:
            assert f"{ord(char):04X}" in declared, (command, char)
