"""The pure formatting logic: a pybtex entry to a Publication, with no Sphinx involved."""

from __future__ import annotations

import pytest
from pybtex.database import Entry, parse_string

from sphinx_academic.core.bibfields import normalise
from sphinx_academic.core.names import OwnerMatcher
from sphinx_academic.core.publication import (
    Acceptance,
    FormatOptions,
    Publication,
    format_acceptance,
    make_publication,
    parse_stated_acceptance,
    safe_url,
    sort_publications,
)
from sphinx_academic.core.venues import VenueTable
from sphinx_academic.render.entry import link_references
from sphinx_academic.render.formatting import (
    EntryStyle,
    authors_node,
    bibtex_text,
    entry_paragraph,
    venue_text,
)

OPTIONS = FormatOptions(OwnerMatcher(["Wang, Junxiao"]), VenueTable.bundled())
DEFAULT = EntryStyle()


def publication(source: str, options: FormatOptions = OPTIONS, key: str = "") -> Publication:
    """The first entry of *source* (or *key*), read as a build reads it."""
    data = parse_string(source, "bibtex")
    normalise(data)
    key = key or next(iter(data.entries))
    return make_publication(key, data.entries[key], 0, options)


@pytest.mark.parametrize(
    ("source", "tag"),
    [
        ("@inproceedings{k, booktitle={KDD}, year=2023}", "KDD23"),
        (
            "@inproceedings{k, booktitle={Proceedings of the 29th ACM SIGKDD Conference on "
            "Knowledge Discovery and Data Mining}, year=2023}",
            "KDD23",
        ),
        (
            "@article{k, journal={IEEE Transactions on Mobile Computing}, abbr={TMC}, year=2024}",
            "TMC",
        ),
        ("@article{k, journal={IEEE Network}, abbr={Network}, year=2022}", "Network"),
        (
            "@inproceedings{k, booktitle={ACM SIGCOMM Conference}, track={demo}, year=2018}",
            "SIGCOMM18 Demo",
        ),
        (
            "@inproceedings{k, booktitle={Findings of the Association for Computational "
            "Linguistics: ACL 2024}, year=2024}",
            "ACL24 Findings",
        ),
        (
            "@inproceedings{k, booktitle={The NeurIPS Workshop on Adaptive Foundation Models}, "
            "abbr={AFM}, year=2024}",
            "AFM24 Workshop",
        ),
        ("@misc{k, eprint={2501.01234}, archivePrefix={arXiv}, year=2025}", "arXiv25"),
        ("@phdthesis{k, school={Example University}, year=2021}", "PhD Thesis"),
        (
            "@inproceedings{k, booktitle={Symposium on Nowhere}, year=2020}",
            "Symposium on Nowhere20",
        ),
        # an unrecognised DBLP booktitle ends in its date: the year is not glued on again
        (
            "@inproceedings{k, booktitle={Proceedings of the 2019 ACM Symposium on Principles "
            "of Distributed Computing, {PODC} 2019, Toronto, ON, Canada, July 29 - August 2, "
            "2019}, year={2019}}",
            "Proceedings of the 2019 ACM Symposium on Principles of Distributed Computing, PODC "
            "2019, Toronto, ON, Canada, July 29 - August 2, 2019",
        ),
        (
            "@inproceedings{k, booktitle={Symposium on Things, June 23-26}, year={2019}}",
            "Symposium on Things, June 23-26 2019",
        ),
        (
            "@inproceedings{k, abbr={NeurIPS 2025}, booktitle={NeurIPS}, year={2025}}",
            "NeurIPS 2025",
        ),
    ],
)
def test_short_tags(source: str, tag: str) -> None:
    assert publication(source).short_tag == tag


