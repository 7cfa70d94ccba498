"""Generate realistic BibTeX files for the benchmarks, deterministically.

    python bench/generate.py 1000 --out refs.bib [--markdown list.md] [--seed 0]

The same ``(N, seed)`` always gives the same file, byte for byte, and the first
*k* entries of a larger file are the entries of the *k*-entry file (one seeded
``random.Random`` drawn in order, nothing depends on N).

What is in it, roughly as a CV's bib file looks:

* entry types: inproceedings ~55%, article ~25%, misc (arXiv preprints) ~8%,
  incollection ~5%, techreport ~4%, phdthesis ~3%;
* 2-15 authors, in ``Last, First`` and ``First Last`` forms, with Unicode names
  (Jörg, Zoë, Łukasz, 王芳), LaTeX escapes (``M{\\"u}ller``, ``{\\'E}mile``),
  von parts (``van der Berg``, ``de la Cruz``), suffixes (``Jr.``, ``III``) and
  the odd braced group author;
* titles with protected words (``{GPU}``), math (``$\\alpha$-Divergence``) and
  ``\\emph{...}``;
* venues from the bundled table's aliases (``sphinx_academic/data/venues.csv``),
  written as bib files write them ("Advances in Neural Information Processing
  Systems 36", "Proceedings of the 40th International Conference on Machine
  Learning", Findings tracks, workshops) and real journals ("IEEE Transactions
  on Mobile Computing"), some through ``@string`` macros;
* years 2005-2026, ``month`` macros, pages, publishers, addresses;
* the owner, Jane Doe (:data:`OWNER`), in about a third of the entries, written
  ``Doe, Jane``, ``Doe, J.``, ``Jane Doe`` or ``D{\\"o}e, Jane`` (see
  :data:`OWNER_FORMS`);
* optional fields: doi, url, pdf, code, arxiv, slides, keywords, abstract,
  ``acceptance``/``acceptance_rate``, ``author+an``, ``corresponding``,
  ``selected``, ``abbr``.

``--markdown`` also writes the same entries as a plain Markdown bullet list
(authors, title, venue, year, links; the owner in bold): the "plain" site of
``bench/run.py``, what Sphinx alone costs for the same text.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

#: The configured owner (``academic_owner``) for the generated files.
OWNER: list[str] = ["Doe, Jane", "Döe, Jane"]
#: How the owner is written in the bib file, with weights.
OWNER_FORMS: list[tuple[str, str, int]] = [
    # (bib form, display form, weight)
    ("Doe, Jane", "Jane Doe", 60),
    ("Doe, J.", "J. Doe", 20),
    ("Jane Doe", "Jane Doe", 10),
    ('D{\\"o}e, Jane', "Jane Döe", 10),
]

VENUES_CSV = Path(__file__).resolve().parents[1] / "sphinx_academic" / "data" / "venues.csv"

# -- names ---------------------------------------------------------------------------------
# (bib form of the name part, display form)
FIRST_NAMES: list[tuple[str, str]] = [
    ("Alice", "Alice"),
    ("Wei", "Wei"),
    ("Jörg", "Jörg"),
    ("Zoë", "Zoë"),
    ("Łukasz", "Łukasz"),
    ("{\\L}ukasz", "Łukasz"),
    ("Fran{\\c{c}}ois", "François"),
    ("François", "François"),
    ("Jos{\\'e}", "José"),
    ("{\\'E}mile", "Émile"),
    ("S{\\o}ren", "Søren"),
    ("Ayşe", "Ayşe"),
    ("Priya", "Priya"),
    ("Mohammed", "Mohammed"),
    ("Olga", "Olga"),
    ("Hiroshi", "Hiroshi"),
    ("Chidi", "Chidi"),
    ("Camille", "Camille"),
    ("Mateo", "Mateo"),
    ("Ingrid", "Ingrid"),
    ("Xiaoming", "Xiaoming"),
    ("Yuki", "Yuki"),
    ("Dmitri", "Dmitri"),
    ("Siobh{\\'a}n", "Siobhán"),
    ('Bj{\\"o}rn', "Björn"),
    ("Andrés", "Andrés"),
    ("Małgorzata", "Małgorzata"),
    ("{\\c{C}}a{\\u{g}}la", "Çağla"),
    ("Thảo", "Thảo"),
    ("Ra{\\'u}l", "Raúl"),
    ("Michael", "Michael"),
    ("Sarah", "Sarah"),
    ("David", "David"),
    ("Emily", "Emily"),
    ("Jun", "Jun"),
    ("Yang", "Yang"),
    ("Min-Jun", "Min-Jun"),
    ("Ahmed", "Ahmed"),
    ("Lucía", "Lucía"),
    ("Kwame", "Kwame"),
    ("Anna", "Anna"),
    ("Tom{\\'a}{\\v{s}}", "Tomáš"),
    ("Noah", "Noah"),
    ("Fatima", "Fatima"),
    ("J.", "J."),
    ("R. K.", "R. K."),
]
LAST_NAMES: list[tuple[str, str]] = [
    ("Smith", "Smith"),
    ("Wang", "Wang"),
    ("Zhang", "Zhang"),
    ("Li", "Li"),
    ("Chen", "Chen"),
    ("Liu", "Liu"),
    ('M{\\"u}ller', "Müller"),
    ("Müller", "Müller"),
    ("Kowalski", "Kowalski"),
    ("Garc{\\'i}a", "García"),
    ("García", "García"),
    ("Nguyen", "Nguyen"),
    ("Kim", "Kim"),
    ("Patel", "Patel"),
    ("Okafor", "Okafor"),
    ("Dubois", "Dubois"),
    ("Nakamura", "Nakamura"),
    ("Johansson", "Johansson"),
    ("Ivanova", "Ivanova"),
    ("O'Brien", "O'Brien"),
    ("Schmidt", "Schmidt"),
    ("Rossi", "Rossi"),
    ("Hern{\\'a}ndez", "Hernández"),
    ("S{\\o}rensen", "Sørensen"),
    ("Y{\\i}lmaz", "Yılmaz"),
    ("Nov{\\'a}k", "Novák"),
    ("Silva", "Silva"),
    ('Gr{\\"o}{\\ss}er', "Größer"),
    ("Brown", "Brown"),
    ("Taylor", "Taylor"),
    ("Sato", "Sato"),
    ("Huang", "Huang"),
    ("Zhao", "Zhao"),
    ("Park", "Park"),
    ("Kumar", "Kumar"),
    ("Mensah", "Mensah"),
    ("Lefèvre", "Lefèvre"),
    ("Ch{\\'a}vez", "Chávez"),
    ("Andersson", "Andersson"),
    ("Wi{\\'s}niewski", "Wiśniewski"),
]
# whole names, as the bib writes them: (bib form, display form)
SPECIAL_NAMES: list[tuple[str, str]] = [
    ("van der Berg, Anna", "Anna van der Berg"),
    ("de la Cruz, María", "María de la Cruz"),
    ("de la Cruz, Mar{\\'i}a", "María de la Cruz"),
    ("von Neumann, Klaus", "Klaus von Neumann"),
    ('van den Oord, A{\\"a}ron', "Aäron van den Oord"),
    ("di Stefano, Luca", "Luca di Stefano"),
    ("Ana de Souza", "Ana de Souza"),
    ("Pieter van Dijk", "Pieter van Dijk"),
    ("King, Jr., Martin", "Martin King Jr."),
    ("Smith, III, John", "John Smith III"),
    ("Brown, Jr., Robert", "Robert Brown Jr."),
    ("王, 芳", "芳 王"),
    ("王小明", "王小明"),
    ("李, 娜", "娜 李"),
    ("张伟", "张伟"),
    ("山田, 太郎", "太郎 山田"),
    ("{The Open Models Consortium}", "The Open Models Consortium"),
]

# -- titles --------------------------------------------------------------------------------
# (LaTeX form, plain form)
ADJECTIVES: list[tuple[str, str]] = [
    (w, w)
    for w in (
        "Scalable",
        "Private",
        "Efficient",
        "Robust",
        "Federated",
        "Differentially Private",
        "Adaptive",
        "Certified",
        "Communication-Efficient",
        "Sparse",
        "Provable",
        "Energy-Aware",
        "Explainable",
        "Self-Supervised",
        "Decentralized",
        "Low-Rank",
    )
] + [
    ("{GPU}-Accelerated", "GPU-Accelerated"),
    ("\\emph{Faithful}", "Faithful"),
    ("{\\em Zero-Shot}", "Zero-Shot"),
]
NOUNS: list[tuple[str, str]] = [
    (w, w)
    for w in (
        "Transformers",
        "Diffusion Models",
        "Graph Neural Networks",
        "Mixture-of-Experts",
        "Reinforcement Learning",
        "Language Model Agents",
        "Knowledge Distillation",
        "Concept Bottleneck Models",
        "Vision-Language Models",
        "Neural Radiance Fields",
        "Gradient Compression",
        "Model Merging",
        "Speculative Decoding",
        "Contrastive Pre-Training",
    )
] + [
    ("{LLM} Fine-Tuning", "LLM Fine-Tuning"),
    ("{DP-SGD}", "DP-SGD"),
    ("$\\alpha$-Divergence Minimisation", "α-Divergence Minimisation"),
    ("{L}arge {L}anguage {M}odels", "Large Language Models"),
    ("$k$-Nearest Neighbour Search", "k-Nearest Neighbour Search"),
    ("{BERT}-Style Encoders", "BERT-Style Encoders"),
]
TASKS: list[tuple[str, str]] = [
    (w, w)
    for w in (
        "Edge Devices",
        "Long-Context Reasoning",
        "Mobile Crowdsensing",
        "Medical Imaging",
        "Streaming Anomaly Detection",
        "Autonomous Driving",
        "Code Generation",
        "Recommendation at Scale",
        "Wireless Networks",
        "Heterogeneous Clusters",
        "Time-Series Forecasting",
        "Scientific Discovery",
        "Low-Resource Languages",
    )
] + [
    ("$O(n \\log n)$ Attention", "O(n log n) Attention"),
    ("{ImageNet}-Scale Training", "ImageNet-Scale Training"),
    ("On-Device {AI}", "On-Device AI"),
]
ABSTRACT_WORDS = [
    "we",
    "propose",
    "a",
    "novel",
    "method",
    "that",
    "improves",
    "accuracy",
    "while",
    "reducing",
    "memory",
    "and",
    "communication",
    "costs",
    "across",
    "diverse",
    "benchmarks",
    "our",
    "experiments",
    "show",
    "consistent",
    "gains",
    "over",
    "strong",
    "baselines",
    "and",
    "we",
    "analyse",
    "the",
    "trade-offs",
    "between",
    "privacy",
    "utility",
    "and",
    "efficiency",
    "in",
    "realistic",
    "deployments",
    "with",
    "heterogeneous",
    "data",
    "and",
    "hardware",
]
KEYWORDS = (
    "privacy",
    "LLM",
    "federated learning",
    "efficiency",
    "vision",
    "graphs",
    "security",
    "systems",
    "theory",
    "benchmarks",
    "interpretability",
    "mobile computing",
)

# -- venues ----------------------------------------------------------------------------------
JOURNALS: list[tuple[str, str]] = [
    # (journal, publisher)
    ("IEEE Transactions on Mobile Computing", "IEEE"),
    ("IEEE Transactions on Information Forensics and Security", "IEEE"),
    ("IEEE Transactions on Pattern Analysis and Machine Intelligence", "IEEE"),
    ("IEEE/ACM Transactions on Networking", "IEEE"),
    ("IEEE Transactions on Parallel and Distributed Systems", "IEEE"),
    ("IEEE Transactions on Dependable and Secure Computing", "IEEE"),
    ("IEEE Journal on Selected Areas in Communications", "IEEE"),
    ("IEEE Internet of Things Journal", "IEEE"),
    ("IEEE Transactions on Knowledge and Data Engineering", "IEEE"),
    ("ACM Computing Surveys", "ACM"),
    ("ACM Transactions on Graphics", "ACM"),
    ("Communications of the ACM", "ACM"),
    ("Proceedings of the VLDB Endowment", "VLDB Endowment"),
    ("Journal of Machine Learning Research", "JMLR"),
    ("Transactions on Machine Learning Research", "OpenReview"),
    ("Nature Machine Intelligence", "Nature Publishing Group"),
    ("Artificial Intelligence", "Elsevier"),
    ("Pattern Recognition", "Elsevier"),
    ("Neural Networks", "Elsevier"),
    ("Machine Learning", "Springer"),
]
#: Journals written through ``@string`` macros at the top of the file.
STRING_MACROS: dict[str, str] = {
    "tmc": "IEEE Transactions on Mobile Computing",
    "tpami": "IEEE Transactions on Pattern Analysis and Machine Intelligence",
    "jmlr": "Journal of Machine Learning Research",
}
CITIES = (
    "Vancouver, Canada",
    "New Orleans, LA, USA",
    "Vienna, Austria",
    "Singapore",
    "Seoul, Korea",
    "Honolulu, HI, USA",
    "Long Beach, CA, USA",
    "Paris, France",
    "Montréal, Canada",
    "Kyoto, Japan",
    "Barcelona, Spain",
    'Z{\\"u}rich, Switzerland',
    "São Paulo, Brazil",
    "Sydney, Australia",
)
PUBLISHERS = ("ACM", "IEEE", "PMLR", "Curran Associates, Inc.", "Springer", "AAAI Press")
SCHOOLS = (
    "Massachusetts Institute of Technology",
    'ETH Z{\\"u}rich',
    "Tsinghua University",
    "University of Cambridge",
    "King Abdullah University of Science and Technology",
    "Universit{\\'e} Paris-Saclay",
)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
ORDINAL_WORDS = (
    "",
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
    "Thirteenth",
    "Fourteenth",
    "Fifteenth",
)


def ordinal(number: int) -> str:
    """``40th``, ``21st``, ``12th``."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@dataclass(frozen=True)
