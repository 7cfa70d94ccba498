"""Build example_site, the seed CV rebuilt from one MyST source and one bib file, and check
it against the seed: as HTML, as a PDF through LaTeX, and as the short variant (``-t short``).
"""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import make_pdf, require_tools, strip_colors, warnings_of
from pybtex.database import parse_file

EXAMPLE_SITE = Path(__file__).parent.parent / "example_site"

# The seed CV's publication list, counted by hand: 38 entries, from "Private Training
# Large-scale Models with Efficient DP-SGD" (NeurIPS 2025) down to the CLICK-UP demo
# (SIGCOMM 2018). publications.bib must hold every one of them, in the seed's order.
SEED_PUBLICATION_COUNT = 38

SECTIONS = [
    "Latest Highlight",
    "Profession & Skills",
    "Projects & Experiences",
    "Employment",
    "Publications",
    "Education",
]

# Every acceptance annotation the seed shows, exactly as it shows it.
SEED_ACCEPTANCE = {
    "wang2025private": "(acceptance rate~24.5% [5,290/21,500])",
    "pei2025conversational": "(acceptance rate~17.4% [1,418/8,174])",
    "ozgun2025trustworthy": "(acceptance rate~29.0% [810/2,761])",
    "wang2025scalable": "(acceptance rate~32.0% [418/1,306])",
    "dong2024towards": "(acceptance rate~25.8% [4,043/15,671])",
    "pei2024autonomous": "(acceptance rate~22.1% [974/4,407])",
    "lai2024faithful": "(acceptance rate~31.0% [2,252/7,262])",
    "dong2023towards": "(acceptance rate~26.1% [3,222/12,343])",
    "dong2023trojan": "(acceptance rate~22.1% [313/1,416])",
    "fan2023pmr": "(acceptance rate~25.8% [2,360/9,155])",
    "guo2023pfedprompt": "(acceptance rate~19.2% [365/1,900])",
    "zhang2022survey": "(acceptance rate~14.9% [679/4,535])",
    "wang2022federated": "(acceptance rate~17.7% [323/1,822])",
    "wang2022protect": "(acceptance rate~19.8% [224/1,129])",
}
WORKSHOP_PAPERS = ["wang2024zooffloading", "wang2024flashdp", "wang2024light"]

# The seed's "Publications: …" line under each project.
PROJECT_TAGS = [
    "Publications: KDD23, NeurIPS23, NeurIPS24, CVPR23, ICLR24",
    "Publications: INFOCOM22, IJCAI22, WWW22, WWW23, TMC, Network",
    "Publications: ICA3PP19, CFI19, SmartIoT19, IoTJ, TMC",
    "Publications: SIGCOMM18 Demo, ISJ, TNSM, TNSE, IoTJ, OJCOMS",
]
REVIEWER_LINE = (
    "Reviewer for CVPR25/26, ICCV23/25, ECCV24, NeurIPS25, ICLR26, IJCAI24/25, ECAI25, "
    "AISTATS24/25/26."
)
# The highlighted papers, in the seed's two groups.
HIGHLIGHTS = [
    "wang2025private",
    "wang2025scalable",
    "pei2024autonomous",
    "pei2025conversational",
    "ozgun2025trustworthy",
]
OWNER = '<strong class="sa-owner sa-owner-bold">Junxiao Wang</strong>'


def _bib() -> list[tuple[str, dict[str, str]]]:
    data = parse_file(str(EXAMPLE_SITE / "publications.bib"))
    return [(key, dict(entry.fields)) for key, entry in data.entries.items()]


def _title(fields: dict[str, str]) -> str:
    return fields["title"].replace("{", "").replace("}", "")


