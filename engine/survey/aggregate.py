"""Several respondents of one stakeholder, as one stakeholder's answers (and the spread kept).

The rules, in full (the README and docs/survey.md say the same):
- Ranking, by Borda count. A respondent's place p gives an element 10 - p points (9 for a first
  place, 0 for a tenth); the elements a respondent left unranked share the places left over, each
  taking their mean (ranking only a top three gives every other element (10 - 3 - 1) / 2 = 3
  points). Each element's points are summed over the respondents who ranked at least one element;
  the stakeholder's ranking orders the elements by points, and elements with equal points are
  tied: the tie is kept in the record (`rank_points`) and every measure treats it as a tie.
- Trust, expectations and "do you trust us more": the lower median of the answers given, from
  the least to the most trusting (none < low < medium < high; no < partly < yes; no < somewhat <
  yes): the answer below which fewer than half the respondents fall, and where two answers share
  the middle, the less trusting one, so a summary never claims more trust than half the
  respondents gave. `unsure` takes no place in the order; it is the summary only when it is the
  only answer given. Blank answers are left out entirely; with no answers the summary is blank.
- Every answer's count is kept, per element, so that the report can show where respondents
  disagree; a respondent's free text is counted (concerns), never kept.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict

from engine.profile.models.survey import MET_COUNTS, TRUST_COUNTS, SurveyRecord
from engine.profile.models.vocab import ELEMENTS, Element, Improved, Met, Name, Trust
from engine.rules.ranking import positions
from engine.survey.responses import Response

TRUST_ORDER = ("none", "low", "medium", "high")
MET_ORDER = ("no", "partly", "yes")
IMPROVED_ORDER = ("no", "somewhat", "yes")
UNSURE = "unsure"


class Aggregate(BaseModel):
    """One stakeholder's answers, aggregated: the summaries and the record behind them.

    Plain data that validates on the way in, because the workspace carries it through the
    browser between showing an import and writing it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    stakeholder: Name
    ranking: list[Element]
    trust: dict[Element, Trust]
    expectations_met: dict[Element, Met]
    trust_improved: Improved | None
    record: SurveyRecord


def lower_median(answers: Iterable[str], order: Sequence[str]) -> str | None:
    """The summary of one question's answers (see the module docstring)."""
    given = list(answers)
    placed = sorted(order.index(a) for a in given if a in order)
    if placed:
        return order[placed[(len(placed) - 1) // 2]]
    return UNSURE if UNSURE in given else None


def borda(orders: Iterable[list[str]]) -> dict[str, float]:
    """Each element's Borda points over the given (possibly partial) rankings."""
    points = dict.fromkeys(ELEMENTS, 0.0)
    for order in orders:
        for element, place in positions(order).items():
            points[element] += len(ELEMENTS) - place
    return points


def consensus(points: dict[str, float]) -> list[str]:
    """The elements by points, most first; equal points (a tie) in the elements' own order."""
    return sorted(ELEMENTS, key=lambda element: (-points[element], ELEMENTS.index(element)))


def _counts(answers: Iterable[str], names: dict[str, str]) -> dict[str, int]:
    counted = Counter(answers)
    return {names[word]: counted[word] for word in names if counted[word]}


def _element(element: str, responses: list[Response], points: float | None) -> dict[str, object]:
    tally: dict[str, object] = {} if points is None else {"rank_points": points}
    tally.update(_counts((r.trust[element] for r in responses if element in r.trust), TRUST_COUNTS))
    met = (r.expectations[element] for r in responses if element in r.expectations)
    tally.update(_counts(met, MET_COUNTS))
    concerns = sum(element in r.concerns for r in responses)
    if concerns:
        tally["concerns"] = concerns
    return tally


def _record(responses: list[Response], today: dt.date, keep_respondents: bool) -> SurveyRecord:
    rankers = [r.order for r in responses if r.ranks]
    points = borda(rankers) if rankers else None
    elements = {
        element: tally
        for element in ELEMENTS
        if (tally := _element(element, responses, points[element] if points else None))
    }
    improved = {w: sum(r.improved == w for r in responses) for w in (*IMPROVED_ORDER, UNSURE)}
    names = sorted({r.respondent for r in responses if r.respondent}) if keep_respondents else []
    return SurveyRecord.model_validate(
        {
            "responses": len(responses),
            "ranked_by": len(rankers),
            "collected_on": today,
            "better_able_to_trust": {w: n for w, n in improved.items() if n} or None,
            "elements": elements or None,
            "respondents": names or None,
        }
    )


def aggregate(
    stakeholder: str, responses: list[Response], today: dt.date, keep_respondents: bool = False
) -> Aggregate:
    """One stakeholder's answers from its respondents' (see the module docstring for how)."""
    record = _record(responses, today, keep_respondents)
    points = {e: t.rank_points for e, t in record.elements or () if t and t.rank_points is not None}
    improved = (r.improved for r in responses if r.improved)
    return Aggregate(
        stakeholder=stakeholder,
        ranking=consensus(points) if points else [],
        trust=_summaries(responses, "trust", TRUST_ORDER),
        expectations_met=_summaries(responses, "expectations", MET_ORDER),
        trust_improved=lower_median(improved, IMPROVED_ORDER),
        record=record,
    )


def _summaries(responses: list[Response], kind: str, order: Sequence[str]) -> dict[str, str]:
    """Element -> the lower median of one per-element question's answers, where any were given."""
    found = {}
    for element in ELEMENTS:
        given: list[dict[str, str]] = [getattr(r, kind) for r in responses]
        answers = [answers_of[element] for answers_of in given if element in answers_of]
        summary = lower_median(answers, order)
        if summary is not None:
            found[element] = summary
    return found
