"""A small, safe expression language for the publications directive's ``:filter:`` option.

``year >= 2020 and type == "inproceedings"``, ``"privacy" in keywords``,
``venue in ("NeurIPS", "ICML") or selected``, ``author % "Wang"`` (regex search).
The expression is parsed with :mod:`ast`, checked against a short list of allowed
constructs, and turned into closures; it is never passed to ``eval`` or ``exec``.
Regular expressions run on RE2 (google-re2), whose time is linear in the text: no
pattern can make a build hang, as a backtracking engine can with ``^(\\w+\\s?)*$``.
"""

from __future__ import annotations

import ast
import io
import math
import tokenize
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import re2

__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "MAX_REGEX_MEMORY",
    "MAX_SEARCHED",
    "Filter",
    "FilterError",
    "compile_filter",
]

MAX_LENGTH = 2000
MAX_DEPTH = 50
#: RE2's budget for one compiled pattern; a larger one (``(a{500}){500}``) is refused.
MAX_REGEX_MEMORY = 4 << 20
#: A regex searches at most this many characters of a field.
MAX_SEARCHED = 100_000


class FilterError(ValueError):
    """A filter expression that cannot be compiled or evaluated (message fit for a warning)."""


_Fields = Mapping[str, object]
_Eval = Callable[[_Fields], object]
_Scalar = str | int | float | bool | None

_TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
_FALSE_WORDS = frozenset({"false", "no", "off", "0", ""})
_LITERAL_NAMES: dict[str, bool] = {"true": True, "false": False}

_OPERATOR_TEXT: dict[type[ast.cmpop], str] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.In: "in",
    ast.NotIn: "not in",
}

# Friendly names for what is not allowed.
_FORBIDDEN: dict[type[ast.AST], str] = {
    ast.Call: "function calls are",
    ast.Attribute: "attribute access ('.') is",
    ast.Subscript: "subscripts ('[...]') are",
    ast.Lambda: "lambda expressions are",
    ast.ListComp: "comprehensions are",
    ast.SetComp: "comprehensions are",
    ast.DictComp: "comprehensions are",
    ast.GeneratorExp: "comprehensions are",
    ast.JoinedStr: "f-strings are",
    ast.FormattedValue: "f-strings are",
    ast.NamedExpr: "assignment expressions (':=') are",
    ast.IfExp: "conditional expressions ('... if ... else ...') are",
    ast.Dict: "dictionaries are",
    ast.Starred: "starred expressions are",
    ast.Await: "'await' is",
    ast.Yield: "'yield' is",
    ast.YieldFrom: "'yield' is",
    ast.Slice: "slices are",
}


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {value}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if value is None:
        return "None"
    if isinstance(value, tuple | list | set | frozenset):
        return "a list"
    return f"a {type(value).__name__}"


def _shown(text: str) -> str:
    """A filter's source for a message, shortened."""
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _normalise(value: object) -> object:
    """A field value as one of the types the evaluator knows."""
    if value is None or isinstance(value, str | int | float | bool | tuple):
        return value
    if isinstance(value, list | set | frozenset):
        return tuple(value)
    return str(value)


def _number_from_text(text: str) -> int | float | None:
    text = text.strip().replace("_", "#")  # no '1_000' literals: plain digits only
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _bool_from_text(text: str) -> bool | None:
    word = text.strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    return None


