"""The CV directives (profile, highlights, timeline) built to HTML, LaTeX and text."""

from __future__ import annotations

import html as html_module
import re
from urllib.parse import unquote

import pytest
from conftest import warnings_of


def _section(html: str, css_class: str) -> str:
    start = html.index(f'class="{css_class}')
    return html[start:]


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.mark.sphinx("html", testroot="cvdirectives", freshenv=True)
def test_profile_html(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warnings_of(app) == ""
    html = (app.outdir / "index.html").read_text()
    profile = _section(html, "sa-profile")
    profile = profile[: profile.index('<section id="latest-highlight"')]
    assert '<p class="sa-profile-name">Junxiao (Cody) Wang</p>' in profile
    assert "AIGC Researcher | Developer/Engineer Python/PyTorch" in profile
    found = re.findall(
        r'<li class="sa-contact sa-contact-(\w+)">.*?(?:href="([^"]*)"|</li>)', profile, re.DOTALL
    )
    # Sphinx writes mailto: addresses with character entities; browsers read them as written
    links = {name: unquote(html_module.unescape(url)) for name, url in found}
    assert links == {
        "email": "mailto:name@example.org",
        "phone": "",
        "homepage": "https://example.org/~me",
        "github": "https://github.com/example",
        "linkedin": "https://www.linkedin.com/in/example-person",
        "scholar": "https://scholar.google.com/citations?user=SCHOLAR_ID",
        "orcid": "https://orcid.org/0000-0002-1825-0097",
        "twitter": "https://x.com/example",
        "location": "",
    }
    assert profile.count("<svg") == 9  # an icon for each contact
    assert 'fill="currentColor"' in profile
    assert "github.com/example</span>" in profile
    assert "&#64;example</span>" in profile  # "@example": Sphinx writes @ as an entity
    assert '<div class="sa-profile-summary' in profile and "<em>emphasis</em>" in profile


@pytest.mark.sphinx("html", testroot="cvdirectives", freshenv=True)
def test_highlights_html(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    html = (app.outdir / "index.html").read_text()
    block = _section(html, "sa-highlights")
    block = block[: block.index('<section id="projects"')]
    assert (
        '<p class="sa-highlights-title rubric">Scalable pretraining and adaptation for LLMs</p>'
        in block
    )
    text = _plain(block)
    assert (
        "(1) Private Training Large-scale Models with Efficient DP-SGD. The Annual Conference on "
        "Neural Information Processing Systems (NeurIPS) 2025, San Diego, CA, USA. FlashDP "
        "TL;DR: Pre-training Llama-13B with 4 A100 GPUs at 90% of non-DP throughput."
    ) in text
    # without content, the entry's tldr field is the TL;DR
    assert "(2) Scalable Zeroth-Order Fine-Tuning" in text
    assert "TL;DR: Fine-tuning OPT-175B on an 18GB GPU." in text
    assert '<strong class="sa-tldr-label">TL;DR:</strong>' in block
    assert 'href="https://github.com/example/FlashDP"' in block
    # the paper's title links to its entry in the publication list
    assert re.search(
        r'href="#pub-wang2025flashdp"[^>]*><span class="sa-pub">Private Training', block
    )


@pytest.mark.sphinx("html", testroot="cvdirectives", freshenv=True)
def test_timeline_html(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    html = (app.outdir / "index.html").read_text()
    projects = _section(html, "sa-timeline sa-timeline-full")
    projects = projects[: projects.index('<section id="employment"')]
    # :order: desc — present first, then by end date
    titles = re.findall(r'<strong class="sa-entry-title">([^<]+)</strong>', projects)
    assert titles == ["Research Visit", "Pre-Trained Models", "Network Systems"]
    dates = re.findall(r'<p class="sa-date">([^<]+)</p>', projects)
    assert dates == ["May 2024 – present", "Mar 2023 – Apr 2024", "Sep 2016 – Dec 2020"]
    text = _plain(projects)
    assert "Pre-Trained Models, KAUST, Thuwal, Saudi Arabia, Python (PyTorch)" in text
    assert "Publications: KDD23, NeurIPS25, TMC" in text
    assert "Publications: SIGCOMM18 Demo" in text
    assert re.search(r'href="#pub-dong2023trojan"[^>]*><span class="sa-pub">KDD23', projects)
    assert re.findall(r'<span class="sa-tag">([^<]+)</span>', projects) == [
        "Faithful Interpretation",
        "Concept Bottleneck",
        "Trojan",
    ]
    assert re.findall(r'<a class="sa-code reference external" href="([^"]+)">', projects) == [
        "https://github.com/example/FVLC",
        "https://github.com/example/TrojanAttack",
    ]
    assert "<em>Faithful Interpretation</em>" in projects
    employment = _section(html, "sa-timeline sa-timeline-compact")
    assert re.findall(r'<p class="sa-date">([^<]+)</p>', employment)[:2] == ["2024", "Feb 15, 2023"]


@pytest.mark.sphinx("latex", testroot="cvdirectives", freshenv=True)
def test_cv_latex(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert warnings_of(app) == ""
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\begin{sphinxAcademicProfile}" in tex
    assert r"\sphinxAcademicProfileName{Junxiao (Cody) Wang}" in tex
    assert (
        r"\sphinxAcademicContact{\DUrole{sa-contact-body}{\sphinxhref{mailto:name@example.org}"
        in tex
    )
    assert r"\sphinxAcademicContactSep{}" in tex
    assert r"\begin{sphinxAcademicEntry}{Mar 2023 \textendash{} Apr 2024}" in tex
    assert r"\begin{sphinxAcademicTimelineCompact}" in tex
    assert r"\item[{(1)}]" in tex and r"\item[{(2)}]" in tex
    assert r"\sphinxstylestrong{TL;DR:}" in tex
    assert "<svg" not in tex


@pytest.mark.sphinx("text", testroot="cvdirectives", freshenv=True)
def test_cv_text(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    text = (app.outdir / "index.txt").read_text()
    assert "Junxiao (Cody) Wang" in text
    assert "name@example.org · +1 555 0100 · example.org/~me · github.com/example" in text
    assert "(1) Private Training Large-scale Models with Efficient DP-SGD." in text
    assert "**TL;DR:** Pre-training Llama-13B" in text
    assert "Mar 2023 – Apr 2024" in text
    assert "Publications: KDD23, NeurIPS25, TMC" in text


@pytest.mark.sphinx(
    "html", testroot="cvdirectives", freshenv=True, confoverrides={"language": "zh_CN"}
)
def test_cv_in_chinese(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    html = (app.outdir / "index.html").read_text()
    assert "2023年3月 – 2024年4月" in html
    assert "2024年5月 – 至今" in html
    assert '<strong class="sa-tldr-label">一句话总结：</strong>' in html
    assert '<span class="sa-label">相关论文：</span>' in html
    assert "TL;DR" not in _plain(html) and "Publications:" not in _plain(html)


@pytest.mark.sphinx("html", testroot="cvbad", freshenv=True)
def test_bad_cv_input_warns_and_goes_on(app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    warnings = warnings_of(app)
    expected = [
        r"index\.md:3: WARNING: profile: :email: 'not-an-email' is not a valid Email "
        r"\[academic\.option\]",
        r"index\.md:3: WARNING: profile: :github: 'bad handle!' is not a valid GitHub",
        r"index\.md:3: WARNING: profile: :homepage: 'javascript:alert\(1\)' is not an http\(s\) "
        r"address \[academic\.link\]",
        r"index\.md:3: WARNING: profile: :orcid: '1234' is not a valid ORCID",
        r"WARNING: highlight: unknown bib key 'nosuchkey' \[academic\.key\]",
        r"WARNING: highlights: only highlight directives belong inside highlights",
        r"WARNING: timeline: :order: 'sideways' is not one of source, desc, asc",
        r"WARNING: timeline: :style: 'fancy' is not one of full, compact",
        r"WARNING: entry: bad :date: '2023-13': .* \[academic\.date\]",
        r"WARNING: entry: bad :date: '2024 -- 2020': .* \[academic\.date\]",
        r"WARNING: :code: link 'javascript:alert\(1\)' dropped.* \[academic\.link\]",
        r"WARNING: unknown bib key 'nosuchkey2' \[academic\.key\]",
    ]
    for pattern in expected:
        assert re.search(pattern, warnings), pattern
    for line in warnings.splitlines():
        assert re.search(r"\[academic\.\w+\]$", line), line
        assert re.match(r"^\S+index\.md:\d+: WARNING", line), line  # file and line
    html = (app.outdir / "index.html").read_text()
    assert "javascript:" not in html
    assert '<p class="sa-date">2023-13</p>' in html  # the entry still renders, date as written
    assert "Reversed" in html
