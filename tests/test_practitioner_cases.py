"""The practitioner cases (tests/practitioner/): the verdict a seasoned engagement lead gives.

Each case is a real-looking profile with the verdict, the findings that must appear (and any that
must not), and the source passage behind it, written from the sources before the engine was run
on them. A case that fails here is a disagreement to settle on its merits: the engine is wrong,
or the case is, and the commit that changes either says which and why.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.assessment.assessment import Assessment, Assessor
from engine.profile.validation import load_profile
from engine.rules.rule_loader import load_ruleset
from tests.conftest import ROOT

FOLDER = ROOT / "tests" / "practitioner"
CASES = sorted((FOLDER / "expected").glob("*.yaml"))
VERDICTS = {"go", "conditional", "incomplete", "no-go"}
KEYS = {"title", "mechanism", "today", "verdict", "findings", "absent", "source", "reasoning"}


def expected(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@cache
def _assessor(today: dt.date) -> Assessor:
    return Assessor.build(load_ruleset(), today)


def assess_case(slug: str, today: dt.date) -> Assessment:
    path = FOLDER / "profiles" / f"{slug}.yaml"
    profile, tree = load_profile(path, str(path.relative_to(ROOT)))
    return _assessor(today).assess(profile, tree, str(path.relative_to(ROOT)))


def test_the_cases_are_well_formed() -> None:
    profiles = {p.stem for p in (FOLDER / "profiles").glob("*.yaml")}
    assert profiles == {c.stem for c in CASES}
    mechanisms = {expected(c)["mechanism"] for c in CASES}
    assert len(CASES) >= 33
    assert sum(expected(c)["mechanism"] == "strong" for c in CASES) >= 5
    assert sum(expected(c)["mechanism"] == "participant-safety" for c in CASES) >= 8
    assert {"decisive-blank", "consistency", "accumulation", "scale"} <= mechanisms
    for case in CASES:
        data = expected(case)
        assert set(data) <= KEYS and data["verdict"] in VERDICTS, case.name
        assert data["source"]["passage"].strip() and data["reasoning"].strip(), case.name


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_the_engine_agrees_with_the_practitioner(case: Path) -> None:
    data = expected(case)
    result = assess_case(case.stem, data["today"])
    opened = {f.rule for f in result.open_findings()}
    assert result.verdict == data["verdict"], f"{case.stem}: open findings {sorted(opened)}"
    assert set(data.get("findings") or []) <= opened, f"{case.stem}: open {sorted(opened)}"
    assert not set(data.get("absent") or []) & opened, f"{case.stem}: open {sorted(opened)}"
