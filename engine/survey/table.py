"""Reading a CSV of survey answers as a spreadsheet wrote it: safely, and with every problem.

The files come from anyone: a respondent's saved answers, or a team's survey tool, often through
Excel. So this reads what such files hold (a UTF-8 byte order mark, `;` or tab separators where a
locale uses the comma for decimals, Excel's quoting with doubled quotes and line breaks inside a
cell, UTF-16 "Unicode text" exports, blank rows, columns of their own such as a timestamp) and
refuses the rest with one problem each. Rows and columns are numbered as a spreadsheet shows
them: the header is row 1, the first column is column 1.

It reads the exports of ODK Central, ODK Briefcase and KoboToolbox too, as CSV or `.xlsx`
(`engine.survey.exports` knows their columns, `engine.survey.xlsx` their workbooks), keeping
each submission's instance id and form version for the import to check.

Bounded: the file's size is capped before it is read (`read_regular`), the csv module reads it
once, each cell is held once, and past `MAX_ROWS` rows the file is refused: one stakeholder
group's answers are a few hundred rows, and a file far larger is a mistake or an attack, which
would otherwise cost seconds and memory per ten thousand rows before saying so.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import InputError, Problem
from engine.profile.loader import read_regular, utf8_problem
from engine.profile.suggestions import closest
from engine.survey import exports
from engine.survey.questions import OPTIONAL, PER_ELEMENT, columns

MIB = 1 << 20
MAX_ROWS = 10_000
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
    ignored: list[str] = field(default_factory=list)  # columns not ours that hold something
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
    """Read CSV or .xlsx bytes (from a file or an upload), with their problems (see `Table`)."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        message = "an old Excel .xls workbook: export the answers as .xlsx or CSV instead"
        return Table(shown, problems=[Problem(shown, 1, 1, message)])
    if data.startswith(b"PK\x03\x04"):
        return _parse_workbook(data, shown)
    try:
        text = _decode(data, shown)
    except InputError as error:
        return Table(shown, problems=error.problems)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text), strict=True)
    parsed = _Parsed(Table(shown))
    try:
        parsed.read(reader)
    except csv.Error as error:
        parsed.problem(reader.line_num or 1, 1, f"not readable as CSV: {error}")
    return parsed.table


def _parse_workbook(data: bytes, shown: str) -> Table:
    from engine.survey.xlsx import rows  # noqa: PLC0415 - openpyxl loads only for a workbook

    parsed = _Parsed(Table(shown))
    try:
        parsed.read(rows(data, shown, parsed.table.problems))
    except InputError as error:
        return Table(shown, problems=error.problems)
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
    """The separator that makes the most of the header's names ours (a comma on a tie). The
    header is read as a record, since a label in a quoted header may hold line breaks."""

    def known(separator: str) -> int:
        try:
            names = next(csv.reader(io.StringIO(text, newline=""), delimiter=separator), [])
        except csv.Error:
            return 0
        return sum(exports.header(name).kind != "other" for name in names)

    return max(SEPARATORS, key=known)


@dataclass
class _Parsed:
    """A table as it is read: the header's columns, and the problems found so far."""

    table: Table
    names: list[str] = field(default_factory=list)
    where: dict[str, int] = field(default_factory=dict)  # known column -> 0-based position
    numbers: dict[str, int] = field(default_factory=dict)  # known column -> 1-based number
    others: dict[int, str] = field(default_factory=dict)  # someone else's columns, by position
    used: set[int] = field(default_factory=set)  # those of them that hold something

    def problem(self, row: int, column: int, message: str) -> None:
        self.table.problems.append(Problem(self.table.path, row, column, message))

    def read(self, rows: Iterable[list[str]]) -> None:
        """The header, then each row up to MAX_ROWS; past it, one problem and no more reading."""
        found = iter(rows)
        self.header(next(found, []))
        for number, cells in enumerate(found, start=2):
            if number > MAX_ROWS + 1:
                message = (
                    f"more than {MAX_ROWS:,} rows: far more than one group's answers; "
                    "import them in files of fewer rows"
                )
                self.problem(number, 1, message)
                return
            self.row(number, cells)
        self.table.ignored = [name for i, name in self.others.items() if i in self.used]

    def header(self, names: list[str]) -> None:
        self.names = names
        for index, raw in enumerate(names):
            self.column(index, raw)
        self.numbers = {name: index + 1 for name, index in self.where.items()}
        for name in columns():
            if name not in self.where and name not in OPTIONAL:
                message = (
                    f"column '{name}' is missing; the header needs every column of the template"
                )
                self.problem(1, len(names) + 1, message)

    def column(self, index: int, raw: str) -> None:
        """One header cell: ours (or kept to check), the tool's own, or someone else's."""
        found = exports.header(raw)
        if found.kind in ("answer", "kept") and found.name in self.where:
            message = (
                f"column '{found.name}' appears twice (also column {self.where[found.name] + 1})"
            )
            self.problem(1, index + 1, message)
        elif found.kind in ("answer", "kept"):
            self.where[found.name] = index
        elif found.kind == "other" and (found.last.startswith(_OURS) or closest(found.last, KNOWN)):
            guess = closest(found.last, KNOWN)
            suggestion = f" (did you mean '{guess}'?)" if guess else ""
            self.problem(1, index + 1, f"'{found.name}' is not a column of the survey{suggestion}")
        elif found.kind == "other" and found.name:
            self.others[index] = found.name

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
        self.used.update(i for i in self.others if i < len(cells) and cells[i].strip())
        self.table.rows.append(Row(self.table.path, number, texts, self.numbers))