def _coerce(left: object, right: object, op: str) -> tuple[object, object]:
    """Bring two scalars to comparable forms, or raise FilterError."""
    if left is None and isinstance(right, str | type(None)):
        left = ""
    if right is None and isinstance(left, str):
        right = ""
    if isinstance(left, str) and isinstance(right, str):
        return left.casefold(), right.casefold()
    if isinstance(left, bool) or isinstance(right, bool):
        if isinstance(left, bool) and isinstance(right, bool):
            return left, right
        other = right if isinstance(left, bool) else left
        as_bool: bool | None = None
        if isinstance(other, str):
            as_bool = _bool_from_text(other)
        elif isinstance(other, int | float):
            as_bool = bool(other)
        if as_bool is None:
            raise FilterError(f"cannot compare {_describe(left)} {op} {_describe(right)}")
        return (left, as_bool) if isinstance(left, bool) else (as_bool, right)
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left, right
    if isinstance(left, int | float) and isinstance(right, str):
        number = _number_from_text(right)
        if number is None:
            raise FilterError(
                f"cannot compare {_describe(left)} {op} {_describe(right)} (not a number)"
            )
        return left, number
    if isinstance(left, str) and isinstance(right, int | float):
        number = _number_from_text(left)
        if number is None:
            raise FilterError(
                f"cannot compare {_describe(left)} (not a number) {op} {_describe(right)}"
            )
        return number, right
    raise FilterError(f"cannot compare {_describe(left)} {op} {_describe(right)}")


def _equal(left: object, right: object, op: str = "==") -> bool:
    if isinstance(left, tuple) or isinstance(right, tuple):
        if isinstance(left, tuple) and isinstance(right, tuple):
            return len(left) == len(right) and all(
                _loose_equal(a, b) for a, b in zip(left, right, strict=True)
            )
        raise FilterError(f"cannot compare {_describe(left)} with {_describe(right)}")
    if (
        (left is None) != (right is None)
        and not isinstance(left, str)
        and not isinstance(right, str)
    ):
        return False
    a, b = _coerce(left, right, op)
    return a == b


def _loose_equal(left: object, right: object) -> bool:
    """Equality for list membership: values that cannot be compared are simply unequal."""
    try:
        return _equal(left, right)
    except FilterError:
        return False


def _order(op: type[ast.cmpop], left: object, right: object) -> bool:
    text = _OPERATOR_TEXT[op]
    if isinstance(left, tuple) or isinstance(right, tuple) or left is None or right is None:
        raise FilterError(f"cannot compare {_describe(left)} {text} {_describe(right)}")
    a, b = _coerce(left, right, text)
    try:
        if op is ast.Lt:
            return bool(a < b)  # type: ignore[operator]
        if op is ast.LtE:
            return bool(a <= b)  # type: ignore[operator]
        if op is ast.Gt:
            return bool(a > b)  # type: ignore[operator]
        return bool(a >= b)  # type: ignore[operator]
    except TypeError as error:  # pragma: no cover - _coerce leaves comparable pairs
        raise FilterError(f"cannot compare {_describe(left)} {text} {_describe(right)}") from error


def _contains(item: object, container: object) -> bool:
    if isinstance(container, tuple):
        return any(_loose_equal(item, element) for element in container)
    if container is None:
        container = ""
    if isinstance(container, str):
        if item is None:
            item = ""
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise FilterError(f"cannot look for {_describe(item)} in {_describe(container)}")
        return str(item).casefold() in container.casefold()
    raise FilterError(f"'in' needs text or a list on its right, not {_describe(container)}")


def _compare(op: type[ast.cmpop], left: object, right: object) -> bool:
    if op is ast.Eq:
        return _equal(left, right)
    if op is ast.NotEq:
        return not _equal(left, right, "!=")
    if op is ast.In:
        return _contains(left, right)
    if op is ast.NotIn:
        return not _contains(left, right)
    return _order(op, left, right)


def _lookup(fields: _Fields, name: str) -> object:
    try:
        return _normalise(fields[name])
    except KeyError:
        pass
    lowered = name.lower()
    for key, value in fields.items():
        if isinstance(key, str) and key.lower() == lowered:
            return _normalise(value)
    if lowered in _LITERAL_NAMES:
        return _LITERAL_NAMES[lowered]
    return ""


