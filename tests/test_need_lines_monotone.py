"""A budget line serving a stated need never gets better by answering it more riskily.

The random property test (test_engine_properties) had not sampled the one profile shape that
showed the break this pins down: with an accessibility need, `needed: no` fired a condition
while the riskier `needed: yes, funded: yes` gave GO. Every line a need rule reads, every
answer to the other half of the line, and every step up the risk order is checked here.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

import pytest
import yaml

from engine.assessment import verdict
from engine.profile.models import Profile
from tests.conftest import PROFILES
from tests.engine_support import NO_FILE, assessor

ORDER = {"needed": ["no", "unsure", "yes"], "funded": ["yes", "partly", "unsure", "no"]}
LINES = ["disability_accommodations", "informational_materials", "translation", "interpretation"]


def _base() -> dict[str, Any]:
    """county-ready (GO), with an accessibility need beside its language need."""
    data: dict[str, Any] = yaml.safe_load((PROFILES / "county-ready.yaml").read_text("utf-8"))
    data["environment"]["stakeholders"][0]["needs"] = ["physical_accessibility", "literacy"]
    return data


def _verdict(data: dict[str, Any], line: str, answers: dict[str, str]) -> str:
    changed = copy.deepcopy(data)
    changed["resources"]["budget"][line] = answers
    profile = Profile.model_validate(changed)
    return assessor(use_waivers=False).assess(profile, NO_FILE, "generated").verdict


@pytest.mark.parametrize("line", LINES)
@pytest.mark.parametrize("field", ["needed", "funded"])
def test_a_riskier_answer_on_a_need_line_never_improves_the_verdict(line: str, field: str) -> None:
    base = _base()
    other = "funded" if field == "needed" else "needed"
    for fixed in [None, *ORDER[other]]:
        kept = {} if fixed is None else {other: fixed}
        verdicts = [_verdict(base, line, {**kept, field: value}) for value in ORDER[field]]
        for safer, riskier in itertools.pairwise(verdicts):
            assert verdict.at_least(riskier, safer), (line, field, fixed, verdicts)
