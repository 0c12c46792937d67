"""Properties of the whole engine on generated profiles (hypothesis).

- the Rete engine and the reference evaluator agree, on the shipped rules and on random rules;
- evaluation is deterministic and nothing leaks from one profile to the next;
- answering a question in a riskier way never improves the verdict (monotonicity);
- a blank answer only ever fires rules that test for blanks;
- a waiver never hides a blocker unless someone approved it;
- a blank critical question that applies makes the verdict INCOMPLETE, or NO-GO with a blocker,
  and a complete profile is never INCOMPLETE.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from engine.assessment import verdict
from engine.profile.models import Profile
from engine.profile.models.fields import ITEM, FieldSpec, walk_fields
from engine.rules import conditions as c
from engine.rules.evaluator import DurableEvaluator
from engine.rules.fact_catalog import catalog
from engine.rules.facts import extract
from engine.rules.rule_compiler import compile_rules
from engine.rules.ruleset import LoadedRule
from tests import reference_evaluator as reference
from tests.engine_support import (
    NO_FILE,
    TODAY,
    assessor,
    durable_fired,
    engine_rules,
    ruleset,
    values,
)
from tests.strategies import profile_data, profiles
from tests.synthetic_rules import random_rules

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(profiles())
def test_rete_engine_agrees_with_reference(profile: Profile) -> None:
    assert durable_fired(profile) == reference.fired(engine_rules(), values(profile))


@SETTINGS
@given(profiles(), profiles())
def test_deterministic_and_isolated(first: Profile, second: Profile) -> None:
    """Evaluating A, then B, then A again gives A's result twice."""
    a1 = durable_fired(first)
    durable_fired(second)
    assert durable_fired(first) == a1


def _tests_blanks(rule: LoadedRule) -> bool:
    return any(
        test.op in ("answered", "unanswered") or catalog()[test.fact].about_blanks
        for test in c.tests(rule.condition)
    )


def test_an_empty_profile_fires_only_rules_about_blanks() -> None:
    rules = ruleset().by_id()
    fired = durable_fired(Profile(schema_version=1))
    assert fired, "the completeness policy must fire on an empty profile"
    assert all(_tests_blanks(rules[rule_id]) for rule_id in fired)


ANSWER_FIELDS = [  # every answer a planner may leave blank (required structure is not one)
    spec
    for spec in walk_fields(Profile)
    if spec.kind != "section" and spec.meta and spec.path[0] not in ("schema_version", "waivers")
]


def _blank(data: Any, path: tuple[str, ...]) -> bool:
    """Remove the answer at `path` (in every list item on the way); whether anything changed."""
    head, rest = path[0], path[1:]
    if head == ITEM:
        return any(_blank(item, rest) for item in data) if isinstance(data, list) else False
    if not isinstance(data, dict) or head not in data:
        return False
    if not rest:
        del data[head]
        return True
    return _blank(data[head], rest)


def _present(data: dict[str, Any]) -> list[FieldSpec]:
    return [spec for spec in ANSWER_FIELDS if _blank(copy.deepcopy(data), spec.path)]