class _Compiler:
    """Checks an expression tree against the allowed constructs and builds closures."""

    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, node: ast.AST | None, message: str) -> FilterError:
        where = ""
        column = getattr(node, "col_offset", None)
        if isinstance(column, int):
            where = f" (at column {column + 1})"
        return FilterError(f"invalid filter {_shown(self.source)}: {message}{where}")

    def test(self, node: ast.expr, depth: int) -> _Eval:
        """A node used as a condition: anything a value may be, plus ``field % "regex"``."""
        if depth > MAX_DEPTH:
            raise self.error(node, f"the expression is nested too deeply (over {MAX_DEPTH})")
        if isinstance(node, ast.BinOp):
            return self.regex(node)
        if isinstance(node, ast.BoolOp):
            parts = [self.test(value, depth + 1) for value in node.values]
            if isinstance(node.op, ast.And):
                return lambda fields: all(_truth(part(fields)) for part in parts)
            return lambda fields: any(_truth(part(fields)) for part in parts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            operand = self.test(node.operand, depth + 1)
            return lambda fields: not _truth(operand(fields))
        return self.value(node, depth)

    def regex(self, node: ast.BinOp) -> _Eval:
        if not isinstance(node.op, ast.Mod):
            raise self.error(node, "arithmetic is not allowed (only % for a regex search)")
        if not isinstance(node.left, ast.Name) or not (
            isinstance(node.right, ast.Constant) and isinstance(node.right.value, str)
        ):
            raise self.error(
                node, "% needs a field name on its left and a quoted regex on its right"
            )
        name = self.name(node.left)
        try:
            pattern = _compile_regex(node.right.value)
        except FilterError as error:
            raise self.error(node.right, str(error)) from None

        def search(fields: _Fields) -> bool:
            value = _lookup(fields, name)
            if value is None:
                value = ""
            texts = value if isinstance(value, tuple) else (value,)
            return any(pattern.search(str(text)[:MAX_SEARCHED]) is not None for text in texts)

        return search

    def name(self, node: ast.Name) -> str:
        if node.id.startswith("__"):
            raise self.error(node, f"the name {node.id!r} is not allowed")
        return node.id

    def constant(self, node: ast.expr) -> _Scalar:
        if isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.Not):
            if isinstance(node.op, ast.Invert):
                raise self.error(node, "the operator '~' is not allowed")
            inner = node.operand
            if (
                isinstance(inner, ast.Constant)
                and isinstance(inner.value, int | float)
                and not isinstance(inner.value, bool)
            ):
                return -inner.value if isinstance(node.op, ast.USub) else inner.value
            raise self.error(node, "a sign (- or +) only goes before a number")
        if isinstance(node, ast.Constant):
            value = node.value
            if value is None or isinstance(value, str | int | float | bool):
                return value
            raise self.error(node, f"the constant {value!r} is not allowed")
        raise self.error(node, "only constants are allowed here")

    def value(self, node: ast.expr, depth: int) -> _Eval:
        if depth > MAX_DEPTH:
            raise self.error(node, f"the expression is nested too deeply (over {MAX_DEPTH})")
        if isinstance(node, ast.Name):
            name = self.name(node)
            return lambda fields: _lookup(fields, name)
        if isinstance(node, ast.Constant | ast.UnaryOp) and not (
            isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)
        ):
            constant = self.constant(node)
            return lambda fields: constant
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = tuple(self.constant(element) for element in node.elts)
            return lambda fields: items
        if isinstance(node, ast.Compare):
            return self.compare(node, depth)
        if isinstance(node, ast.BoolOp | ast.UnaryOp):
            # a condition used as a value, e.g. (year > 2020) == True
            inner = self.test(node, depth + 1)
            return lambda fields: bool(inner(fields))
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Mod):
                raise self.error(node, "a regex test (%) cannot be compared with anything")
            raise self.error(node, "arithmetic is not allowed (only % for a regex search)")
        for kind, what in _FORBIDDEN.items():
            if isinstance(node, kind):
                raise self.error(node, f"{what} not allowed")
        raise self.error(node, f"{type(node).__name__} expressions are not allowed")

    def compare(self, node: ast.Compare, depth: int) -> _Eval:
        for op in node.ops:
            if type(op) not in _OPERATOR_TEXT:
                spelled = "'is'/'is not' (use == or !=)"
                if not isinstance(op, ast.Is | ast.IsNot):
                    spelled = type(op).__name__
                raise self.error(node, f"the comparison {spelled} is not allowed")
        operands = [self.value(operand, depth + 1) for operand in [node.left, *node.comparators]]
        ops = [type(op) for op in node.ops]

        def compare(fields: _Fields) -> bool:
            left = operands[0](fields)
            for op, operand in zip(ops, operands[1:], strict=True):
                right = operand(fields)
                if not _compare(op, left, right):
                    return False
                left = right
            return True

        return compare