def test_author_marks_from_annotation_and_fields() -> None:
    pub = publication(
        "@inproceedings{k, author={Wang, Liangyu and Wang, Junxiao and Ren, Jie and others},"
        " author+an={1=equal; 2=equal}, corresponding={Ren, Jie}, title={T}, year=2025}"
    )
    assert [(a.name, a.is_owner, sorted(a.roles)) for a in pub.authors] == [
        ("Liangyu Wang", False, ["equal"]),
        ("Junxiao Wang", True, ["equal"]),
        ("Jie Ren", False, ["corresponding"]),
        ("et al.", False, []),
    ]
    assert pub.problems == []


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"acceptance": "5290/21500"}, Acceptance(5290, 21500, "bib")),
        (
            {"acceptance": "5,290 / 21,500", "acceptance_rate": "24.5"},
            Acceptance(5290, 21500, "bib", 24.5),
        ),
        ({"acceptance": "24.5\\%"}, Acceptance(0, 0, "bib", 24.5)),
        ({"acceptance_rate": "31%"}, Acceptance(0, 0, "bib", 31.0)),
        ({}, None),
    ],
)
def test_stated_acceptance(fields: dict[str, str], expected: Acceptance | None) -> None:
    assert parse_stated_acceptance(fields) == (expected, None)


@pytest.mark.parametrize(
    "fields",
    [
        {"acceptance": "many/few"},
        {"acceptance": "30/20"},
        {"acceptance": "1/0"},
        {"acceptance_rate": "about a quarter"},
    ],
)
def test_bad_stated_acceptance(fields: dict[str, str]) -> None:
    figure, problem = parse_stated_acceptance(fields)
    assert figure is None and problem


def test_rate_formatting() -> None:
    full, rate_only = DEFAULT.acceptance_format, DEFAULT.rate_only_format
    assert format_acceptance(Acceptance(3218, 12343, "t"), full, rate_only) == (
        "(acceptance rate~26.1% [3,218/12,343])"
    )
    # a stated percentage wins over the quotient (5290/21500 is 24.6%)
    assert format_acceptance(Acceptance(5290, 21500, "bib", 24.5), full, rate_only) == (
        "(acceptance rate~24.5% [5,290/21,500])"
    )
    assert format_acceptance(Acceptance(0, 0, "bib", 31.0), full, rate_only) == (
        "(acceptance rate~31.0%)"
    )


def test_table_figure_and_the_difference_to_a_stated_one() -> None:
    pub = publication(
        "@inproceedings{k, booktitle={Advances in Neural Information Processing Systems}, "
        "year=2025, acceptance={5290/21500}, acceptance_rate={24.5}}"
    )
    assert pub.acceptance is not None
    assert pub.acceptance.origin == "bib" and pub.acceptance.differs
    assert pub.acceptance.table == Acceptance(5290, 21575, "openaccept")
    same = publication("@inproceedings{k, booktitle={NeurIPS}, year=2023, acceptance={3218/12343}}")
    assert same.acceptance is not None and not same.acceptance.differs
    table = publication("@inproceedings{k, booktitle={NeurIPS}, year=2023}")
    assert table.acceptance is not None and table.acceptance.origin == "table"


@pytest.mark.parametrize(
    "source",
    [
        "@article{k, journal={IEEE Transactions on Mobile Computing}, year=2023}",
        "@inproceedings{k, booktitle={NeurIPS 2023 Workshop on Things}, year=2023}",
        "@misc{k, howpublished={NeurIPS}, year=2023, eprint={2301.00001}}",
        "@phdthesis{k, school={NeurIPS}, year=2023}",
        "@inproceedings{k, booktitle={Findings of EMNLP}, year=2099}",
    ],
)
def test_no_rate_for_journals_workshops_preprints_theses_or_unknown_years(source: str) -> None:
    assert publication(source).acceptance is None