@SETTINGS
@given(profile_data(), st.data())
def test_blanking_an_answer_only_fires_rules_about_blanks(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    present = _present(data)
    assume(present)
    spec = draw.draw(st.sampled_from(present))
    blanked = copy.deepcopy(data)
    _blank(blanked, spec.path)
    before = set(durable_fired(Profile.model_validate(data)))
    after = durable_fired(Profile.model_validate(blanked))
    rules = ruleset().by_id()
    newly = [rule_id for rule_id in after if rule_id not in before]
    assert all(_tests_blanks(rules[rule_id]) for rule_id in newly), (spec.dotted, newly)


RISKY_FIELDS = [spec for spec in walk_fields(Profile) if spec.meta.get("x-risk-order")]


def _set(data: dict[str, Any], path: tuple[str, ...], value: str) -> None:
    """Set an answer, creating sections and one list item on the way if needed."""
    head, rest = path[0], path[1:]
    if not rest:
        data[head] = value
        return
    if rest[0] == ITEM:
        items = data.get(head) or [{}]
        data[head] = items
        for item in items:
            _set(item, rest[1:], value)
        return
    child = data.get(head)
    if not isinstance(child, dict):
        child = data[head] = {}
    _set(child, rest, value)


def _verdict(data: dict[str, Any]) -> str:
    profile = Profile.model_validate(data)
    return assessor(use_waivers=False).assess(profile, NO_FILE, "generated").verdict


@SETTINGS
@given(profile_data(), st.sampled_from(RISKY_FIELDS), st.data())
def test_a_riskier_answer_never_improves_the_verdict(
    data: dict[str, Any], spec: FieldSpec, draw: st.DataObject
) -> None:
    tiers: list[list[str]] = spec.meta["x-risk-order"]
    low, high = sorted(
        draw.draw(st.lists(st.integers(0, len(tiers) - 1), min_size=2, max_size=2, unique=True))
    )
    safer, riskier = copy.deepcopy(data), copy.deepcopy(data)
    _set(safer, spec.path, draw.draw(st.sampled_from(tiers[low])))
    _set(riskier, spec.path, draw.draw(st.sampled_from(tiers[high])))
    assert verdict.at_least(_verdict(riskier), _verdict(safer)), spec.dotted


@SETTINGS
@given(profile_data(), st.sampled_from(RISKY_FIELDS), st.data())
def test_filling_a_blank_with_the_reassuring_answer_never_worsens_the_verdict(
    data: dict[str, Any], spec: FieldSpec, draw: st.DataObject
) -> None:
    """A blank is unknown: answering it the safest way can only remove what the blank left open
    (an INCOMPLETE, a finding it made decisive), never add a finding of its own."""
    blanked = copy.deepcopy(data)
    _blank(blanked, spec.path)
    filled = copy.deepcopy(blanked)
    _set(filled, spec.path, draw.draw(st.sampled_from(spec.meta["x-risk-order"][0])))
    assert verdict.at_least(_verdict(blanked), _verdict(filled)), spec.dotted


RULE_IDS = tuple(rule.id for rule in ruleset().rules)


@SETTINGS
@given(profile_data(waiver_rules=RULE_IDS))
def test_a_waiver_never_hides_an_unapproved_blocker(data: dict[str, Any]) -> None:
    profile = Profile.model_validate(data)
    result = assessor().assess(profile, NO_FILE, "generated")
    audit = assessor(use_waivers=False).assess(profile, NO_FILE, "generated")
    waivers = {w.rule: w for w in profile.waivers or []}
    for finding in result.findings:
        waiver = waivers.get(finding.rule)
        if finding.severity == "blocker" and (waiver is None or not waiver.approved_by):
            assert finding.status != "waived"
    assert verdict.at_least(audit.verdict, result.verdict)
    if any(f.severity == "blocker" and f.status != "waived" for f in result.findings):
        assert result.verdict == "no-go"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.lists(profiles(), min_size=1, max_size=4))
def test_rete_engine_agrees_with_reference_on_random_rules(seed: int, batch: list[Profile]) -> None:
    """150 random rules (several shards), every operator and nesting: both evaluators agree."""
    rules = random_rules(150, seed)
    engine = DurableEvaluator(compile_rules(rules))
    try:
        for profile in batch:
            facts = extract(profile, TODAY)
            assert engine.evaluate(facts) == reference.fired(
                rules, {n: f.value for n, f in facts.items()}
            )
    finally:
        engine.close()


@SETTINGS
@given(profile_data(waiver_rules=RULE_IDS))
def test_a_decisive_blank_never_yields_go(data: dict[str, Any]) -> None:
    """INCOMPLETE exactly when a blank decides the verdict and no blocker is open; the questions
    it leaves blank are the ones the report marks critical."""
    result = assessor().assess(Profile.model_validate(data), NO_FILE, "generated")
    blank = any(f.completeness for f in result.open_findings())
    blocked = any(f.severity == "blocker" for f in result.open_findings())
    if any(q.critical for q in result.unanswered):
        assert blank
    if blank:
        assert result.verdict == ("no-go" if blocked else "incomplete")
    else:
        assert result.verdict != "incomplete"