def _regex_options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = MAX_REGEX_MEMORY
    options.log_errors = False  # RE2 would print to stderr; the error becomes a warning
    return options


def _compile_regex(source: str) -> re2._Regexp:
    """A case-insensitive RE2 pattern, or FilterError naming what RE2 does not support."""
    try:
        return re2.compile(source, _regex_options())
    except re2.error as error:
        reason = error.args[0] if error.args else error
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise FilterError(
            f"bad regular expression {source!r}: {reason} (RE2 syntax: no backreferences "
            "or lookaround; repetition counts up to 1000)"
        ) from None


def _truth(value: object) -> bool:
    """A bare field's truth: the false words and empty text are false, other text true."""
    if isinstance(value, str):
        return _bool_from_text(value) is not False
    return bool(value)


@dataclass(frozen=True)
class Filter:
    """A compiled filter; call it with an entry's fields to get True (keep) or False."""

    source: str
    _evaluate: _Eval | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._evaluate is None:
            object.__setattr__(self, "_evaluate", _compile(self.source))

    def __call__(self, fields: Mapping[str, object]) -> bool:
        """Evaluate on ``fields``; raises FilterError on a type problem."""
        evaluate = self._evaluate
        assert evaluate is not None
        try:
            return _truth(evaluate(fields))
        except FilterError as error:
            raise FilterError(f"filter {_shown(self.source)}: {error}") from None
        except Exception as error:  # defensive: never anything but FilterError
            raise FilterError(f"filter {_shown(self.source)} failed: {error}") from None


def _check_brackets(text: str) -> None:
    """Reject brackets nested deeper than MAX_DEPTH (the tree does not show redundant ones)."""
    depth = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type != tokenize.OP:
                continue
            if token.string in ("(", "[", "{"):
                depth += 1
                if depth > MAX_DEPTH:
                    break
            elif token.string in (")", "]", "}"):
                depth -= 1
    except (tokenize.TokenError, SyntaxError, ValueError):  # pragma: no cover - parsed before
        return
    if depth > MAX_DEPTH:
        raise FilterError(
            f"invalid filter {_shown(text)}: brackets are nested too deeply (over {MAX_DEPTH})"
        )


def _compile(source: str) -> _Eval:
    if not isinstance(source, str):
        raise FilterError(f"a filter must be text, not {type(source).__name__}")
    text = " ".join(source.split())  # options may span lines
    if not text:
        raise FilterError("the filter is empty")
    if len(text) > MAX_LENGTH:
        raise FilterError(f"the filter is too long ({len(text)} characters; at most {MAX_LENGTH})")
    compiler = _Compiler(text)
    try:
        with warnings.catch_warnings():
            # invalid escapes such as "\d" in a regex keep their backslash; no warning needed
            warnings.simplefilter("ignore")
            tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        where = f" (at column {error.offset})" if error.offset else ""
        raise FilterError(f"invalid filter {_shown(text)}: {error.msg}{where}") from None
    except (ValueError, RecursionError, MemoryError, OverflowError) as error:
        raise FilterError(f"invalid filter {_shown(text)}: {error}") from None
    _check_brackets(text)
    try:
        return compiler.test(tree.body, 1)
    except RecursionError:  # pragma: no cover - the depth limit comes first
        raise FilterError(
            f"invalid filter {_shown(text)}: the expression is nested too deeply"
        ) from None


def compile_filter(source: str) -> Filter:
    """Compile a filter expression, raising FilterError with a clear message when invalid."""
    return Filter(source)