def test_acceptance_off() -> None:
    options = FormatOptions(OPTIONS.owner, OPTIONS.table, acceptance=False)
    assert (
        publication("@inproceedings{k, booktitle={NeurIPS}, year=2023}", options).acceptance is None
    )


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (
            "@inproceedings{k, booktitle={Conference on Computer Vision and Pattern Recognition "
            "(CVPR)}, year=2023}",
            "Conference on Computer Vision and Pattern Recognition (CVPR)",
        ),
        ("@article{k, journal={Ann. Phys.}, abbr={Ann. Phys.}, year=1905}", "Ann. Phys."),
        (
            "@article{k, journal={IEEE Transactions on Mobile Computing}, abbr={TMC}, year=1}",
            "IEEE Transactions on Mobile Computing (TMC)",
        ),
        (
            "@inproceedings{k, booktitle={International Conference on Learning Representations},"
            " year=2024}",
            "International Conference on Learning Representations (ICLR)",
        ),
    ],
)
def test_venue_text_shows_the_abbreviation_once(source: str, text: str) -> None:
    assert venue_text(publication(source)) == text


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a?b=1", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("mailto:name@example.org", True),
        ("paper.pdf", True),
        ("assets/pdf/paper.pdf", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("data:text/html;base64,AAAA", False),
        ("vbscript:x", False),
        ("file:///etc/passwd", False),
        ("//evil.example.com/x", False),
        ("\\\\evil\\share", False),
        ("java\nscript:alert(1)", False),
        ("https:", False),
        ("https:example.org", False),  # a scheme without a host
        ("x:y/z", False),  # a colon before the first slash is a scheme in disguise
        ("a/b:c.pdf", True),  # after a slash it is only a character
        ("/papers/b:c.pdf", True),
        ("java\tscript:alert(1)", False),
        ("https://example.org/\x1b[31m", False),
    ],
)
def test_only_http_mailto_and_relative_links(url: str, safe: bool) -> None:
    assert (safe_url(url) is not None) == safe


def test_links_from_al_folio_fields() -> None:
    pub = publication(
        "@article{k, doi={10.1103/PhysRev.47.777}, arxiv={2201.00001v2}, "
        "url={https://example.org/a\\_b\\%20c}, pdf={paper.pdf}, code={javascript:x}, year=1}"
    )
    assert [(link.kind, link.url) for link in pub.links] == [
        ("pdf", "paper.pdf"),
        ("doi", "https://doi.org/10.1103/PhysRev.47.777"),
        ("arxiv", "https://arxiv.org/abs/2201.00001"),
        ("url", "https://example.org/a_b%20c"),
    ]
    link_problems = [text for subtype, text in pub.problems if subtype == "link"]
    assert len(link_problems) == 1 and "code link" in link_problems[0]


def test_missing_fields_are_problems_not_errors() -> None:
    pub = publication("@misc{k}")
    assert {text for _, text in pub.problems} == {"no author", "no title", "no year"}
    assert pub.short_tag == "k"


def test_bibtex_text_keeps_the_raw_latex() -> None:
    data = parse_string(
        '@InProceedings{k, author={M{\\"u}ller, J{\\"o}rg and others}, title={A {GPU} Title},'
        " year=2020}",
        "bibtex",
    )
    assert bibtex_text(data.entries["k"]) == (
        "@InProceedings{k,\n"
        '  author = {M{\\"u}ller, J{\\"o}rg and others},\n'
        "  title = {A {GPU} Title},\n"
        "  year = {2020}\n"
        "}"
    )


def test_a_track_that_counts_as_the_main_one_adds_nothing_to_the_tag() -> None:
    """ACL's "Long Papers" volume is its main track: the tag is "ACL23", not "ACL23 Long"."""
    pub = publication(
        "@inproceedings{k, booktitle={Proceedings of the 61st Annual Meeting of the Association "
        "for Computational Linguistics (Volume 1: Long Papers)}, year=2023}"
    )
    assert (pub.track, pub.short_tag) == ("long", "ACL23")


@pytest.mark.parametrize(
    ("stated", "differs"),
    [
        # the table has 5,290/21,575 = 24.52% for NeurIPS 2025: a stated rate that rounds
        # to the same tenth agrees, one a tenth or more away is reported
        ("24.5", False),
        ("24.56", False),
        ("24.6", True),
        ("24.4", True),
        ("25.0", True),
        ("30", True),
    ],
)
def test_a_stated_rate_differs_from_the_table_by_a_twentieth_of_a_point(
    stated: str, differs: bool
) -> None:
    pub = publication(
        f"@inproceedings{{k, booktitle={{NeurIPS}}, year=2025, acceptance_rate={{{stated}}}}}"
    )
    assert pub.acceptance is not None and pub.acceptance.origin == "bib"
    assert pub.acceptance.differs is differs


