"""The two survey rules, each where it fires and where it stays quiet, and the report with them.

survey-respondents-split: some respondents trust an element (medium, high) and some do not
(none, low); `unsure` and blanks take neither side. survey-too-few-responses: below its own value
(5), and the alignment section's warning follows that value rather than a number of its own.
"""

from __future__ import annotations

from typing import Any

import pytest

from engine.assessment.survey_summary import enough_responses
from engine.profile.models import Profile
from engine.rules import conditions as c
from engine.rules.ruleset import LoadedRule
from tests.engine_support import NO_FILE, assessor, ruleset


def _surveyed(responses: int, **elements: dict[str, int]) -> Profile:
    record: dict[str, Any] = {"responses": responses}
    if elements:
        record["elements"] = elements
    relationship = {"stakeholder": "Tenants union", "survey": record}
    return Profile.model_validate({"schema_version": 1, "trust": {"relationships": [relationship]}})


def _fired(profile: Profile) -> set[str]:
    return {f.rule for f in assessor().assess(profile, NO_FILE, "p.yaml").findings}


@pytest.mark.parametrize(
    ("tally", "fires"),
    [
        ({"trust_high": 3, "trust_low": 1}, True),
        ({"trust_medium": 1, "trust_none": 1}, True),
        ({"trust_high": 3, "trust_medium": 2}, False),
        ({"trust_low": 2, "trust_none": 2}, False),
        ({"trust_high": 2, "trust_unsure": 2}, False),
    ],
    ids=["high-and-low", "medium-and-none", "all-trust", "none-trust", "unsure-takes-no-side"],
)
def test_split_fires_only_when_some_trust_and_some_do_not(
    tally: dict[str, int], fires: bool
) -> None:
    profile = _surveyed(6, privacy_security=tally)
    assert ("survey-respondents-split" in _fired(profile)) == fires


@pytest.mark.parametrize(("responses", "fires"), [(0, True), (4, True), (5, False), (40, False)])
def test_too_few_fires_below_five_only(responses: int, fires: bool) -> None:
    assert ("survey-too-few-responses" in _fired(_surveyed(responses))) == fires


def test_neither_fires_without_a_survey() -> None:
    plain = Profile.model_validate(
        {"schema_version": 1, "trust": {"relationships": [{"stakeholder": "Tenants union"}]}}
    )
    assert not {"survey-respondents-split", "survey-too-few-responses"} & _fired(plain)


def test_the_reports_warning_follows_the_rules_value() -> None:
    """The alignment section warns below the value the rule set gives, whatever it is."""
    assert enough_responses(ruleset().rules) == 5
    fact = "derived.trust.fewest_survey_responses"
    core = next(r for r in ruleset().rules if r.id == "survey-too-few-responses")
    stricter = LoadedRule(**{**vars(core), "condition": c.Test(fact, "lte", 11)})
    both = LoadedRule(**{**vars(core), "id": "x", "condition": c.AllOf((c.Test(fact, "lt", 8),))})
    assert enough_responses([core, stricter]) == 12
    assert enough_responses([both]) == 8
    assert enough_responses([]) is None
    summary = assessor().assess(_surveyed(4), NO_FILE, "p.yaml").alignment
    assert summary is not None and summary.stakeholders[0].survey is not None
    assert summary.stakeholders[0].survey.enough_from == 5
    assert summary.stakeholders[0].survey.too_few
