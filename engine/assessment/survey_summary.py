"""What a stakeholder's survey adds to the alignment section: how many answered, and the spread.

Built from the survey record `readiness survey import` writes. It holds counts only, as the
record does: no respondent's own answers ever reach a report. The spread is shown only where
respondents disagree, since a unanimous answer is already the summary in the element table.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from engine.profile.models.survey import MET_COUNTS, TRUST_COUNTS, ElementTally, SurveyRecord
from engine.profile.models.vocab import ELEMENT_TITLES
from engine.rules.conditions import tests, without_not
from engine.rules.derived.survey import DISTRUSTING, TRUSTING
from engine.rules.ruleset import LoadedRule

FEWEST_FACT = "derived.trust.fewest_survey_responses"


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class ElementSpread(_Data):
    """How respondents' answers about one element were spread, where they differ."""

    element: str
    title: str
    trust: dict[str, int]  # answer -> respondents, in the vocabulary's order, zero counts left out
    expectations_met: dict[str, int]
    split: bool  # some trust you here (medium, high) and some do not (none, low)


class SurveySummary(_Data):
    """A surveyed stakeholder, in numbers."""

    responses: int | None
    ranked_by: int | None
    collected_on: str | None
    # The rule set's threshold (`survey-too-few-responses`), when it has one, and whether the
    # responses fall below it.
    enough_from: int | None
    too_few: bool
    better_able_to_trust: dict[str, int]
    disagreements: list[ElementSpread]


# This module's models, inner ones first, for the assessment's `validators.prepare`.
MODELS = (ElementSpread, SurveySummary)


def _spread(tally: ElementTally, counts: dict[str, str]) -> dict[str, int]:
    return {word: n for word, key in counts.items() if (n := getattr(tally, key) or 0)}


def _disagreement(element: str, tally: ElementTally) -> ElementSpread | None:
    trust, met = _spread(tally, TRUST_COUNTS), _spread(tally, MET_COUNTS)
    if len(trust) < 2 and len(met) < 2:
        return None
    trusting = any(getattr(tally, key) for key in TRUSTING)
    distrusting = any(getattr(tally, key) for key in DISTRUSTING)
    return ElementSpread(
        element=element,
        title=ELEMENT_TITLES[element],
        trust=trust,
        expectations_met=met,
        split=trusting and distrusting,
    )


def summarise(record: SurveyRecord | None, enough_from: int | None) -> SurveySummary | None:
    """The survey in numbers, or None for a relationship that was not surveyed by the tool."""
    if record is None or record.is_blank():
        return None
    improved = record.better_able_to_trust
    spreads = (_disagreement(e, t) for e, t in record.elements or () if t is not None)
    responses = record.responses
    return SurveySummary(
        responses=responses,
        ranked_by=record.ranked_by,
        collected_on=record.collected_on.isoformat() if record.collected_on else None,
        enough_from=enough_from,
        too_few=enough_from is not None and responses is not None and responses < enough_from,
        better_able_to_trust={k: n for k, n in improved or () if n} if improved else {},
        disagreements=[spread for spread in spreads if spread is not None],
    )


def enough_responses(rules: Iterable[LoadedRule]) -> int | None:
    """How many responses the rule set asks for before it stops warning: the threshold of every
    rule that tests the fewest-responses fact with `lt` (or `lte`, one more), the largest if
    several. Read from the rules, so that the report and the finding use one number."""
    found = [
        int(test.value) + (test.op == "lte")
        for rule in rules
        for test in tests(without_not(rule.condition))
        if test.fact == FEWEST_FACT
        and test.op in ("lt", "lte")
        and isinstance(test.value, (int, float))
    ]
    return max(found, default=None)
