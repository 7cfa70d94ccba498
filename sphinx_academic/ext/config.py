"""The ``academic_*`` configuration values, their defaults and validation."""

from __future__ import annotations

import codecs
import os
import re
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..core.numbers import whole_number
from .warnings import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

OWNER_STYLES = ("bold", "underline", "bold-underline")
#: How a publication entry is laid out: title first, on its own line (``stacked``), or the
#: seed CV's one paragraph, ``Authors. Title. Venue.`` (``citation``).
ENTRY_STYLES = ("stacked", "citation")
#: A colour a site may give a venue badge: a name, #hex, rgb()/hsl() or a CSS variable.
_COLOUR = re.compile(
    r"^(?:[a-zA-Z]{3,30}|#[0-9a-fA-F]{3,8}|(?:rgb|hsl|oklch)a?\([\d\s.,%/+-]{1,60}\)"
    r"|var\(--[\w-]{1,60}\))$"
)
DEFAULT_ACCEPTANCE_FORMAT = "(acceptance rate~{rate:.1f}% [{accepted:,}/{submitted:,}])"
DEFAULT_RATE_ONLY_FORMAT = "(acceptance rate~{rate:.1f}%)"


@dataclass(frozen=True)
class Setting:
    """One configuration value: its default and the types Sphinx accepts."""

    default: Any
    types: tuple[type, ...]
    description: str


#: The entry layout (issue 12); every value is read as the page is written.
LAYOUT_SETTINGS: dict[str, Setting] = {
    "academic_entry_style": Setting("stacked", (str,), "stacked or citation, in HTML and text"),
    "academic_latex_entry_style": Setting("citation", (str,), "stacked or citation, in LaTeX"),
    "academic_bibtex_hidden_fields": Setting(
        [], (list, tuple), "More bib fields to leave out of the BibTeX shown to visitors"
    ),
    "academic_max_authors": Setting(0, (int,), "Collapse author lists longer than this (0: never)"),
    "academic_venue_badges": Setting(False, (bool,), "A venue badge left of each entry (HTML)"),
    "academic_venue_colors": Setting({}, (dict,), "Venue abbreviation -> badge colour"),
}

#: Every value affects how entries are formatted at read time, so all rebuild "env".
SETTINGS: dict[str, Setting] = {
    "academic_owner": Setting([], (list, tuple, str), "Name variants of the CV owner"),
    "academic_owner_style": Setting("bold", (str,), "bold, underline or bold-underline"),
    "academic_acceptance": Setting(True, (bool,), "Annotate acceptance rates"),
    "academic_acceptance_format": Setting(
        DEFAULT_ACCEPTANCE_FORMAT, (str,), "Format of an acceptance note"
    ),
    "academic_acceptance_rate_only_format": Setting(
        DEFAULT_RATE_ONLY_FORMAT, (str,), "Format when only a percentage is known"
    ),
    "academic_venues": Setting([], (list, tuple, str), "User venue/acceptance tables"),
    "academic_corresponding_mark": Setting(
        "(Corresponding Author)", (str,), "Text after a corresponding author"
    ),
    "academic_equal_mark": Setting("*", (str,), "Mark after an equal-contribution author"),
    "academic_acceptance_check": Setting(
        False, (bool,), "Warn where a bib's stated rate differs from the bundled table"
    ),
    **LAYOUT_SETTINGS,
}


def register(app: Sphinx) -> None:
    """Add every ``academic_*`` value to Sphinx's config."""
    for name, setting in SETTINGS.items():
        app.add_config_value(
            name,
            setting.default,
            "env",
            types=frozenset(setting.types),
            description=setting.description,
        )
    app.connect("config-inited", validate, priority=400)
    app.connect("config-inited", check_owner_variants, priority=410)
    app.connect("config-inited", validate_layout, priority=400)


