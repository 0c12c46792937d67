"""The content of a stakeholder survey, ready to draw: every text in it, and nothing else.

Built by `engine.survey.page` from a profile and our question wording; drawn by
`engine.render.survey_page`, which knows only this shape. Texts marked "profile text" come from
the planner's file and are escaped wherever they are drawn.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    """One answer to a closed question: the word saved in the file, and what the page says."""

    value: str
    label: str


@dataclass(frozen=True)
class Question:
    """A question about one element (or the whole survey): its text and where its answer goes."""

    column: str  # the CSV column, also the form field's name
    text: str
    choices: tuple[Choice, ...] = ()  # empty for a free-text answer
    help: str = ""


@dataclass(frozen=True)
class ElementBlock:
    """One of the ten elements: what it means, what the organisation does, and the questions."""

    key: str
    number: int
    title: str
    meaning: str
    steps: str | None  # profile text: Column B of the worksheet
    evidence: str | None  # profile text: Column C
    original_note: str | None  # says B and C are not in the page's language, when they are not
    rank: Question
    places: tuple[int, ...]
    trust: Question
    expectations: Question
    concerns: Question


@dataclass(frozen=True)
class SurveyPage:
    """A whole survey for one stakeholder."""

    lang: str  # the page's language, a shipped BCP 47 code
    written_in: str  # the language of the planner's own texts, shown where none is translated
    title: str
    organisation: str  # profile text
    stakeholder: str  # profile text; saved in every answer file
    use_case: str | None  # profile text
    use_case_note: str | None  # says the use case is not in the page's language, when it is not
    elements: tuple[ElementBlock, ...]
    improved: Question
    comment: Question
    name: Question | None  # only when the planner asks respondents for a name
    columns: tuple[str, ...]  # the saved file's header, in order
    file_stem: str  # the saved file's name, before the time it is saved and `.csv`
    citation: str
    protected: bool = False  # the group could be harmed if identified: say first what is kept
