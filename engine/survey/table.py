"""Reading a CSV of survey answers as a spreadsheet wrote it: safely, and with every problem.

The files come from anyone: a respondent's saved answers, or a team's survey tool, often through
Excel. So this reads what such files hold (a UTF-8 byte order mark, `;` or tab separators where a
locale uses the comma for decimals, Excel's quoting with doubled quotes and line breaks inside a
cell, UTF-16 "Unicode text" exports, blank rows, columns of their own such as a timestamp) and
refuses the rest with one problem each. Rows and columns are numbered as a spreadsheet shows
them: the header is row 1, the first column is column 1.

Bounded: the file's size is capped before it is read (`read_regular`), the csv module reads it
once, and each cell is held once.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import InputError, Problem
from engine.profile.loader import read_regular, utf8_problem
from engine.profile.suggestions import closest
from engine.survey.questions import OPTIONAL, PER_ELEMENT, columns

MIB = 1 << 20
SEPARATORS = (",", ";", "\t")
KNOWN = frozenset(columns())
_OURS = (*(f"{kind}_" for kind in PER_ELEMENT), "better_able", "stakeholder", "respondent")


@dataclass(frozen=True)
class Row:
    """One respondent's row: the text of each known column it fills in (blank cells are left
    out, so a row costs what its answers do), and the file's column numbers (shared)."""

    path: str
    number: int
    texts: dict[str, str]
    columns: Mapping[str, int]  # known column -> 1-based column number, one map per file

    def cell(self, name: str) -> tuple[str, int]:
        """A column's text ("" when blank) and its column number (0 when the file lacks it)."""
        return self.texts.get(name, ""), self.columns.get(name, 0)


@dataclass
class Table:
    """The rows of one file, what was left out of it, and its problems: a file that cannot be
    read has no rows; one with a bad header still has its rows read, so that every problem of
    every file is found in one run."""

    path: str
    rows: list[Row] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # columns that are not ours
    blank_rows: int = 0
    problems: list[Problem] = field(default_factory=list)


def _too_big(size: int, limit: int) -> str:
    return (
        f"the file is {size / MIB:.1f} MiB, over the {limit / MIB:.1f} MiB limit for survey "
        "answers (raise it with --max-bytes if these really are answers)"
    )


def read_table(path: Path, shown: str, max_bytes: int = MIB) -> Table:
    """Read one CSV file of answers, with its problems (see `Table`)."""
    try:
        return parse_table(read_regular(path, shown, max_bytes, _too_big), shown)
    except InputError as error:
        return Table(shown, problems=error.problems)


def parse_table(data: bytes, shown: str) -> Table:
    """Read CSV bytes (from a file or an upload), with their problems (see `Table`)."""
    try:
        text = _decode(data, shown)
    except InputError as error:
        return Table(shown, problems=error.problems)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text), strict=True)
    parsed = _Parsed(Table(shown))
    try:
        parsed.header([name.strip().lower() for name in next(reader, [])])
        for number, cells in enumerate(reader, start=2):
            parsed.row(number, cells)
    except csv.Error as error:
        parsed.problem(reader.line_num or 1, 1, f"not readable as CSV: {error}")
    return parsed.table


def _decode(data: bytes, shown: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError([Problem(shown, 1, 1, "not valid UTF-16 text")]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        problem = utf8_problem(data, error, shown)
        message = f"{problem.message} (in Excel: Save As, CSV UTF-8)"
        raise InputError([Problem(shown, problem.line, problem.column, message)]) from None
    if "\x00" in text:
        raise InputError([Problem(shown, 1, 1, "the file holds NUL bytes: it is not CSV text")])
    return text.removeprefix("\ufeff")


def _separator(text: str) -> str:
    """The separator that makes the most of the header's names ours (a comma on a tie)."""
    first = text.split("\n", 1)[0].rstrip("\r")

    def known(separator: str) -> int:
        try:
            names = next(csv.reader([first], delimiter=separator), [])
        except csv.Error:
            return 0
        return sum(name.strip().lower() in KNOWN for name in names)

    return max(SEPARATORS, key=known)


@dataclass
class _Parsed:
    """A table as it is read: the header's columns, and the problems found so far."""

    table: Table
    names: list[str] = field(default_factory=list)
    where: dict[str, int] = field(default_factory=dict)  # known column -> 0-based position
    numbers: dict[str, int] = field(default_factory=dict)  # known column -> 1-based number

    def problem(self, row: int, column: int, message: str) -> None:
        self.table.problems.append(Problem(self.table.path, row, column, message))

    def header(self, names: list[str]) -> None:
        self.names = names
        for index, name in enumerate(names):
            if name in self.where:
                message = f"column '{name}' appears twice (also column {self.where[name] + 1})"
                self.problem(1, index + 1, message)
            elif name in KNOWN:
                self.where[name] = index
            elif name.startswith(_OURS) or closest(name, KNOWN):
                guess = closest(name, KNOWN)
                suggestion = f" (did you mean '{guess}'?)" if guess else ""
                self.problem(1, index + 1, f"'{name}' is not a column of the survey{suggestion}")
            elif name:
                self.table.ignored.append(name)
        self.numbers = {name: index + 1 for name, index in self.where.items()}
        for name in columns():
            if name not in self.where and name not in OPTIONAL:
                message = (
                    f"column '{name}' is missing; the header needs every column of the template"
                )
                self.problem(1, len(names) + 1, message)

    def row(self, number: int, cells: list[str]) -> None:
        if not any(cell.strip() for cell in cells):
            self.table.blank_rows += 1
            return
        beyond = [i for i in range(len(self.names), len(cells)) if cells[i].strip()]
        if beyond:
            message = (
                f"a value beyond the header's {len(self.names)} columns; is a separator missing?"
            )
            self.problem(number, beyond[0] + 1, message)
            return
        texts = {n: cells[i] for n, i in self.where.items() if i < len(cells) and cells[i]}
        self.table.rows.append(Row(self.table.path, number, texts, self.numbers))