class VenueAliases:
    """Aliases from the bundled venue table: main-track ones and track ones."""

    main: list[tuple[str, str]]  # (abbreviation, alias)
    tracks: list[tuple[str, str]]

    @classmethod
    def load(cls, path: Path = VENUES_CSV) -> VenueAliases:
        main: list[tuple[str, str]] = []
        tracks: list[tuple[str, str]] = []
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                alias = row["alias"]
                # bare abbreviations are rare as booktitles; keep the long names
                if len(alias) < 12 or alias == row["venue"]:
                    continue
                (tracks if row["track"] else main).append((row["venue"], alias))
        return cls(main, tracks)


def _conference(rng: random.Random, aliases: VenueAliases, year: int) -> tuple[str, str, str]:
    """A booktitle as bib files write it: (booktitle, abbreviation, track word)."""
    roll = rng.random()
    # the big venues, in the forms their proceedings use
    if roll < 0.12:
        return f"Advances in Neural Information Processing Systems {year - 1987}", "NeurIPS", ""
    if roll < 0.20:
        return (
            f"Proceedings of the {ordinal(year - 1983)} International Conference on "
            "Machine Learning",
            "ICML",
            "",
        )
    if roll < 0.25 and year >= 2013:
        number = year - 2012
        words = ORDINAL_WORDS[number] if number < len(ORDINAL_WORDS) else ordinal(number)
        return f"The {words} International Conference on Learning Representations", "ICLR", ""
    if roll < 0.29:
        return (
            f"Proceedings of the {ordinal(year - 1994)} ACM SIGKDD Conference on Knowledge "
            "Discovery and Data Mining",
            "KDD",
            "",
        )
    if roll < 0.33:
        return (
            "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition",
            "CVPR",
            "",
        )
    if roll < 0.36:
        return f"IEEE INFOCOM {year} - IEEE Conference on Computer Communications", "INFOCOM", ""
    if roll < 0.41:  # a track from the table (Findings, short papers, datasets & benchmarks)
        abbr, alias = rng.choice(aliases.tracks)
        return (f"{alias} {year}" if rng.random() < 0.5 else alias), abbr, "track"
    if roll < 0.46:  # a workshop at a big venue
        abbr = rng.choice(("ICML", "NeurIPS", "ICLR", "CVPR", "ACL"))
        topic = rng.choice(TASKS)[1]
        return f"{abbr} {year} Workshop on {topic}", abbr, "workshop"
    abbr, alias = rng.choice(aliases.main)
    form = rng.random()
    if form < 0.4 and not alias.lower().startswith(("proceedings", "the ")):
        alias = f"Proceedings of the {alias}"
    elif form < 0.5:
        alias = f"{year} {alias}"
    return alias, abbr, ""


