"""The survey round trip as a property: make, fill with generated respondents, import, assess.

For any group of respondents (partial rankings, blanks anywhere, answers in files saved by the
page or in a survey tool's CSV with its own separator), the profile written must hold exactly
the aggregate the README describes, worked out again here independently
(`tests.survey_support`), and the assessment must read it back: the response count in the
alignment section, the too-few warning below the rule set's threshold, the split finding exactly
when some respondents trust an element and others do not.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.assessment.assessment import Assessment, Assessor
from engine.errors import InputError
from engine.profile.loader import parse_text, read_text
from engine.profile.models import Profile
from engine.profile.models.survey import MET_COUNTS, TRUST_COUNTS
from engine.profile.models.trust import Relationship
from engine.profile.models.vocab import ELEMENTS
from engine.profile.validation import validate_tree
from engine.rules.rule_loader import load_ruleset
from engine.survey.importing import import_answers
from engine.survey.making import survey_files
from engine.survey.questions import columns
from engine.survey.stakeholders import find
from engine.survey.table import parse_table
from tests.conftest import PROFILES
from tests.survey_support import (
    IMPROVED,
    MAINTENANCE,
    as_csv,
    expected_median,
    expected_points,
    respondent,
)

EXAMPLE = PROFILES / "trust-misalignment.yaml"
TODAY = dt.date(2026, 11, 23)
SHOWN = "profiles/trust-misalignment.yaml"


@cache
def _example() -> tuple[str, Profile]:
    text = read_text(EXAMPLE, SHOWN)
    return text, validate_tree(parse_text(text, SHOWN), SHOWN)


@cache
def _assessor() -> Assessor:
    return Assessor.build(load_ruleset(None), TODAY)


@st.composite
def answer_files(draw: st.DrawFn) -> tuple[list[dict[str, str]], list[bytes]]:
    """Respondents, and the files they arrive in: some saved by the page, the rest in a CSV."""
    people = draw(st.lists(respondent(), min_size=1, max_size=7))
    saved = draw(st.integers(0, len(people)))
    files = [as_csv([person], bom=True, quote_all=True) for person in people[:saved]]
    if people[saved:]:
        separator = draw(st.sampled_from([",", ";", "\t"]))
        files.append(as_csv(people[saved:], separator=separator, bom=draw(st.booleans())))
    return people, files


def _answered(person: dict[str, str]) -> bool:
    return any(value.strip() for name, value in person.items() if name != "stakeholder")


def _expected_counts(people: list[dict[str, str]], element: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kind, names in (("trust", TRUST_COUNTS), ("expectations", MET_COUNTS)):
        for word, key in names.items():
            given = sum(person.get(f"{kind}_{element}") == word for person in people)
            if given:
                counts[key] = given
    concerns = sum(bool(person.get(f"concerns_{element}", "").strip()) for person in people)
    if concerns:
        counts["concerns"] = concerns
    return counts


def _ranking(person: dict[str, str]) -> list[str]:
    ranks = {e: int(person[f"rank_{e}"]) for e in ELEMENTS if f"rank_{e}" in person}
    return sorted(ranks, key=ranks.__getitem__)


def _check_record(relationship: Relationship, people: list[dict[str, str]]) -> None:
    record = relationship.survey
    assert record is not None
    rankings = [r for r in map(_ranking, people) if r]
    assert (record.responses, record.ranked_by) == (len(people), len(rankings))
    points = expected_points(rankings) if rankings else None
    for element in ELEMENTS:
        tally = getattr(record.elements, element) if record.elements else None
        found = tally.model_dump(exclude_none=True) if tally else {}
        counts = _expected_counts(people, element)
        if points is not None:
            counts["rank_points"] = points[element]  # type: ignore[assignment]
        assert found == counts, element
    order = sorted(ELEMENTS, key=lambda e: (-points[e], ELEMENTS.index(e))) if points else []
    assert list(relationship.stakeholder_ranking or []) == order


def _check_summaries(relationship: Relationship, people: list[dict[str, str]]) -> None:
    orders = {"trust": ("none", "low", "medium", "high"), "expectations": ("no", "partly", "yes")}
    for element in ELEMENTS:
        feedback = getattr(relationship.feedback, element) if relationship.feedback else None
        for kind, field in (("trust", "trust"), ("expectations", "expectations_met")):
            given = [p[f"{kind}_{element}"] for p in people if f"{kind}_{element}" in p]
            wanted = expected_median(given, orders[kind])
            assert (getattr(feedback, field) if feedback else None) == wanted, (element, kind)
    given = [p["better_able_to_trust"] for p in people if "better_able_to_trust" in p]
    assert relationship.trust_improved == expected_median(given, ("no", "somewhat", "yes"))
    assert set(IMPROVED) >= set(given)


def _split(people: list[dict[str, str]]) -> bool:
    def has(element: str, words: tuple[str, ...]) -> bool:
        return any(p.get(f"trust_{element}") in words for p in people)

    return any(has(e, ("medium", "high")) and has(e, ("none", "low")) for e in ELEMENTS)


def _check_assessment(assessment: Assessment, people: list[dict[str, str]]) -> None:
    fired = {finding.rule for finding in assessment.findings}
    assert ("survey-too-few-responses" in fired) == (len(people) < 5)
    assert ("survey-respondents-split" in fired) == _split(people)
    assert assessment.alignment is not None
    [surveyed] = [s for s in assessment.alignment.stakeholders if s.stakeholder == MAINTENANCE]
    assert surveyed.survey is not None and surveyed.survey.responses == len(people)


@settings(max_examples=40, deadline=None)
@given(answer_files())
def test_make_fill_import_assess(generated: tuple[list[dict[str, str]], list[bytes]]) -> None:
    people, files = generated
    text, profile = _example()
    stakeholder = find(profile, MAINTENANCE)
    assert stakeholder is not None
    made = survey_files(profile, stakeholder, ask_name=False)
    template = next(body for name, body in made.items() if name.endswith(".csv"))
    assert template.removeprefix("\ufeff").strip() == ",".join(columns())
    tables = [parse_table(data, f"answers-{n}.csv") for n, data in enumerate(files)]
    answered = [person for person in people if _answered(person)]
    if not answered:
        with pytest.raises(InputError):
            import_answers(text, profile, SHOWN, tables, today=TODAY)
        return
    result = import_answers(text, profile, SHOWN, tables, today=TODAY)
    written = validate_tree(parse_text(result.after, SHOWN), SHOWN)
    found = find(written, MAINTENANCE)
    assert found is not None and found.relationship is not None
    _check_record(found.relationship, answered)
    _check_summaries(found.relationship, answered)
    tree = parse_text(result.after, SHOWN)
    _check_assessment(_assessor().assess(written, tree, SHOWN), answered)