#: Bounds on an acceptance format (and a mark's length): a width of 2147483647 would
#: print 2 GB per entry.
MAX_FORMAT_LENGTH = 200
MAX_FORMAT_WIDTH = 40
MAX_FORMAT_PRECISION = 6
# Python's format spec: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
_FORMAT_SPEC = re.compile(
    r"(?:.?[<>=^])?[-+ ]?z?#?0?(?P<width>[0-9]*)[,_]?(?:\.(?P<precision>[0-9]+))?[a-zA-Z%]?",
    re.DOTALL,
)


def _format_fields(fmt: str) -> set[str] | None:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(fmt) if name is not None}
    except ValueError:
        return None


def _spec_problem(fmt: str) -> str | None:
    """Why *fmt* could print far more than a note, or None: its length, widths, precisions."""
    if len(fmt) > MAX_FORMAT_LENGTH:
        return f"is longer than {MAX_FORMAT_LENGTH} characters"
    for _, name, spec, _ in string.Formatter().parse(fmt):
        if name is None or not spec:
            continue
        match = _FORMAT_SPEC.fullmatch(spec)
        if match is None:
            return f"has a format spec {spec!r:.40} that is not a plain width, precision and type"
        width, precision = match.group("width"), match.group("precision")
        if width and whole_number(width, MAX_FORMAT_WIDTH) is None:
            return f"has a width over {MAX_FORMAT_WIDTH} in {{{name}:{spec:.40}}}"
        if precision and whole_number(precision, MAX_FORMAT_PRECISION) is None:
            return f"has a precision over {MAX_FORMAT_PRECISION} in {{{name}:{spec:.40}}}"
    return None


def _check_format(config: Config, name: str, allowed: set[str], sample: dict[str, Any]) -> None:
    fmt = config[name]
    fields = _format_fields(fmt) if isinstance(fmt, str) else None
    problem = None
    if fields is None:
        problem = "is not a valid format string"
    elif fields - allowed:
        problem = f"uses unknown field(s) {sorted(fields - allowed)} (allowed: {sorted(allowed)})"
    elif (bound := _spec_problem(fmt)) is not None:
        problem = bound
    else:
        try:
            fmt.format(**sample)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            problem = f"cannot format a figure ({exc})"
    if problem:
        warn(f"{name} {problem}; using the default", "config")
        config[name] = SETTINGS[name].default


#: sphinxcontrib-bibtex's default, used when ``bibtex_encoding`` cannot be.
DEFAULT_BIB_ENCODING = "utf-8-sig"


def _check_bool(config: Config, name: str) -> None:
    if not isinstance(config[name], bool):
        default = SETTINGS[name].default
        warn(f"{name} must be True or False, not {config[name]!r:.80}; using {default}", "config")
        config[name] = default


