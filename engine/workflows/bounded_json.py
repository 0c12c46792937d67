"""Reading a saved assessment's JSON within bounds: the file is anyone's, and `readiness diff`
reads it.

`json.load(open(path))` reads a file whole whatever its size, waits forever on a named pipe,
recurses once per nesting level (so deep nesting ends in an internal error), hands a 5,000-digit
number to `int` (an internal error from Python 3.11), and returns lone surrogates (`"\\ud800"`)
that no output can encode later. Here each is refused with one line, before the data is used:
- the size, by `fstat` and again by reading at most limit + 1 bytes (a file can grow, and files
  such as those in /proc report no size);
- anything but a regular file, opened without blocking and checked by `fstat`;
- nesting deeper than MAX_DEPTH and more than MAX_VALUES values, counted on the bytes before
  anything is built (4 MiB of `[],` would otherwise become 1.4 million lists, over 200 MB);
- integers longer than MAX_DIGITS digits, NaN and Infinity;
- lone surrogate escapes, each with its line and column.
The work is linear in the file: one decode, regular-expression scans, and one parse in C.
"""

from __future__ import annotations

import json
import re
from array import array
from itertools import accumulate
from pathlib import Path
from typing import Any

from engine.errors import InputError, Problem
from engine.profile.composer import line_col
from engine.profile.loader import read_regular, utf8_problem

MIB = 1 << 20
MAX_DEPTH = 64
MAX_DIGITS = 20
MAX_VALUES = 200_000  # as many as a profile may hold nodes; a real assessment holds far fewer
MAX_SHOWN = 20  # problems of one kind listed before the rest are only counted

_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_STRINGS = re.compile(_STRING)
_NOT_STRUCTURE = re.compile(r"[^\[\]{},]+")
_STEP = str.maketrans({"[": "\x01", "{": "\x01", "]": "\xff", "}": "\xff"})
_LONG_INTEGER = re.compile(rf"{_STRING}|(-?\d{{{MAX_DIGITS + 1},}})")
_CONSTANT = re.compile(rf"{_STRING}|(NaN|-?Infinity)")
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_ESCAPE = re.compile(
    r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|(u[dD][89a-fA-F][0-9a-fA-F]{2})|.)"
)
TOO_DEEP = f"nested deeper than {MAX_DEPTH} levels; a saved assessment is not"
TOO_MANY = f"holds more than {MAX_VALUES:,} values; a saved assessment holds far fewer"


class _RefusedValueError(ValueError):
    """A value the parser met that no saved assessment holds; `token` finds where it is."""

    def __init__(self, message: str, token: re.Pattern[str]) -> None:
        super().__init__(message)
        self.message, self.token = message, token


def read_json(path: Path, shown: str, limit: int) -> Any:
    """The parsed JSON in `path`, at most `limit` bytes of it, or InputError."""
    data = _read(path, shown, limit)
    text = _decode(data, shown)
    value = _parse(text, shown)
    problems = _lone_surrogates(text, shown) if _SURROGATE.search(text) else []
    if problems:
        raise InputError(problems)
    return value


def _read(path: Path, shown: str, limit: int) -> bytes:
    return read_regular(path, shown, limit, _too_big)


def _too_big(size: int, limit: int) -> str:
    found = f"{size / MIB:.1f} MiB"
    return f"the file is {found}, over the {limit / MIB:.1f} MiB limit for a saved assessment"


def _decode(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise InputError([utf8_problem(data, error, shown)]) from None


def _parse(text: str, shown: str) -> Any:
    depth, values = _shape(text)
    if depth > MAX_DEPTH or values > MAX_VALUES:
        raise InputError([Problem(shown, 0, 0, TOO_DEEP if depth > MAX_DEPTH else TOO_MANY)])
    try:
        return json.loads(text, parse_int=_integer, parse_constant=_constant)
    except RecursionError:  # pragma: no cover - _shape bounds the depth the parser meets
        raise InputError([Problem(shown, 0, 0, TOO_DEEP)]) from None
    except json.JSONDecodeError as error:
        problem = Problem(shown, error.lineno, error.colno, f"not valid JSON: {error.msg}")
        raise InputError([problem]) from None
    except _RefusedValueError as error:
        line, column = line_col(text[: _first_token(text, error.token)])
        raise InputError([Problem(shown, line, column, error.message)]) from None


def _shape(text: str) -> tuple[int, int]:
    """(deepest nesting, number of values), counted in C on the text with its strings removed:
    brackets as +1 / -1 steps summed, values as the arrays, objects and commas between items.
    In a broken file a string left open counts its brackets too, which errs on refusing."""
    skeleton = _NOT_STRUCTURE.sub("", _STRINGS.sub("", text))
    values = skeleton.count(",") + skeleton.count("[") + skeleton.count("{")
    steps = array("b", skeleton.replace(",", "").translate(_STEP).encode("latin-1"))
    return max(accumulate(steps), default=0), values


def _integer(digits: str) -> int:
    count = len(digits.lstrip("-"))
    if count > MAX_DIGITS:
        message = f"a number with {count} digits; a saved assessment has none over {MAX_DIGITS}"
        raise _RefusedValueError(message, _LONG_INTEGER)
    return int(digits)


def _constant(name: str) -> float:
    raise _RefusedValueError(f"not valid JSON: {name.lstrip('-')} is not a JSON number", _CONSTANT)


def _first_token(text: str, token: re.Pattern[str]) -> int:
    """Where the first match of `token`'s group lies outside strings (error path only)."""
    return next((m.start(1) for m in token.finditer(text) if m.group(1)), 0)


def _lone_surrogates(text: str, shown: str) -> list[Problem]:
    """Every `\\ud800` to `\\udfff` escape that is not half of a pair, with its line and column."""
    offsets = [
        literal.start() + escape.start()
        for literal in _STRINGS.finditer(text)
        if _SURROGATE.search(literal.group())
        for escape in _ESCAPE.finditer(literal.group())
        if escape.group(1)
    ]
    problems = []
    for offset in offsets[:MAX_SHOWN]:
        line, column = line_col(text[:offset])
        escape = text[offset : offset + 6]
        message = f"a lone surrogate escape ({escape}) stands for no character; remove it"
        problems.append(Problem(shown, line, column, message))
    if len(offsets) > MAX_SHOWN:
        message = f"{len(offsets)} lone surrogate escapes; the first {MAX_SHOWN} follow"
        problems.append(Problem(shown, 0, 0, message))
    return problems