def _text(markup: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", markup))


def _entry(page: str, key: str) -> str:
    """The ``<li>`` of one publication, without its BibTeX toggle."""
    start = page.index(">", page.index(f'id="pub-{key}"')) + 1
    item = page[start : page.index("</li>", start)]
    return re.sub(r"<details.*?</details>", "", item, flags=re.DOTALL)


def _squash(text: str) -> str:
    """Text without spaces and hyphens, so that PDF line breaks do not matter."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


@pytest.fixture
def build(make_app, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Build a fresh copy of example_site (the folder itself stays untouched)."""

    def run(builder: str = "html", **kwargs):  # type: ignore[no-untyped-def]
        srcdir = tmp_path / f"example_site-{builder}-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(EXAMPLE_SITE, srcdir, ignore=shutil.ignore_patterns("_build"))
        app = make_app(builder, srcdir=srcdir, freshenv=True, **kwargs)
        app.build()
        return app

    return run


def test_bib_holds_every_seed_publication_in_order() -> None:
    entries = _bib()
    assert len(entries) == SEED_PUBLICATION_COUNT
    keys = [key for key, _ in entries]
    assert keys[0] == "wang2025private"
    assert keys[-1] == "wang2018clickup"
    years = [int(fields["year"]) for _, fields in entries]
    assert years == sorted(years, reverse=True)  # the seed lists newest first
    selected = [key for key, fields in entries if fields.get("selected") == "true"]
    assert sorted(selected) == sorted(HIGHLIGHTS)
    assert all(dict(entries)[key].get("tldr") for key in HIGHLIGHTS)
    for key in WORKSHOP_PAPERS:
        assert "acceptance" not in dict(entries)[key]
    assert dict(entries)["wang2018clickup"]["track"] == "Demo"


def test_html_rebuilds_every_section_of_the_seed(build) -> None:  # type: ignore[no-untyped-def]
    app = build()
    assert warnings_of(app) == ""
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    text = _text(page)

    headings = [_text(h).rstrip("¶").strip() for h in re.findall(r"<h2>(.*?)</h2>", page)]
    assert headings == SECTIONS

    # the header: placeholder contacts only, nothing personal from the seed
    assert "mailto:name%40example.org" in html_lib.unescape(page)  # Sphinx obfuscates it
    assert 'href="https://github.com/example"' in page
    assert 'href="https://scholar.google.com/citations?user=SCHOLAR_ID"' in page
    for private in ("jxiao", "Weihai", "1991", "wangjunxiao", "junxiao-wang"):
        assert private not in page

    # highlights: two groups as in the seed, each paper with its code link and TL;DR
    assert "Scalable pretraining and adaptation for LLMs" in text
    assert "Multimodal LLMs for interactive scenarios" in text
    assert text.count("TL;DR:") == len(HIGHLIGHTS)
    for repository in (
        "FlashDP",
        "zo2",
        "AutonomousDialogAgent4AugmentedReality",
        "WikiHowAgent",
        "mental_health_multiagent",
    ):
        assert f'href="https://github.com/example/{repository}"' in page

    # skills, projects, employment, education
    assert REVIEWER_LINE in text
    for line in PROJECT_TAGS:
        assert line in text
    assert "Mar 2023 – Apr 2024" in text
    assert "Associate Professor, Guangzhou University (GZHU), Guangzhou, China" in text
    assert "PhD in Computer Science, Dalian University of Technology (DUT), Dalian, China" in text

    # publications: every entry of the bib, in its order, the owner highlighted in each
    entries = _bib()
    listed = re.findall(r'<li class="sa-publication[^"]*" id="pub-([^"]+)"', page)
    assert listed == [key for key, _ in entries]
    assert len(listed) == SEED_PUBLICATION_COUNT
    # numbered from the most recent paper down to 1
    stacked = 'class="sa-publication sa-style-stacked"'
    assert f'<li {stacked} id="pub-wang2025private" value="38">' in page
    assert f'<li {stacked} id="pub-wang2018clickup" value="1">' in page
    for key, fields in entries:
        entry = _entry(page, key)
        assert _title(fields) in _text(entry), key
        assert OWNER in entry, key
        note = SEED_ACCEPTANCE.get(key)
        if note:
            assert note in _text(entry), key
        else:
            assert "acceptance rate" not in entry, key
    # stacked: the number and venue badge aside, then title, authors, venue line, buttons
    assert " ".join(_text(_entry(page, "wang2025private")).split()).startswith(
        "[38]NeurIPS "
        "Private Training Large-scale Models with Efficient DP-SGD "
        "Liangyu Wang, Junxiao Wang, Jie Ren, Zihang Xiang, David E. Keyes, Di Wang "
        "The Annual Conference on Neural Information Processing Systems (NeurIPS) 2025, "
        "San Diego, CA, USA (acceptance rate~24.5% [5,290/21,500]) Example award "
        "PDFCodeSlides"
    )
    assert "ACM SIGCOMM Conference 2018 Demo, Budapest, Hungary" in _text(
        _entry(page, "wang2018clickup")
    )
    # other Wangs are not the owner
    light = _entry(page, "wang2024light")
    assert light.count("<strong") == 1
    assert f"Liangyu Wang, {OWNER}, Di Wang</span>" in light

    # the stated figures that differ from the bundled table are reported, not warned
    status = strip_colors(app.status.getvalue())
    assert (
        "sphinx-academic: 7 bib entries state an acceptance figure that differs from the bundled"
        in status
    )
    assert "wang2025private" not in status and "[academic.acceptance]" not in status
    assert "[academic.acceptance]" not in warnings_of(app)

    # the short CV is a page of its own, with the selected papers only
    short = (app.outdir / "short.html").read_text(encoding="utf-8")
    assert sorted(re.findall(r'id="pub-([^"]+)"', short)) == sorted(HIGHLIGHTS)
    assert 'href="short.html"' in page


def test_pdf_rebuilds_the_seed(build) -> None:  # type: ignore[no-untyped-def]
    require_tools("latexmk", "make", "pdftotext")
    app = build("latex")
    assert warnings_of(app) == ""
    result = make_pdf(app.outdir)
    assert result.returncode == 0, result.stdout[-3000:]
    pdf = app.outdir / "cv.pdf"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    squashed = _squash(text)

    for section in SECTIONS:
        assert section in text
    assert "Curriculum Vitae" in text and "Junxiao (Cody) Wang" in text
    assert text.count("TL;DR:") == len(HIGHLIGHTS)
    bib = dict(_bib())
    for key in [*HIGHLIGHTS, "wang2018clickup", "lu2025enhancing", "wang2024flashdp"]:
        assert _squash(_title(bib[key])) in squashed, key
    for note in SEED_ACCEPTANCE.values():
        assert _squash(note) in squashed, note
    assert _squash(REVIEWER_LINE) in squashed
    for line in PROJECT_TAGS:
        assert _squash(line) in squashed
    assert "[38]" in text and "[1]" in text
    check_pdf_layout(app.outdir, pdf, text)


REPOSITORIES = re.findall(
    r"(?m)^:code: (.*)$", (EXAMPLE_SITE / "index.md").read_text(encoding="utf-8")
)
PDF_PAGES = Path(__file__).resolve().parent.parent / "test-artifacts" / "pdf"


def check_pdf_layout(outdir: Path, pdf: Path, text: str) -> None:
    """What issue 12 found wrong in the PDF: shared link targets, empty metadata, dangling
    separators, hyphenated repository names. Every page is also saved as a PNG to look at."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    assert reader.metadata is not None
    assert reader.metadata.title == "Curriculum Vitae"
    assert reader.metadata.author == "Junxiao (Cody) Wang"

    # each entry's label has an anchor of its own, on the page that shows the entry
    aux = (outdir / "cv.aux").read_text(encoding="utf-8")
    anchors = dict(
        re.findall(r"\\newlabel\{index:pub-([^}]+)\}\{\{[^}]*\}\{\d+\}\{[^}]*\}\{([^}]+)\}", aux)
    )
    assert len(anchors) == SEED_PUBLICATION_COUNT
    assert len(set(anchors.values())) == SEED_PUBLICATION_COUNT, "entries share a link target"
    destinations = reader.named_destinations
    bib = dict(_bib())
    for key, anchor in anchors.items():
        assert anchor in destinations, key
        page = reader.get_destination_page_number(destinations[anchor])
        page_text = _squash(reader.pages[page].extract_text())
        assert _squash(_title(bib[key]))[:30] in page_text, key

    # no line ends with a separator dot; repository names are never hyphenated
    layout = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert not [line for line in layout.splitlines() if line.rstrip().endswith("·")]
    names = [name for links in REPOSITORIES for name in re.findall(r"([\w.-]+) <", links)]
    assert len(names) >= 10
    words = set(re.findall(r"[\w.-]+", text))
    for name in names:
        assert name in words, f"{name} is broken or hyphenated in the PDF"

    if shutil.which("pdftoppm"):
        PDF_PAGES.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", str(pdf), str(PDF_PAGES / pdf.stem)],
            check=True,
            timeout=120,
        )


def test_short_variant_from_the_same_source(build) -> None:  # type: ignore[no-untyped-def]
    app = build(tags=["short"])
    assert warnings_of(app) == ""
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    text = _text(page)
    headings = [_text(h).rstrip("¶").strip() for h in re.findall(r"<h2>(.*?)</h2>", page)]
    assert headings == ["Latest Highlight", "Selected Publications"]
    listed = re.findall(r'<li class="sa-publication[^"]*" id="pub-([^"]+)"', page)
    assert listed == [key for key, fields in _bib() if fields.get("selected") == "true"]
    assert sorted(listed) == sorted(HIGHLIGHTS)
    assert text.count("TL;DR:") == len(HIGHLIGHTS)
    assert SEED_ACCEPTANCE["wang2025private"] in text
    assert "Projects & Experiences" not in text
    assert "Publications: KDD23" not in text
    assert not (app.outdir / "short.html").exists()  # the home page is the short CV


def test_short_pdf_fits_one_page(build) -> None:  # type: ignore[no-untyped-def]
    """The short CV is one full page, with no entry spilling onto a second."""
    require_tools("latexmk", "make")
    from pypdf import PdfReader

    app = build("latex", tags=["short"])
    assert warnings_of(app) == ""
    result = make_pdf(app.outdir)
    assert result.returncode == 0, result.stdout[-3000:]
    assert len(PdfReader(str(app.outdir / "cv-short.pdf")).pages) == 1