def _dated(*dates: tuple[int, str]) -> list[Publication]:
    pubs = []
    for index, (year, month) in enumerate(dates):
        source = f"@misc{{k{index}, title={{T{index}}}, year={year}, month={{{month}}}}}"
        key, entry = next(iter(parse_string(source, "bibtex").entries.items()))
        pubs.append(make_publication(key, entry, index, OPTIONS))
    return pubs


def test_year_sorts_use_the_month_within_a_year() -> None:
    pubs = _dated((2023, "mar"), (2024, "feb"), (2024, "nov"), (2023, "dec"), (2024, ""))
    newest_first = [pub.key for pub in sort_publications(pubs, "year-desc")]
    assert newest_first == ["k2", "k1", "k4", "k3", "k0"]
    oldest_first = [pub.key for pub in sort_publications(pubs, "year-asc")]
    assert oldest_first == ["k0", "k3", "k4", "k1", "k2"]


def test_title_sort_ignores_case_and_keeps_ties_in_source_order() -> None:
    sources = ["beta", "Alpha", "gamma", "alpha"]
    pubs = []
    for index, title in enumerate(sources):
        source = f"@misc{{k{index}, title={{{title}}}, year=2020}}"
        key, entry = next(iter(parse_string(source, "bibtex").entries.items()))
        pubs.append(make_publication(key, entry, index, OPTIONS))
    assert [pub.key for pub in sort_publications(pubs, "title")] == ["k1", "k3", "k0", "k2"]


@pytest.mark.parametrize(
    ("fields", "month"),
    [
        ("month = jan", 1),  # the BibTeX macro: "January"
        ("month = {Jan.}", 1),
        ("month = {SEPT.}", 9),
        ("month = {december}", 12),
        ("month = {1}", 1),
        ("month = {05}", 5),
        ("month = {12}", 12),
        ("month = {13}", None),
        ("month = {0}", None),
        ("month = {005}", None),
        ("month = {Spring}", None),
        ("date = {2023-01}", 1),
        ("date = {2023-12-01}", 12),
        ("date = {2023-13}", None),
        ("date = {2023-00}", None),
        ("month = {10}, date = {2023-05}", 10),
    ],
)
def test_months_from_the_month_or_the_date_field(fields: str, month: int | None) -> None:
    assert publication(f"@misc{{k, title={{T}}, year=2023, {fields}}}").month == month


@pytest.mark.parametrize(
    ("fields", "year", "problem"),
    [
        ("year = {2023}", 2023, None),
        ("year = 2023", 2023, None),
        ("date = {2021-05-04}", 2021, None),
        ("date = {2021}", 2021, None),
        ("year = {2019}, date = {2021-05}", 2019, None),
        ("year = {23}", None, "year '23' is not a four-digit year"),
        ("year = {in press}", None, "year 'in press' is not a four-digit year"),
        ("date = {May 2021}", None, "no year"),
        ("note = {none}", None, "no year"),
    ],
)
def test_years_and_their_problems(fields: str, year: int | None, problem: str | None) -> None:
    pub = publication(f"@misc{{k, author={{Doe, Jane}}, title={{T}}, {fields}}}")
    assert pub.year == year
    assert [text for _, text in pub.problems] == ([problem] if problem else [])


@pytest.mark.parametrize(
    ("field", "url"),
    [
        ("doi = {10.1145/3292500.3330701}", "https://doi.org/10.1145/3292500.3330701"),
        ("doi = {doi:10.1145/3292500.3330701}", "https://doi.org/10.1145/3292500.3330701"),
        ("doi = {DOI:10.1/X}", "https://doi.org/10.1/X"),
        ("doi = {10.1002/(SICI)1097-0258}", "https://doi.org/10.1002/(SICI)1097-0258"),
        ("doi = {10.1000/a b<c>}", "https://doi.org/10.1000/a%20b%3Cc%3E"),
        ("doi = {https://doi.org/10.1/x}", "https://doi.org/10.1/x"),
        ("arxiv = {2501.01234}", "https://arxiv.org/abs/2501.01234"),
        ("arxiv = {arXiv:2501.01234v3}", "https://arxiv.org/abs/2501.01234"),
        ("arxiv = {hep-th/9901001}", "https://arxiv.org/abs/hep-th/9901001"),
        ("arxiv = {https://arxiv.org/abs/2501.01234}", "https://arxiv.org/abs/2501.01234"),
        ("url = {https://example.org/a\\_b}", "https://example.org/a_b"),
    ],
)
def test_link_fields_become_canonical_urls(field: str, url: str) -> None:
    pub = publication(f"@misc{{k, title={{T}}, year=2023, {field}}}")
    assert [link.url for link in pub.links] == [url]


