"""Every rule fires on at least one example profile and stays quiet on at least one.

The examples live next to each rule in rules/*.yaml (the completeness rules generate their own),
so adding a rule without examples fails here, and so does an example that stops behaving.
"""

from __future__ import annotations

import pytest

from engine.rules.facts import extract
from engine.rules.ruleset import Example, LoadedRule
from engine.workflows.catalogue import raised
from tests import reference_evaluator as reference
from tests.engine_support import TODAY, assessor, ruleset

CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{'fires' if example.fires else 'quiet'}-{index}")
    for rule in ruleset().rules
    for index, example in enumerate(rule.examples)
]
ON_FACTS = [case for case in CASES if case.values[0].on_facts]  # type: ignore[union-attr]
ESCALATIONS = [
    pytest.param(
        rule,
        step.severity,
        example,
        id=f"{rule.id}-{step.severity}-{'fires' if example.fires else 'quiet'}-{index}",
    )
    for rule in ruleset().rules
    for step in rule.escalations
    for index, example in enumerate(step.examples)
]


def test_every_rule_has_an_example_that_fires_and_one_that_does_not() -> None:
    for rule in ruleset().rules:
        kinds = {example.fires for example in rule.examples}
        assert kinds == {True, False}, rule.id


def test_every_escalation_has_an_example_that_fires_and_one_that_does_not() -> None:
    for rule in ruleset().rules:
        for step in rule.escalations:
            assert {example.fires for example in step.examples} == {True, False}, rule.id


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example_on_the_rete_engine(rule: LoadedRule, example: Example) -> None:
    """On the rule engine alone, or (for a count) on the whole assessment."""
    assert raised(assessor(), rule, example, rule.severity) is example.fires


@pytest.mark.parametrize(("rule", "severity", "example"), ESCALATIONS)
def test_escalation_example(rule: LoadedRule, severity: str, example: Example) -> None:
    assert raised(assessor(), rule, example, severity) is example.fires


@pytest.mark.parametrize(("rule", "example"), ON_FACTS)
def test_example_on_the_reference_evaluator(rule: LoadedRule, example: Example) -> None:
    facts = extract(example.profile, TODAY)
    truth = reference.evaluate(rule.condition, {name: f.value for name, f in facts.items()})
    assert (truth is True) is example.fires


@pytest.mark.parametrize(("rule", "example"), [c for c in CASES if c.values[1].fires])  # type: ignore[union-attr]
def test_a_firing_example_has_evidence_with_positions(rule: LoadedRule, example: Example) -> None:
    result = assessor().assess(example.profile, example.tree, example.source)
    finding = next(f for f in result.findings if f.rule == rule.id)
    assert finding.evidence, rule.id
    if example.line:  # examples from rule files: evidence points inside the example, or at 0
        # for a blank answer whose section is not written at all ("not in the file")
        placed = [item for item in finding.evidence if not (item.value is None and item.line == 0)]
        assert all(item.line >= example.line for item in placed), rule.id
