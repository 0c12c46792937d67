"""`survey import`: answer files in, the profile's change out, as the CLI and the workspace run it.

Every file is read and every row checked before anything else happens, so the planner sees all
the problems at once; any problem stops the import with nothing written. The rows are then
grouped by the stakeholder they name (a stakeholder of the profile, compared as a reader sees
names), aggregated, and written into the profile's text, which must read back as imported.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from engine.errors import Collector, InputError, Problem
from engine.profile.models import Profile
from engine.profile.models.vocab import ELEMENT_TITLES, ELEMENTS
from engine.survey.aggregate import Aggregate, aggregate
from engine.survey.apply import applied, read_back, unified_diff
from engine.survey.provenance import Provenance
from engine.survey.responses import Response, check_row
from engine.survey.stakeholders import Stakeholder, at_risk, find, refusal, unknown
from engine.survey.table import MIB, Row, Table, read_table
from engine.workflows.atomic import write_atomic


@dataclass(frozen=True)
class Comment:
    """A respondent's own words: shown to the planner, never written to the profile."""

    stakeholder: str
    about: str  # an element's title, or "Overall"
    text: str


@dataclass
class ImportResult:
    """What an import would change, and what the planner should know about it."""

    before: str
    after: str
    aggregates: list[Aggregate]
    notes: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)

    def diff(self, shown: str) -> str:
        return unified_diff(self.before, self.after, shown)

    def summaries(self) -> list[str]:
        """One line per stakeholder: how many answered."""
        lines = []
        for found in self.aggregates:
            record = found.record
            responses = record.responses or 0
            noun = "response" if responses == 1 else "responses"
            lines.append(
                f"{found.stakeholder}: {responses} {noun}, {record.ranked_by} ranked the elements"
            )
        return lines


def read_tables(paths: Iterable[Path], max_bytes: int = MIB) -> list[Table]:
    """Every answer file, read, each with its problems (a file given twice has one)."""
    tables: list[Table] = []
    seen: set[str] = set()
    for path in paths:
        shown, real = str(path), os.path.realpath(path)
        if real in seen:
            problem = Problem(shown, 0, 0, "given twice; each file counts once")
            tables.append(Table(shown, problems=[problem]))
            continue
        seen.add(real)
        tables.append(read_table(path, shown, max_bytes))
    return tables


@dataclass
class _Grouping:
    """Responses by the stakeholder's name as the profile writes it (only `only`'s, when given),
    notes on what was left out, and every problem found on the way."""

    profile: Profile
    only: str | None
    groups: dict[str, list[Response]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    problems: Collector = field(default_factory=Collector)
    found: dict[str, Stakeholder | None] = field(default_factory=dict)  # by name as written
    provenance: Provenance = field(init=False)

    def __post_init__(self) -> None:
        self.provenance = Provenance(self.profile)

    def table(self, table: Table) -> None:
        if table.ignored:
            left_out = ", ".join(table.ignored)
            self.notes.append(f"{table.path}: columns not in the survey, left out: {left_out}")
        self.problems.extend(table.problems)
        if not table.rows and not table.problems:
            self.problems.extend([Problem(table.path, 0, 0, "holds no answers, only a header")])
        for row in table.rows:
            self.row(row)

    def row(self, row: Row) -> None:
        if self.provenance.duplicate(row):
            return
        before = self.problems.count
        response = check_row(row, self.problems)
        if not response.stakeholder:
            return
        found = self._found(response.stakeholder)
        message = self._refusal(response.stakeholder, found)
        if message is not None:
            self.problems.add(row.path, row.number, response.stakeholder_column, message)
        if found is None or message is not None:
            return
        for column, problem in self.provenance.problems(row, found):
            self.problems.add(row.path, row.number, column, partial(str, problem))
        if self.problems.count > before:
            return  # its problems are listed; it is not aggregated
        if not _answered(response):
            self.notes.append(f"{row.path}:{row.number}: no question answered; not counted")
        else:
            self.groups.setdefault(found.name, []).append(response)

    def _found(self, name: str) -> Stakeholder | None:
        """The stakeholder a row names; many rows name one, so each name is looked up once."""
        if name not in self.found:
            self.found[name] = find(self.profile, name)
        return self.found[name]

    def _refusal(self, name: str, found: Stakeholder | None) -> Callable[[], str] | None:
        """Why the row's stakeholder is refused (unknown, or not `only`), as a message to write."""
        if found is None:
            return partial(_unknown_stakeholder, self.profile, name)
        if self.only is not None and found.name != self.only:
            return partial(_not_this_stakeholder, found.name, self.only)
        return None


def _unknown_stakeholder(profile: Profile, name: str) -> str:
    return f"stakeholder: {unknown(profile, name)}"


def _not_this_stakeholder(found: str, only: str) -> str:
    return f"stakeholder: this row answers for '{found}', not '{only}'"


def _answered(response: Response) -> bool:
    return bool(
        response.ranks
        or response.trust
        or response.expectations
        or response.improved
        or response.concerns
        or response.comment
    )


def _comments(stakeholder: str, responses: list[Response]) -> list[Comment]:
    """Sorted by element, then text: the order says nothing about who wrote what."""
    found = [
        Comment(stakeholder, ELEMENT_TITLES[element], text)
        for element in ELEMENTS
        for text in sorted(r.concerns[element] for r in responses if element in r.concerns)
    ]
    overall = sorted(r.comment for r in responses if r.comment)
    return found + [Comment(stakeholder, "Overall", text) for text in overall]


def import_answers(
    text: str,
    profile: Profile,
    shown: str,
    tables: list[Table],
    *,
    today: dt.date,
    keep_respondents: bool = False,
    only: str | None = None,
) -> ImportResult:
    """The profile text with the answers imported; InputError with every problem found. With
    `only` (a stakeholder's name as the profile writes it), rows for anyone else are problems."""
    grouping = _Grouping(profile, only)
    for table in tables:
        grouping.table(table)
    if grouping.problems.count:
        raise grouping.problems.error()
    groups, notes = grouping.groups, grouping.notes + grouping.provenance.notes()
    if not groups:
        raise InputError([Problem(shown, 0, 0, "no answers to import: no row answers a question")])
    if keep_respondents:
        refused = [name for name in groups if at_risk(profile, name)]
        if refused:
            raise InputError(
                [Problem(shown, 0, 0, refusal(n, "--keep-respondents")) for n in refused]
            )
    aggregates = [aggregate(name, rows, today, keep_respondents) for name, rows in groups.items()]
    after = applied(text, profile, aggregates)
    read_back(after, shown, aggregates)
    comments = [c for name, rows in groups.items() for c in _comments(name, rows)]
    return ImportResult(text, after, aggregates, notes, comments)


class ChangedMeanwhileError(Exception):
    """The profile changed on disk after it was read: writing would lose someone's edit."""


def write_profile(path: Path, read_as: str, updated: str) -> None:
    """Put `updated` in place of the profile, which must still hold `read_as`; atomically."""
    try:
        now = path.read_bytes().decode("utf-8", "replace")
    except OSError as error:
        raise ChangedMeanwhileError(f"cannot read it again: {error.strerror}") from None
    if now.removeprefix("\ufeff") != read_as:
        raise ChangedMeanwhileError("it changed since the import read it; run the import again")
    write_atomic(path, updated)
