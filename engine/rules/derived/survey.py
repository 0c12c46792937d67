"""Derived facts about surveyed stakeholders: how many answered, and where they disagree.

They read the survey record `readiness survey import` writes (`trust.relationships[*].survey`); a
relationship without one (or with one whose answers are all blank) was not surveyed through the
tool, and says nothing either way.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.profile.models.survey import ElementTally, SurveyRecord
from engine.rules.derived.base import UNANSWERED, Context, Item, Loc, Result, count_of, derived
from engine.rules.derived.relationships import RELATIONSHIPS, relationships

TRUSTING = ("trust_medium", "trust_high")
DISTRUSTING = ("trust_none", "trust_low")


def _records(context: Context) -> list[tuple[Loc, SurveyRecord]]:
    """(location, record) of every relationship's survey record."""
    return [
        ((*RELATIONSHIPS, index, "survey"), relationship.survey)
        for index, relationship in enumerate(relationships(context) or [])
        if relationship.survey is not None and not relationship.survey.is_blank()
    ]


def _tallies(record: SurveyRecord) -> Iterator[tuple[str, ElementTally]]:
    for element, tally in record.elements or ():
        if tally is not None:
            yield element, tally


def _split(tally: ElementTally) -> bool:
    """Some respondents trust you here and some do not (blank and unsure take neither side)."""
    trusting = sum(getattr(tally, key) or 0 for key in TRUSTING)
    distrusting = sum(getattr(tally, key) or 0 for key in DISTRUSTING)
    return trusting > 0 and distrusting > 0


@derived(
    "derived.trust.split_trust_elements",
    "integer",
    "How many elements some respondents of one surveyed stakeholder trust you in (medium or "
    "high) while others do not (none or low).",
    ("trust.relationships[*].survey.elements",),
    bound="lower",
)
def split_trust_elements(context: Context) -> Result:
    records = _records(context)
    if not records:
        return UNANSWERED
    items: list[Item] = [
        (_split(tally), (*where, "elements", element))
        for where, record in records
        for element, tally in _tallies(record)
    ]
    return count_of(items)


@derived(
    "derived.trust.fewest_survey_responses",
    "integer",
    "The fewest responses any surveyed stakeholder gave (survey records only).",
    ("trust.relationships[*].survey.responses",),
    bound="upper",
)
def fewest_survey_responses(context: Context) -> Result:
    counted = [
        (record.responses, (*where, "responses"))
        for where, record in _records(context)
        if record.responses is not None
    ]
    if not counted:
        return UNANSWERED
    fewest = min(count for count, _ in counted)
    return Result(fewest, tuple(where for count, where in counted if count == fewest))


@derived(
    "derived.trust.any_improvement_unknown",
    "boolean",
    "A stakeholder has responded, and whether they trust you more after seeing your evidence is "
    "not answered.",
    ("trust.relationships[*].response_received", "trust.relationships[*].trust_improved"),
    about_blanks=True,
)
def any_improvement_unknown(context: Context) -> Result:
    listed = relationships(context)
    if listed is None:
        return UNANSWERED
    blanks = tuple(
        (*RELATIONSHIPS, index, "trust_improved")
        for index, relationship in enumerate(listed)
        if relationship.response_received == "yes" and relationship.trust_improved is None
    )
    return Result(bool(blanks), blanks)
