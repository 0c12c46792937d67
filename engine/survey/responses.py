"""Each row of answers checked, into one respondent's `Response`, or a problem per bad cell.

A closed answer is read exactly as the profile reads the same answer (the profile's own
vocabulary types), so `High`, `TRUE` and ` yes ` mean what they mean in a profile. A blank cell is
a question left unanswered, never a "no". Ranks must be whole places from 1 to 10, each given
once, from 1 without gaps: a respondent who ranks only their top three gives 1, 2 and 3.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

from pydantic import TypeAdapter, ValidationError

from engine.errors import Collector
from engine.profile.models.vocab import ELEMENTS, MAX_TEXT, Improved, Met, Trust
from engine.profile.suggestions import hint
from engine.survey import questions as q
from engine.survey.labels import code_for
from engine.survey.table import Row

NAME_LIMIT = 200
# A spreadsheet runs text starting with these as a formula; the survey page and careful teams
# write an apostrophe before them, which is not part of the answer.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Response:
    """One respondent's answers (blank questions absent), and where the row is."""

    path: str
    row: int
    stakeholder: str
    stakeholder_column: int
    respondent: str | None = None
    ranks: dict[str, int] = field(default_factory=dict)  # element -> place
    trust: dict[str, str] = field(default_factory=dict)
    expectations: dict[str, str] = field(default_factory=dict)
    improved: str | None = None
    concerns: dict[str, str] = field(default_factory=dict)
    comment: str | None = None

    @property
    def order(self) -> list[str]:
        """The elements this respondent ranked, most important first."""
        return sorted(self.ranks, key=self.ranks.__getitem__)


@cache
def _adapter(kind: str) -> TypeAdapter[Any]:
    vocabulary: dict[str, Any] = {"trust": Trust, "expectations": Met, q.IMPROVED_COLUMN: Improved}
    return TypeAdapter(vocabulary[kind])


class _Checker:
    """Reads one row, collecting a problem for each cell it cannot accept."""

    def __init__(self, row: Row, problems: Collector) -> None:
        self.row = row
        self.problems = problems

    def cell(self, name: str) -> tuple[str, int]:
        return self.row.cell(name)

    def problem(self, name: str, message: Callable[[], str]) -> None:
        """A problem with cell `name`; the message is written only if it will be listed."""
        _, column = self.cell(name)
        self.problems.add(self.row.path, self.row.number, column, lambda: f"{name}: {message()}")

    def word(self, name: str, kind: str) -> str | None:
        text = self.cell(name)[0].strip()
        if not text:
            return None
        labelled = code_for(kind, text)
        if labelled is not None:
            return labelled
        try:
            found: str = _adapter(kind).validate_python(text)
        except ValidationError:
            self.problem(name, partial(_not_an_answer, text, q.VOCABULARIES[kind]))
            return None
        return found

    def text(self, name: str, limit: int = MAX_TEXT) -> str | None:
        text = self.cell(name)[0]
        if text.startswith("'") and text[1:2] in _FORMULA_START:
            text = text[1:]
        if not text.strip():
            return None
        if len(text) > limit:
            self.problem(name, lambda: f"{len(text)} characters, more than the {limit} allowed")
            return None
        return text

    def place(self, name: str) -> int | None:
        text = self.cell(name)[0].strip()
        if not text:
            return None
        number = int(text) if text.isascii() and text.isdigit() else None
        if number is None or not 1 <= number <= q.PLACES:
            self.problem(name, lambda: f"'{text}' is not a place from 1 to {q.PLACES}")
            return None
        return number


def _ranks(check: _Checker) -> dict[str, int]:
    ranks: dict[str, int] = {}
    given: dict[int, str] = {}
    for element in ELEMENTS:
        name = q.column("rank", element)
        place = check.place(name)
        if place is None:
            continue
        if place in given:
            check.problem(name, partial(_given_twice, place, given[place]))
            continue
        given[place] = name
        ranks[element] = place
    skipped = [n for n in range(1, len(given) + 1) if n not in given]
    if skipped:
        first = q.column("rank", next(iter(ranks)))
        places = ", ".join(str(p) for p in sorted(given))
        check.problem(first, lambda: f"the places given ({places}) skip {skipped[0]}; from 1 on")
    return ranks


def _given_twice(place: int, other: str) -> str:
    return f"place {place} is also given to {other}; give each once"


def _not_an_answer(text: str, allowed: tuple[str, ...]) -> str:
    return f"'{text}' is not an answer; use one of: {', '.join(allowed)}{hint(text, allowed)}"


def _per_element(read: Callable[[str], str | None], kind: str) -> dict[str, str]:
    found = {element: read(q.column(kind, element)) for element in ELEMENTS}
    return {element: answer for element, answer in found.items() if answer is not None}


def check_row(row: Row, problems: Collector) -> Response:
    """The row's answers; a cell that cannot be read adds a problem and is left out."""
    check = _Checker(row, problems)
    stakeholder = check.text(q.STAKEHOLDER, NAME_LIMIT)
    if stakeholder is None:
        check.problem(q.STAKEHOLDER, lambda: "blank; every row must name the stakeholder it is for")
    return Response(
        path=row.path,
        row=row.number,
        stakeholder=stakeholder or "",
        stakeholder_column=check.cell(q.STAKEHOLDER)[1],
        respondent=check.text(q.RESPONDENT, NAME_LIMIT),
        ranks=_ranks(check),
        trust=_per_element(lambda name: check.word(name, "trust"), "trust"),
        expectations=_per_element(lambda name: check.word(name, "expectations"), "expectations"),
        improved=check.word(q.IMPROVED_COLUMN, q.IMPROVED_COLUMN),
        concerns=_per_element(check.text, "concerns"),
        comment=check.text(q.COMMENT_COLUMN),
    )