@pytest.mark.parametrize(
    ("fields", "links"),
    [
        # DBLP exports: arXiv by eprinttype; ECCC has no identifier-only link (its url field has it)
        (
            "eprinttype = {arXiv}, eprint = {2401.06112}",
            [("arxiv", "https://arxiv.org/abs/2401.06112", "")],
        ),
        ("eprinttype = {ECCC}, eprint = {TR16-143}", []),
        # biblatex-examples.bib
        (
            "eprinttype = {googlebooks}, eprint = {4HIWAAAAYAAJ}",
            [("eprint", "https://books.google.com/books?id=4HIWAAAAYAAJ", "Google Books")],
        ),
        (
            "eprinttype = {arxiv}, eprint = {math/0307200v3}",
            [("arxiv", "https://arxiv.org/abs/math/0307200", "")],
        ),
        (
            "eprinttype = {jstor}, eprint = {2285745}",
            [("eprint", "https://www.jstor.org/stable/2285745", "JSTOR")],
        ),
        # BibTeX's spelling, and an untyped identifier that is (or is not) arXiv's
        (
            "archivePrefix = {arXiv}, eprint = {1706.03762}",
            [("arxiv", "https://arxiv.org/abs/1706.03762", "")],
        ),
        ("eprint = {2501.01234}", [("arxiv", "https://arxiv.org/abs/2501.01234", "")]),
        ("eprint = {TR16-143}", []),
        ("eprinttype = {somewhere}, eprint = {2501.01234}", []),
        # a URL in protecting braces
        ("url = {{https://example.org/paper}}", [("url", "https://example.org/paper", "")]),
    ],
)
def test_eprint_links_by_archive(fields: str, links: list[tuple[str, str, str]]) -> None:
    pub = publication(f"@article{{k, title={{T}}, year=2020, {fields}}}")
    assert [(link.kind, link.url, link.label) for link in pub.links] == links
    assert not [text for subtype, text in pub.problems if subtype == "link"]


def test_eprint_badge_label() -> None:
    pub = publication("@book{k, title={T}, year=2020, eprinttype={googlebooks}, eprint={X1}}")
    badges = [reference.astext() for reference in link_references(pub, DEFAULT)]
    assert badges == ["Google Books"]


DBLP_CROSSREF = """
@inproceedings{DBLP:conf/podc/Child19,
  author    = {Jane Doe},
  title     = {A Child Paper},
  pages     = {1--10},
  crossref  = {DBLP:conf/podc/2019},
}
@proceedings{DBLP:conf/podc/2019,
  editor    = {Peter Robinson and Faith Ellen},
  title     = {Proceedings of the 2019 {ACM} Symposium on Principles of Distributed Computing,
               {PODC} 2019, Toronto, ON, Canada, July 29 - August 2, 2019},
  publisher = {{ACM}},
  year      = {2019},
  url       = {https://doi.org/10.1145/3293611},
  doi       = {10.1145/3293611},
  isbn      = {978-1-4503-6217-7},
}
"""


def test_crossref_child_inherits_container_title_and_year() -> None:
    pub = publication(DBLP_CROSSREF, key="DBLP:conf/podc/Child19")
    assert pub.year == 2019
    assert pub.title == "A Child Paper"
    assert pub.venue_name.startswith("Proceedings of the 2019 ACM Symposium on Principles")
    assert not pub.problems
    assert [author.name for author in pub.authors] == ["Jane Doe"]
    assert pub.links == ()  # the volume's DOI is not the paper's


