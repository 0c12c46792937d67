"""Safe YAML reading: bytes on disk to a positioned tree, or a list of problems.

Why our own composer on top of PyYAML's event parser rather than `yaml.safe_load`:
- positions: every key and value keeps its line and column for error messages and evidence;
- no implicit typing: YAML 1.1 turns `NO` into False and `0123` into 123, so scalars stay text here
  and the models decide what a value means (a yes/no question accepts `yes` and `true`, a text
  answer keeps `NO`);
- limits enforced while reading: size, nesting depth, aliases and alias expansion, so that a hostile
  or broken file is refused quickly and in bounded memory;
- one document per file, no duplicate keys, no tags beyond the plain YAML types.
Nothing here ever constructs Python objects from tags, so there is no unsafe loading to opt out of.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import yaml
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from engine.errors import InputError, Problem
from engine.profile.composer import Composer, line_col
from engine.profile.positions import Node
from engine.runtime import collector


class PurePythonParser(Reader, Scanner, Parser):
    """PyYAML's own parser, used where PyYAML was built without libyaml (and by the tests)."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


try:  # libyaml's parser is several times faster; the pure-Python one behaves the same.
    from yaml import _yaml

    _Parser: Any = _yaml.CParser
except (ImportError, AttributeError):  # pragma: no cover - depends on how PyYAML was built
    _Parser = PurePythonParser


MIB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Bounds on what a single file may cost to read."""

    max_bytes: int = MIB
    max_depth: int = 64
    max_aliases: int = 200
    # The largest example holds about 630 values; a profile of 100,000 would be a hundred
    # engagements in one file. The bound keeps a 1 MiB flood within 100 MiB of memory.
    max_nodes: int = 100_000


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def load_file(path: Path, display: str | None = None, limits: Limits | None = None) -> Node:
    """Read and parse one file; raises InputError listing every problem found."""
    shown = display if display is not None else str(path)
    limits = limits or Limits()
    return parse_text(read_text(path, shown, limits), shown, limits)


def read_text(path: Path, shown: str, limits: Limits | None = None) -> str:
    """A profile file's text, read within the limits and decoded as the loader reads it (for a
    command that edits the file and must know exactly what it read)."""
    return _decode(_read_bytes(path, shown, limits or Limits()), shown)


def parse_text(text: str, display: str, limits: Limits | None = None) -> Node:
    """Parse YAML text that is already decoded; raises InputError."""
    composer = Composer(display, limits or Limits())
    try:
        with collector.paused():  # a tree has no cycles: the collector's passes are pure cost
            root = composer.compose(_Parser(text))
    except yaml.MarkedYAMLError as error:
        problem = composer.too_deep_ahead(text, error) or _syntax_problem(error, text, display)
        raise InputError([problem]) from None
    except yaml.YAMLError as error:  # pragma: no cover - every parser error carries a mark
        raise InputError([Problem(display, 1, 1, f"not valid YAML: {error}")]) from None
    if composer.problems:
        raise InputError(composer.problems)
    if root is None:
        raise InputError([Problem(display, 1, 1, "the file is empty; start from `readiness init`")])
    return root


def _read_bytes(path: Path, shown: str, limits: Limits) -> bytes:
    return read_regular(path, shown, limits.max_bytes, _too_big)


_KINDS = {
    stat.S_ISFIFO: "a named pipe",
    stat.S_ISCHR: "a character device",
    stat.S_ISBLK: "a block device",
    stat.S_ISSOCK: "a socket",
}


def read_regular(path: Path, shown: str, limit: int, too_big: Callable[[int, int], str]) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputError otherwise.

    Opened without blocking and checked after opening (not before, which would race), so a FIFO
    or a device named like an input is refused instead of hanging the run or reading forever.
    Profiles and saved assessments are both read here; `too_big(size, limit)` says which limit.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise _unreadable(shown, "no such file") from None
    except IsADirectoryError:
        raise _unreadable(shown, "is a folder, not a file") from None
    except OSError as error:
        raise _unreadable(shown, f"cannot read the file: {error.strerror}") from None
    with os.fdopen(descriptor, "rb") as handle:
        return _read_open(handle, shown, limit, too_big)


def _read_open(
    handle: BinaryIO, shown: str, limit: int, too_big: Callable[[int, int], str]
) -> bytes:
    status = os.fstat(handle.fileno())
    if stat.S_ISDIR(status.st_mode):
        raise _unreadable(shown, "is a folder, not a file")
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in _KINDS.items() if test(status.st_mode)), "special")
        raise _unreadable(shown, f"is not a regular file ({kind}); not read")
    if status.st_size > limit:
        raise _unreadable(shown, too_big(status.st_size, limit))
    try:
        data = handle.read(status.st_size + 1)
    except OSError as error:
        raise _unreadable(shown, f"cannot read the file: {error.strerror}") from None
    if len(data) > status.st_size:
        raise _unreadable(shown, "the file changed while it was being read; run again")
    return data


def _unreadable(shown: str, message: str) -> InputError:
    """A problem with the file as a whole, pinned to its start so every tool can place it."""
    return InputError([Problem(shown, 1, 1, message)])


def utf8_problem(data: bytes, error: UnicodeDecodeError, shown: str) -> Problem:
    """Where a file stops being UTF-8, at the line and column an editor shows."""
    line, column = line_col(data[: error.start].decode("utf-8", "replace"))
    message = f"byte 0x{data[error.start]:02x} is not valid UTF-8; save the file as UTF-8 text"
    return Problem(shown, line, column, message)


def _too_big(size: int, limit: int) -> str:
    return (
        f"the file is {size / MIB:.1f} MiB, over the {limit / MIB:.1f} MiB limit for a profile "
        "(raise it with --max-bytes if this is really a profile)"
    )


_SEPARATORS = re.compile("[\x85\u2028\u2029]")
_SEPARATOR_NAMES = {
    "\x85": "next line",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}


def _decode(data: bytes, shown: str) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            message = f"the file is encoded as {name}; save it as UTF-8"
            raise InputError([Problem(shown, 1, 1, message)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError([utf8_problem(data, error, shown)]) from None
    separator = _SEPARATORS.search(text)
    if separator is not None:
        line, column = line_col(text[: separator.start()])
        char = separator.group()
        message = (
            f"the file contains U+{ord(char):04X} ({_SEPARATOR_NAMES[char]}): "
            "editors show no line break there but YAML counts one, so every line number after "
            "it would be wrong; replace it with a newline or a space"
        )
        raise InputError([Problem(shown, line, column, message)])
    if "\x00" in text:
        line, column = line_col(text[: text.index("\x00")])
        message = (
            "the file contains a NUL byte: it looks binary, or UTF-16 without a byte order mark"
        )
        raise InputError([Problem(shown, line, column, message)])
    return text.removeprefix("\ufeff")


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, shown: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    offending = _char_at(text, line, column)
    if offending == "\t":
        message = "a tab character is used for indentation; YAML needs spaces"
    else:
        detail = error.problem or "syntax error"
        context = f" {error.context}" if error.context else ""
        message = f"not valid YAML: {detail}{context}"
    return Problem(shown, line, column, message)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""
