"""Excel workbooks: the XLSForm written the same to the byte, and an export read without trust.

Writing: openpyxl stamps a workbook with the time it was saved, twice (its properties and each
entry of the zip), so both are fixed here, and the entries are stored rather than compressed,
which no zlib version can change; a text that looks like a formula is written as text.

Reading: an `.xlsx` is a zip of XML, so a small file can unpack to gigabytes. Its unpacked size
is checked against a cap before openpyxl opens it (read-only, streaming one row at a time), and
rows and columns are capped while it is read; the sheet's own statement of its size is ignored,
since openpyxl would pad every row out to it. A cell holding a formula or an error is refused,
never evaluated: survey tools export values, and a formula's cached result can say anything.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from engine.errors import MAX_PROBLEMS, InputError, Problem

MIB = 1 << 20
UNPACKED = 64 * MIB  # far above any survey's export, far below what would exhaust memory
MAX_COLUMNS = 1024  # the form has about 130 fields; a tool adds a few dozen of its own
_SAVED = dt.datetime(1980, 1, 1)  # the zip format's first date, for every stamp
ZIP = b"PK\x03\x04"
OLD_EXCEL = b"\xd0\xcf\x11\xe0"


def workbook(sheets: dict[str, list[list[str]]]) -> bytes:
    """The sheets as an .xlsx file, the same bytes for the same sheets."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        _fill(book.create_sheet(title), rows)
    book.properties.creator = "ids-readiness"
    book.properties.created = book.properties.modified = _SAVED
    buffer = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED)).save()
    return _restamped(buffer.getvalue())


def _fill(sheet: Any, rows: list[list[str]]) -> None:
    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(row, start=1):
            if text:
                cell = sheet.cell(row=number, column=column, value=text)
                cell.data_type = "s"  # text, even where it starts with "="


def _restamped(data: bytes) -> bytes:
    """The zip with every entry dated `_SAVED` and marked as made on Unix, in the same order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=_SAVED.timetuple()[:6])
            fixed.create_system, fixed.external_attr = 3, 0o644 << 16
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()


def rows(data: bytes, shown: str, problems: list[Problem]) -> Iterator[list[str]]:
    """The first sheet's rows as text, one at a time; InputError if it is not a workbook we read.
    A formula or an error cell adds a problem (at most MAX_PROBLEMS, then one that counts the
    rest) and reads as blank."""
    book = _opened(data, shown)
    cells = _Cells(shown, problems)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # a sheet's stated size is the file's word: rows come as they are
        for number, row in enumerate(sheet.iter_rows(), 1):
            if len(row) > MAX_COLUMNS:
                raise _refused(shown, f"row {number} has more than {MAX_COLUMNS} columns")
            yield [cells.text(number, index, cell) for index, cell in enumerate(row, 1)]
    except InputError:
        raise
    except Exception as error:  # a damaged sheet shows only as it is read
        raise _unreadable(shown, error) from None
    finally:
        book.close()
    cells.finish()


def _unreadable(shown: str, error: Exception) -> InputError:
    return _refused(shown, f"not a workbook openpyxl can read ({type(error).__name__})")


def _opened(data: bytes, shown: str) -> Any:
    _check_archive(data, shown)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of styles and extensions it drops
            return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # any failure to parse untrusted bytes is the file's, not ours
        raise _unreadable(shown, error) from None


def _check_archive(data: bytes, shown: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise _refused(shown, "not a readable .xlsx file (the zip inside is damaged)") from None
    if not any(entry.filename == "xl/workbook.xml" for entry in entries):
        raise _refused(
            shown,
            "a zip archive, not a workbook: unzip it and import the CSV file inside "
            "(ODK Central's export is a .zip of CSV files)",
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > UNPACKED:
        raise _refused(
            shown,
            f"unpacks to {unpacked / MIB:.0f} MiB, over the {UNPACKED // MIB} MiB limit for a "
            "workbook of answers; export the answers as CSV",
        )


def _refused(shown: str, message: str) -> InputError:
    return InputError([Problem(shown, 1, 1, message)])


class _Cells:
    """Cells as text, with a problem for each formula or error (listing at most MAX_PROBLEMS)."""

    def __init__(self, shown: str, problems: list[Problem]) -> None:
        self.shown = shown
        self.problems = problems
        self.listed = 0
        self.unlisted = 0

    def text(self, row: int, column: int, cell: Any) -> str:
        kind = getattr(cell, "data_type", "n")
        if kind in ("f", "e"):
            self._refuse(row, column, kind, str(cell.value))
            return ""
        return _as_text(cell.value)

    def _refuse(self, row: int, column: int, kind: str, value: str) -> None:
        if self.listed >= MAX_PROBLEMS:
            self.unlisted += 1
            return
        self.listed += 1
        what = "a formula" if kind == "f" else f"an error value ({value[:20]})"
        message = (
            f"{what}, not an answer: survey tools export values, so this cell was edited in "
            "a spreadsheet; copy and paste it as values, or export the answers again"
        )
        self.problems.append(Problem(self.shown, row, column, message))

    def finish(self) -> None:
        if self.unlisted:
            message = f"{self.unlisted} more cells hold formulas or errors"
            self.problems.append(Problem(self.shown, 0, 0, message))


def _as_text(value: object) -> str:
    """A cell's value as the text a CSV export would hold for it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)
