"""Math symbols both ways: the character a LaTeX math command stands for, and back.

latexcodec's table is the source; the few commands bib titles use that it does not
read are added here. The decoder turns ``$\\epsilon$`` into ε for HTML and text; the
LaTeX writer declares each of these characters as its math command for pdflatex, so a
decoded title never stops a PDF build.
"""

from __future__ import annotations

from functools import lru_cache

#: Math commands latexcodec does not read, and the characters they stand for.
EXTRA_MATH: dict[str, str] = {
    "dagger": "\u2020",
    "ddagger": "\u2021",
    "ldots": "\u2026",
    "dots": "\u2026",
    "cdots": "\u22ef",
    "to": "\u2192",
    "gets": "\u2190",
    "mapsto": "\u21a6",
    "leftrightarrow": "\u2194",
    "Leftrightarrow": "\u21d4",
    "mid": "\u2223",
    "varepsilon": "\u03b5",
    "vartheta": "\u03d1",
    "le": "\u2264",
    "ge": "\u2265",
    "ne": "\u2260",
    "lesssim": "\u2272",
    "gtrsim": "\u2273",
    "ll": "\u226a",
    "gg": "\u226b",
    "equiv": "\u2261",
    "simeq": "\u2243",
    "cong": "\u2245",
    "propto": "\u221d",
    "prime": "\u2032",
    "star": "\u22c6",
    "circ": "\u2218",
    "oplus": "\u2295",
    "otimes": "\u2297",
    "odot": "\u2299",
    "setminus": "\u2216",
    "varnothing": "\u2205",
    "neg": "\u00ac",
    "lnot": "\u00ac",
    "land": "\u2227",
    "lor": "\u2228",
    "top": "\u22a4",
    "bot": "\u22a5",
    "perp": "\u22a5",
    "vdash": "\u22a2",
    "models": "\u22a8",
    "langle": "\u27e8",
    "rangle": "\u27e9",
    "lceil": "\u2308",
    "rceil": "\u2309",
    "lfloor": "\u230a",
    "rfloor": "\u230b",
    "hbar": "\u210f",
    "aleph": "\u2135",
    "uparrow": "\u2191",
    "downarrow": "\u2193",
    "bigcup": "\u22c3",
    "bigcap": "\u22c2",
}


@lru_cache(maxsize=1)
def math_characters() -> dict[str, str]:
    """Each character that stands for a math command, and the command (``ε`` -> ``\\epsilon``)."""
    import latexcodec.codec

    table: dict[str, str] = {}
    for char, (latex, _tokens) in latexcodec.codec._LATEX_UNICODE_TABLE.latex_map.items():
        if len(char) == 1 and latex.startswith("$\\") and latex.endswith("$"):
            table[char] = latex[1:-1]
    for command, char in EXTRA_MATH.items():
        table.setdefault(char, "\\" + command)
    return dict(sorted(table.items()))