def _text_encoding(value: object) -> str | None:
    """*value* if it names a codec that decodes bytes to text, else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        codec = codecs.lookup(value)
    except LookupError:
        return None
    # rot13, base64, zlib, …: codecs bytes.decode refuses ("not a text encoding")
    return value if getattr(codec, "_is_text_encoding", True) else None


def validate_bib_settings(config: Config) -> None:
    """sphinxcontrib-bibtex's settings this package reads or pre-checks: a list of file
    names, and an encoding Python can decode text with."""
    files = config.bibtex_bibfiles
    if files is None:
        files = []  # the publications directive says what is missing, where it is used
    elif isinstance(files, str | os.PathLike):
        files = [files]
    elif not isinstance(files, list | tuple):
        warn(f"bibtex_bibfiles must be a list of file names, not {files!r:.80}", "config")
        files = []
    names = []
    for name in files:
        if isinstance(name, str | os.PathLike) and str(name).strip():
            names.append(os.fspath(name))
        else:
            warn(f"bibtex_bibfiles: {name!r:.80} is not a file name; ignored", "config")
    config.bibtex_bibfiles = names
    encoding = config.bibtex_encoding
    if _text_encoding(encoding) is None:
        warn(
            f"bibtex_encoding {encoding!r:.80} is not a text encoding Python knows; "
            f"using {DEFAULT_BIB_ENCODING!r}",
            "config",
        )
        config.bibtex_encoding = DEFAULT_BIB_ENCODING


def validate(app: Sphinx, config: Config) -> None:
    """Normalise the values and replace invalid ones by their defaults, with a warning."""
    validate_bib_settings(config)
    for name in ("academic_acceptance", "academic_acceptance_check"):
        _check_bool(config, name)
    for name in ("academic_owner", "academic_venues"):
        value = config[name]
        if isinstance(value, str):
            config[name] = [value]
        elif not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            warn(f"{name} must be a list of strings; ignoring it", "config")
            config[name] = []
        else:
            config[name] = list(value)
    if config.academic_owner_style not in OWNER_STYLES:
        warn(
            f"academic_owner_style must be one of {', '.join(OWNER_STYLES)}, "
            f"not {config.academic_owner_style!r}; using 'bold'",
            "config",
        )
        config.academic_owner_style = "bold"
    sample = {"rate": 24.6, "accepted": 5290, "submitted": 21500}
    _check_format(config, "academic_acceptance_format", set(sample), sample)
    _check_format(config, "academic_acceptance_rate_only_format", {"rate"}, {"rate": 24.6})
    for name in ("academic_corresponding_mark", "academic_equal_mark"):
        if not isinstance(config[name], str) or len(config[name]) > MAX_FORMAT_LENGTH:
            warn(
                f"{name} must be a string of at most {MAX_FORMAT_LENGTH} characters; "
                "using the default",
                "config",
            )
            config[name] = SETTINGS[name].default


def check_owner_variants(app: Sphinx, config: Config) -> None:
    """Say which ``academic_owner`` variants can match nobody, instead of ignoring them."""
    from ..core.names import OwnerMatcher

    for variant in config.academic_owner:
        if OwnerMatcher.key_of(variant) is None:
            warn(
                f"academic_owner variant {variant!r} needs a given name and a surname "
                "('Last, First' or 'First Last'); it matches nobody",
                "config",
            )


def validate_layout(app: Sphinx, config: Config) -> None:
    """The entry-layout values: bad ones warn and fall back to their defaults."""
    for name in ("academic_entry_style", "academic_latex_entry_style"):
        if config[name] not in ENTRY_STYLES:
            default = SETTINGS[name].default
            warn(
                f"{name} must be one of {', '.join(ENTRY_STYLES)}, not {config[name]!r}; "
                f"using {default!r}",
                "config",
            )
            config[name] = default
    hidden = config.academic_bibtex_hidden_fields
    if isinstance(hidden, str):
        hidden = [hidden]
    if not isinstance(hidden, (list, tuple)) or not all(isinstance(v, str) for v in hidden):
        warn("academic_bibtex_hidden_fields must be a list of field names; ignoring it", "config")
        hidden = []
    config.academic_bibtex_hidden_fields = [name.strip().lower() for name in hidden]
    limit = config.academic_max_authors
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        warn("academic_max_authors must be a whole number, 0 for no limit; using 0", "config")
        config.academic_max_authors = 0
    colours = config.academic_venue_colors
    if not isinstance(colours, dict):
        warn("academic_venue_colors must be a dict of venue -> colour; ignoring it", "config")
        colours = {}
    kept: dict[str, str] = {}
    for venue, colour in colours.items():
        if isinstance(venue, str) and isinstance(colour, str) and _COLOUR.match(colour.strip()):
            kept[venue.casefold()] = colour.strip()
        else:
            warn(
                f"academic_venue_colors: {str(colour)[:40]!r} for {str(venue)[:40]!r} is not a "
                "CSS colour (a name, #hex, rgb(), hsl(), oklch() or var(--name)); ignoring it",
                "config",
            )
    config.academic_venue_colors = kept