# -- entries -----------------------------------------------------------------------------------


@dataclass
class Entry:
    """One generated entry: its BibTeX and its plain Markdown list item."""

    key: str
    type: str
    fields: list[tuple[str, str, bool]] = field(default_factory=list)  # name, value, braced
    authors_plain: list[str] = field(default_factory=list)
    title_plain: str = ""
    venue_plain: str = ""
    address_plain: str = ""
    year: int = 0
    links: list[tuple[str, str]] = field(default_factory=list)

    def add(self, name: str, value: str, *, braced: bool = True) -> None:
        self.fields.append((name, value, braced))

    def link(self, name: str, value: str, label: str, url: str = "") -> None:
        """A field that the Markdown list shows as a link to *url* (default: *value*)."""
        self.add(name, value)
        self.links.append((label, url or value))

    def bibtex(self) -> str:
        width = max(len(name) for name, _, _ in self.fields)
        lines = [f"@{self.type}{{{self.key},"]
        for name, value, braced in self.fields:
            shown = f"{{{value}}}" if braced else value
            lines.append(f"  {name:<{width}} = {shown},")
        lines.append("}")
        return "\n".join(lines)

    def markdown(self) -> str:
        parts = [", ".join(self.authors_plain) + ".", md_escape(self.title_plain) + "."]
        venue = f"{self.venue_plain} {self.year}" if self.venue_plain else str(self.year)
        if self.address_plain:
            venue += f", {self.address_plain}"
        parts.append(md_escape(venue) + ".")
        parts.extend(f"[{label}]({url})" for label, url in self.links)
        return "- " + " ".join(parts)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|$])")


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