def test_crossref_parent_is_not_listed_and_raw_bibtex_stays_as_written() -> None:
    from sphinx_academic.core.bibfields import is_listed

    data = parse_string(DBLP_CROSSREF, "bibtex")
    normalise(data)
    normalise(data)  # once: a second pass changes nothing
    child, parent = data.entries.values()
    assert is_listed(child) and not is_listed(parent)
    assert "booktitle" not in bibtex_text(child) and "year" not in bibtex_text(child)
    assert "editor" not in bibtex_text(child)


def test_xdata_fields_are_inherited() -> None:
    source = """
@xdata{hup, publisher = {Harvard University Press}, location = {Cambridge, Mass.}}
@book{k, author = {Doe, Jane}, title = {T}, date = {1985}, xdata = {hup}}
"""
    pub = publication(source, key="k")
    assert (pub.venue_name, pub.location, pub.year) == (
        "Harvard University Press",
        "Cambridge, Mass.",
        1985,
    )


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("@article{k, title={T}, year=1, crossref={nowhere}}", "crossref 'nowhere' is not in"),
        (
            "@article{k, title={T}, year=1, crossref={j}}\n@article{j, crossref={k}}",
            "leads back to this entry",
        ),
    ],
)
def test_crossref_problems(source: str, problem: str) -> None:
    data = parse_string(source, "bibtex")
    assert any(problem in found.message for found in normalise(data))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # biblatex-examples.bib and biblatex exports read like their BibTeX counterparts
        (
            "@article{k, author={Doe, Jane}, title={T}, journaltitle={Journal of Things}, "
            "date={2023-05}}",
            ("Journal of Things", 2023, 5, ""),
        ),
        (
            "@inproceedings{k, author={Doe, Jane}, title={T}, eventtitle={Symposium on Stuff}, "
            "location={Vienna, Austria}, date={2021-07-12/2021-07-16}}",
            ("Symposium on Stuff", 2021, 7, "Vienna, Austria"),
        ),
        (
            "@thesis{k, author={Doe, Jane}, title={T}, institution={Example University}, "
            "date={2019}}",
            ("Example University", 2019, None, ""),
        ),
        # the BibTeX field wins when both are given
        (
            "@article{k, title={T}, journal={J}, journaltitle={JT}, year={2020}, date={2019-01}}",
            ("J", 2020, 1, ""),
        ),
    ],
)
def test_biblatex_fields(source: str, expected: tuple[str, int, int | None, str]) -> None:
    pub = publication(source)
    assert (pub.venue_name, pub.year, pub.month, pub.location) == expected


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("@misc{k, note = {Talk at the Example Workshop}}", "Talk at the Example Workshop."),
        (
            "@misc{k, howpublished = {Invited talk}, year = {2020}}",
            "Invited talk. Invited talk 2020.",
        ),
        ("@set{k, entryset = {a,b}}", "k."),
    ],
)
def test_never_an_empty_entry(source: str, text: str) -> None:
    assert entry_paragraph(publication(source), DEFAULT).astext().startswith(text)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (
            "@inproceedings{k, title={T}, booktitle={Advances in Neural Information Processing "
            "Systems (NeurIPS)}, abbr={NeurIPS 2025}, year={2025}}",
            "Advances in Neural Information Processing Systems (NeurIPS) 2025.",
        ),
        (
            "@inproceedings{k, title={T}, booktitle={Conf}, address={Washington, D.C.}, "
            "year={2020}}",
            "Conf 2020, Washington, D.C.",
        ),
    ],
)
def test_venue_without_repeats(source: str, text: str) -> None:
    paragraph = entry_paragraph(publication(source), DEFAULT).astext()
    assert f"T. {text}" in paragraph and ".." not in paragraph, paragraph


def test_and_others_is_et_al() -> None:
    pub = publication("@article{k, author={Wang, Junxiao and others}, title={T}, year=2020}")
    assert authors_node(pub, DEFAULT).astext() == "Junxiao Wang et al."
    assert [author.is_owner for author in pub.authors] == [True, False]


def test_a_superscript_author_number_is_a_problem_not_a_crash() -> None:
    """Found by the property test on this branch: int("¹") raised in roles_from_fields."""
    publication = make_publication(
        "k",
        Entry("article", fields={"title": "T", "corresponding": "¹"}),
        0,
        FormatOptions(OwnerMatcher(()), VenueTable.bundled()),
    )
    assert publication.category
