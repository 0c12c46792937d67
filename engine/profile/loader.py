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
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import yaml
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from engine.errors import Collector, InputError, Problem
from engine.profile import quiet_mistakes
from engine.profile.composer import Composer, line_col
from engine.profile.limits import MIB, Limits
from engine.profile.positions import Node
from engine.profile.tabs import Tabs, read_as_spaces
from engine.profile.yaml_lines import position, split_lines
from engine.profile.yaml_mistakes import explain
from engine.runtime import collector

__all__ = [  # `Limits` lives in `limits` (the composer needs it too); callers find it here
    "Limits",
    "Loaded",
    "PurePythonParser",
    "load_file",
    "load_tolerant",
    "parse_text",
    "parse_tolerant",
    "read_regular",
    "read_text",
    "utf8_problem",
]


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


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


@dataclass(frozen=True)
class Loaded:
    """A tree read past the mistakes that need not stop the reading (a tab in the indentation,
    ` #` inside text), and those mistakes: to be reported with whatever validating it finds."""

    root: Node
    problems: list[Problem]
    unlisted: int = 0  # more of them, counted but not written out (see `errors.Collector`)


def load_file(path: Path, display: str | None = None, limits: Limits | None = None) -> Node:
    """Read and parse one file; raises InputError listing every problem found."""
    return _strict(load_tolerant(path, display, limits))


def load_tolerant(path: Path, display: str | None = None, limits: Limits | None = None) -> Loaded:
    """Read and parse one file, reading past the mistakes that hide nothing else; raises
    InputError for the others, with every problem found."""
    shown = display if display is not None else str(path)
    limits = limits or Limits()
    return parse_tolerant(read_text(path, shown, limits), shown, limits)


def read_text(path: Path, shown: str, limits: Limits | None = None) -> str:
    """A profile file's text, read within the limits and decoded as the loader reads it (for a
    command that edits the file and must know exactly what it read)."""
    return _decode(_read_bytes(path, shown, limits or Limits()), shown)


def parse_text(text: str, display: str, limits: Limits | None = None) -> Node:
    """Parse YAML text that is already decoded; raises InputError."""
    return _strict(parse_tolerant(text, display, limits))


def _strict(loaded: Loaded) -> Node:
    if loaded.problems:
        raise InputError(loaded.problems, loaded.unlisted)
    return loaded.root


class _Attempt(NamedTuple):
    """One reading of a text: the tree, or the parser error that stopped it."""

    text: str
    root: Node | None
    composer: Composer
    error: yaml.MarkedYAMLError | None
    tabs: Tabs | None


def parse_tolerant(text: str, display: str, limits: Limits | None = None) -> Loaded:
    """Parse decoded YAML text as `load_tolerant` does; raises InputError."""
    read = _read_past_tabs(text, display, limits or Limits())
    found = _problems(read, display)
    problems, unlisted = found.listed, found.unlisted.get(display, 0)
    if read.tabs is not None:
        problems = read.tabs.restore(problems)
        if read.root is not None:
            read.tabs.restore_tree(read.root)
    if read.error is not None or read.composer.problems:
        raise InputError(problems, unlisted)
    if read.root is None:
        raise InputError([Problem(display, 1, 1, "the file is empty; start from `readiness init`")])
    return Loaded(read.root, problems, unlisted)


def _read_past_tabs(text: str, display: str, limits: Limits) -> _Attempt:
    """When the parser stops at a tab, the text is read again with spaces for the tabs of its
    indentation (see `tabs`), so the problems after it come out in the same run."""
    read = _compose(text, display, limits)
    if read.error is None or not _at_tab(text, read.error):
        return read
    tabs = read_as_spaces(text, _reach)
    return read if tabs is None else _compose(tabs.text, display, limits, tabs)


def _problems(read: _Attempt, display: str) -> Collector:
    """Everything wrong with one reading, in columns of the text read."""
    found = Collector()
    found.extend(read.composer.problems)
    if read.error is not None:
        lines = split_lines(read.text)
        deep = read.composer.too_deep_ahead(read.text, read.error)
        found.extend([deep or explain(read.error, lines, read.composer.last_event, display)])
    if read.tabs is not None:
        read.tabs.report(found, display)
    needed = quiet_mistakes.checks(read.text) if read.error is None else []
    if needed:
        with collector.paused():
            events = _events(read.text)
            quiet_mistakes.find(split_lines(read.text), events, display, found, needed)
    return found


def _compose(text: str, shown: str, limits: Limits, tabs: Tabs | None = None) -> _Attempt:
    composer = Composer(shown, limits)
    try:
        with collector.paused():  # a tree has no cycles: the collector's passes are pure cost
            return _Attempt(text, composer.compose(_Parser(text)), composer, None, tabs)
    except yaml.MarkedYAMLError as error:
        return _Attempt(text, None, composer, error, tabs)
    except yaml.YAMLError as error:  # pragma: no cover - every parser error carries a mark
        raise InputError([Problem(shown, 1, 1, f"not valid YAML: {error}")]) from None


def _at_tab(text: str, error: yaml.MarkedYAMLError) -> bool:
    mark = error.problem_mark  # both parsers count `index` in characters of the text
    return mark is not None and text[mark.index : mark.index + 1] == "\t"


def _events(text: str) -> Iterator[Any]:
    """The parser's events for a text it has read cleanly once already."""
    parser = _Parser(text)
    while (event := parser.get_event()) is not None:
        yield event


def _reach(text: str) -> tuple[int, int]:
    """Where the parser stops reading `text` (1-based), or a line past the end."""
    parser = _Parser(text)
    read_all = getattr(parser, "raw_parse", None)  # libyaml's: no event objects, 3 times faster
    try:
        with collector.paused():
            if read_all is not None:
                read_all()
            else:
                while parser.get_event() is not None:
                    pass
    except yaml.MarkedYAMLError as error:
        return position(error.problem_mark or error.context_mark)
    except yaml.YAMLError:  # pragma: no cover - every parser error carries a mark
        return (0, 0)
    return (sys.maxsize, 0)


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