_LATEX_PLAIN = {
    'D{\\"o}e': "Döe",
    'Z{\\"u}rich': "Zürich",
}


def _plain(text: str) -> str:
    for latex, plain in _LATEX_PLAIN.items():
        text = text.replace(latex, plain)
    return text


def _ascii(text: str) -> str:
    """A key part: the letters of *text*, accents dropped (``Hernández`` -> ``hernandez``)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return re.sub(r"[^a-z]", "", decomposed)


def _person(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.12:
        return rng.choice(SPECIAL_NAMES)
    first_bib, first = rng.choice(FIRST_NAMES)
    last_bib, last = rng.choice(LAST_NAMES)
    if rng.random() < 0.2:
        return f"{first_bib} {last_bib}", f"{first} {last}"
    return f"{last_bib}, {first_bib}", f"{first} {last}"


def _owner_form(rng: random.Random) -> tuple[str, str]:
    forms = [(bib, shown) for bib, shown, _ in OWNER_FORMS]
    weights = [weight for _, _, weight in OWNER_FORMS]
    return rng.choices(forms, weights)[0]


def _arxiv_id(rng: random.Random, year: int) -> str:
    """``2403.01234``: an arXiv identifier of *year*."""
    return f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(1, 29999):05d}"


def _title(rng: random.Random) -> tuple[str, str]:
    adjective, noun, task = rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(TASKS)
    shape = rng.random()
    if shape < 0.5:
        return f"{adjective[0]} {noun[0]} for {task[0]}", f"{adjective[1]} {noun[1]} for {task[1]}"
    if shape < 0.8:
        name = rng.choice(("FlashDP", "SparseMoE", "TrojanNet", "GraphSketch", "EdgeLM", "ZipRAG"))
        return (
            f"{{{name}}}: {adjective[0]} {noun[0]} for {task[0]}",
            f"{name}: {adjective[1]} {noun[1]} for {task[1]}",
        )
    return (
        f"On the Limits of {noun[0]} in {task[0]}",
        f"On the Limits of {noun[1]} in {task[1]}",
    )


_ENTRY_TYPES = (
    ("inproceedings", 55),
    ("article", 25),
    ("misc", 8),
    ("incollection", 5),
    ("techreport", 4),
    ("phdthesis", 3),
)


def generate(count: int, seed: int = 0, aliases: VenueAliases | None = None) -> list[Entry]:
    """``count`` entries; the same arguments always give the same entries."""
    rng = random.Random(seed)
    aliases = aliases or VenueAliases.load()
    types = [name for name, _ in _ENTRY_TYPES]
    weights = [weight for _, weight in _ENTRY_TYPES]
    keys: set[str] = set()
    entries: list[Entry] = []
    for _ in range(count):
        entry_type = rng.choices(types, weights)[0]
        year = rng.randint(2005, 2026)
        # authors, the owner among them in about a third of the entries
        author_count = min(15, max(2, int(rng.lognormvariate(1.45, 0.45))))
        if entry_type == "phdthesis":
            author_count = 1
        people: list[tuple[str, str]] = []
        while len(people) < author_count:  # nobody twice in one entry
            person = _person(rng)
            if all(person[1] != shown for _, shown in people):
                people.append(person)
        has_owner = rng.random() < 0.34
        if has_owner:
            position = rng.randrange(author_count)
            people[position] = _owner_form(rng)
        title_latex, title_plain = _title(rng)

        first_last = _ascii(people[0][1].split()[-1]) or "anon"
        word = re.sub(r"[^a-z]", "", title_plain.split()[0].lower()) or "paper"
        key = base = f"{first_last}{year}{word}"
        suffix = 0
        while key.lower() in keys:
            suffix += 1
            key = f"{base}{chr(ord('a') + (suffix - 1) % 26)}{(suffix - 1) // 26 or ''}"
        keys.add(key.lower())

        entry = Entry(key, entry_type, year=year, title_plain=title_plain)
        entry.authors_plain = [
            f"**{shown}**" if bib in {form for form, _, _ in OWNER_FORMS} else shown
            for bib, shown in people
        ]
        entry.add("author", " and ".join(bib for bib, _ in people))
        if has_owner and rng.random() < 0.25:
            owner_index = next(
                index
                for index, (bib, _) in enumerate(people, 1)
                if bib in {form for form, _, _ in OWNER_FORMS}
            )
            notes = [f"{owner_index}=corresponding"]
            if author_count > 2 and rng.random() < 0.5:
                notes = ["1=equal", "2=equal", *notes]
            entry.add("author+an", "; ".join(notes))
        elif rng.random() < 0.05:
            entry.add("corresponding", people[-1][0])
        entry.add("title", title_latex)

        if entry_type == "inproceedings":
            booktitle, abbr, _track = _conference(rng, aliases, year)
            entry.add("booktitle", booktitle)
            entry.venue_plain = booktitle
            if rng.random() < 0.15:
                entry.add("abbr", abbr)
            address = rng.choice(CITIES)
            entry.add("address", address)
            entry.address_plain = _plain(address)
            if rng.random() < 0.5:
                entry.add("publisher", rng.choice(PUBLISHERS))
            if rng.random() < 0.12:
                submitted = rng.randint(800, 25000)
                accepted = int(submitted * rng.uniform(0.14, 0.35))
                entry.add("acceptance", f"{accepted}/{submitted}")
                if rng.random() < 0.3:
                    entry.add("acceptance_rate", f"{100 * accepted / submitted + 0.2:.1f}")
        elif entry_type == "article":
            if rng.random() < 0.1:
                journal = f"arXiv preprint arXiv:{_arxiv_id(rng, year)}"
                entry.add("journal", journal)
            elif rng.random() < 0.15:
                macro = rng.choice(sorted(STRING_MACROS))
                journal = STRING_MACROS[macro]
                entry.add("journal", macro, braced=False)
            else:
                journal, publisher = rng.choice(JOURNALS)
                entry.add("journal", journal)
                entry.add("publisher", publisher)
            entry.venue_plain = journal
            entry.add("volume", str(rng.randint(1, 60)))
            entry.add("number", str(rng.randint(1, 12)))
        elif entry_type == "misc":
            eprint = _arxiv_id(rng, year)
            entry.add("howpublished", f"arXiv preprint arXiv:{eprint}")
            entry.add("eprint", eprint)
            entry.add("archiveprefix", "arXiv")
            entry.add("primaryclass", rng.choice(("cs.LG", "cs.CL", "cs.CV", "cs.CR", "stat.ML")))
            entry.venue_plain = f"arXiv preprint arXiv:{eprint}"
        elif entry_type == "incollection":
            topic = rng.choice(NOUNS)[1]
            book = f"Handbook of {topic}"
            entry.add("booktitle", book)
            entry.add("editor", " and ".join(_person(rng)[0] for _ in range(2)))
            entry.add(
                "publisher", rng.choice(("Springer", "MIT Press", "Cambridge University Press"))
            )
            entry.venue_plain = book
        elif entry_type == "techreport":
            institution = rng.choice(SCHOOLS)
            entry.add("institution", institution)
            entry.add("number", f"TR-{year}-{rng.randint(1, 99):02d}")
            entry.venue_plain = f"Technical report, {_plain(institution)}"
        else:
            school = rng.choice(SCHOOLS)
            entry.add("school", school)
            entry.venue_plain = f"PhD thesis, {_plain(school)}"
        entry.venue_plain = _plain(entry.venue_plain)

        entry.add("year", str(year))
        if rng.random() < 0.4:
            entry.add("month", rng.choice(MONTHS), braced=False)
        if entry_type in ("inproceedings", "article", "incollection"):
            start = rng.randint(1, 4000)
            entry.add("pages", f"{start}--{start + rng.randint(6, 20)}")

        slug = key.lower()
        if rng.random() < 0.45 and entry_type in ("inproceedings", "article"):
            doi = f"10.{rng.choice((1145, 1109, 1007, 48550))}/{rng.randint(1000000, 9999999)}"
            entry.link("doi", doi, "DOI", f"https://doi.org/{doi}")
        if rng.random() < 0.2:
            entry.link("url", f"https://example.org/papers/{slug}", "URL")
        if rng.random() < 0.3:
            entry.link("pdf", f"https://example.org/papers/{slug}.pdf", "PDF")
        if rng.random() < 0.25:
            entry.link("code", f"https://github.com/example/{slug}", "Code")
        if rng.random() < 0.15 and entry_type != "misc":
            arxiv = _arxiv_id(rng, year)
            entry.link("arxiv", arxiv, "arXiv", f"https://arxiv.org/abs/{arxiv}")
        if rng.random() < 0.05:
            entry.link("slides", f"https://example.org/slides/{slug}.pdf", "Slides")
        if rng.random() < 0.5:
            entry.add("keywords", ", ".join(rng.sample(KEYWORDS, rng.randint(1, 4))))
        if rng.random() < 0.25:
            words = [rng.choice(ABSTRACT_WORDS) for _ in range(rng.randint(60, 160))]
            entry.add("abstract", " ".join(words).capitalize() + ".")
        if has_owner and rng.random() < 0.1:
            entry.add("selected", "true")
        entries.append(entry)
    return entries


def bib_text(entries: list[Entry], count: int, seed: int) -> str:
    header = [
        f"% {count} entries generated by bench/generate.py (seed {seed}). Not real papers.",
        "",
        *(f'@string{{{name} = "{value}"}}' for name, value in STRING_MACROS.items()),
        "",
    ]
    return "\n".join(header) + "\n" + "\n\n".join(entry.bibtex() for entry in entries) + "\n"


def markdown_text(entries: list[Entry], title: str = "Publications") -> str:
    return f"# {title}\n\n" + "\n".join(entry.markdown() for entry in entries) + "\n"


def texts(count: int, seed: int = 0) -> tuple[str, str]:
    """The bib file of ``count`` entries and the same entries as a Markdown list."""
    entries = generate(count, seed)
    return bib_text(entries, count, seed), markdown_text(entries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of entries")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="the .bib file (default: stdout)")
    parser.add_argument("--markdown", type=Path, help="also write the entries as a Markdown list")
    args = parser.parse_args(argv)
    bib, markdown = texts(args.count, args.seed)
    if args.out:
        args.out.write_text(bib, encoding="utf-8")
    else:
        sys.stdout.write(bib)
    if args.markdown:
        args.markdown.write_text(markdown, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
