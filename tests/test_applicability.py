"""Follow-up questions in the rules layer: parsing, three-valued applicability, rule guards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from engine.profile.questions import Question, questions
from engine.rules import applicability
from engine.rules import conditions as c
from engine.rules.applicability import FollowUpError, follow_ups, guarded, not_applicable, wording
from engine.rules.derived import REGISTRY
from engine.rules.fact_catalog import catalog
from tests.engine_support import ruleset

PARENT = "environment.prior_integration.happened"
CHILD = "environment.prior_engagement.outcome"
APPLIES = c.Test(PARENT, "in", ("yes", "unsure"))


def test_every_declared_applies_when_parses_and_names_real_facts() -> None:
    ups = follow_ups()
    assert "2.2" in ups
    for qid, up in ups.items():
        assert set(c.facts_in(up.full)) <= set(catalog()), qid
        assert applicability.owner(c.facts_in(up.own)[0]) != qid


def test_2_2_applies_when_2_1_is_yes_or_unsure() -> None:
    """While nobody is sure there was an earlier effort, an earlier engagement the team knows of
    (and how it went) still counts: an answered "controversial" is never dropped."""
    assert follow_ups()["2.2"].own == APPLIES
    assert wording("2.2") == "2.1 is one of yes, unsure"
    assert wording("2.1") is None


@pytest.mark.parametrize(
    ("answer", "applies"), [("yes", True), ("no", False), ("unsure", True), (None, False)]
)
def test_a_follow_up_applies_only_when_its_condition_is_true(
    answer: str | None, applies: bool
) -> None:
    """False and unknown (the parent left blank) both mean "not applicable"."""
    assert ("2.2" not in not_applicable({PARENT: answer})) is applies


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"a": 1, "b": 1}, True),
        ({"a": 1, "b": 2}, False),
        ({"a": 1}, None),
        ({"a": 2}, False),
        ({}, None),
    ],
)
def test_truth_is_kleene(values: dict[str, Any], expected: bool | None) -> None:
    both = c.AllOf((c.Test("a", "eq", 1), c.Test("b", "eq", 1)))
    either = c.AnyOf((c.Test("a", "ne", 1), c.Test("b", "ne", 1)))
    assert c.truth(both, values) is expected
    assert c.truth(c.Not(both), values) is (None if expected is None else not expected)
    assert c.truth(either, values) is (None if expected is None else not expected)


def test_a_test_on_a_follow_up_needs_the_follow_up_to_apply() -> None:
    blank = c.Test(CHILD, "unanswered")
    assert guarded(blank) == c.AllOf((APPLIES, blank))


def test_the_guard_is_not_negated_with_the_test() -> None:
    """`not (outcome is failed)` becomes `2.1 is yes and outcome is not failed`."""
    negated = c.Not(c.Test(CHILD, "eq", "failed"))
    assert guarded(negated) == c.AllOf((APPLIES, c.Test(CHILD, "ne", "failed")))


def test_a_guard_already_in_the_condition_is_not_repeated() -> None:
    cond = c.AllOf((APPLIES, c.Test(CHILD, "eq", "failed")))
    assert guarded(cond) == cond


def test_conditions_on_other_questions_are_left_as_written() -> None:
    cond = c.Not(c.Test(PARENT, "eq", "no"))
    assert guarded(cond) is cond


def test_every_loaded_rule_on_a_follow_up_is_guarded() -> None:
    """The completeness policy's rules included: guarding again changes nothing."""
    readers = [
        rule
        for rule in ruleset().rules
        if any(applicability.owner(fact) in follow_ups() for fact in rule.facts)
    ]
    assert readers, "no rule reads a follow-up's answers: this test checks nothing"
    for rule in readers:
        assert guarded(rule.condition) == rule.condition, rule.id
        assert c.truth(rule.condition, {PARENT: "no"}) is not True, rule.id


def _pattern(field: str) -> re.Pattern[str]:
    return re.compile(re.escape(field).replace(r"\*", r"\d+").replace(r"\?", r"[a-z_]+"))


def test_no_derived_fact_reads_a_follow_up() -> None:
    """Derived facts are not guarded (they combine many answers); reading a follow-up's answers
    in one needs deciding what the fact means when the follow-up does not apply."""
    fields = [_pattern(f) for q in questions() if q.id in follow_ups() for f in q.fields]
    for item in REGISTRY:
        for path in item.inputs:
            plain = path.replace("[*]", ".0")
            assert not any(p.fullmatch(plain) for p in fields), (item.name, path)


@pytest.fixture
def declared(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Question]]:
    """Questions to declare applies-when on, instead of the models' own."""
    extra: list[Question] = []
    real = questions()
    monkeypatch.setattr(applicability, "questions", lambda: (*real, *extra))
    caches = (follow_ups, applicability._owners)
    for cached in caches:
        cached.cache_clear()
    yield extra
    for cached in caches:
        cached.cache_clear()


def _question(qid: str, applies_when: dict[str, Any], field: str = "x.y") -> Question:
    return Question(qid, "Why?", "nothing-to-hide", "s", (field,), (field,), applies_when)


@pytest.mark.parametrize(
    ("applies_when", "message"),
    [
        (
            {"fact": "environment.prior_integration.hapened", "op": "eq", "value": "yes"},
            "question 9.1: applies_when.fact: unknown fact 'environment.prior_integration."
            "hapened' (did you mean 'environment.prior_integration.happened'?)",
        ),
        (
            {"fact": PARENT, "op": "gt", "value": "yes"},
            f"question 9.1: applies_when.op: `gt` does not fit '{PARENT}' (a choice from yes, "
            "no, unsure); use eq, ne, in, not_in, answered, unanswered",
        ),
        (
            {"all": [{"fact": PARENT, "op": "eq", "value": "maybe"}]},
            f"question 9.1: applies_when.all[0].value: 'maybe' is not an answer '{PARENT}' can "
            "have; use one of: yes, no, unsure",
        ),
        (
            {"fact": PARENT},
            f"question 9.1: applies_when: Value error, the test on '{PARENT}' needs an `op:`",
        ),
    ],
)
def test_a_wrong_applies_when_is_reported(
    declared: list[Question], applies_when: dict[str, Any], message: str
) -> None:
    declared.append(_question("9.1", applies_when))
    with pytest.raises(FollowUpError) as error:
        follow_ups()
    assert str(error.value).startswith(message)


def test_python_values_are_typed_like_a_rule_files(declared: list[Question]) -> None:
    count = "environment.concurrent_engagements.count"
    declared.append(_question("9.1", {"fact": count, "op": "gt", "value": 0}))
    assert follow_ups()["9.1"].own == c.Test(count, "gt", 0)


def test_a_follow_up_of_a_follow_up_needs_both(declared: list[Question]) -> None:
    child = {"fact": "environment.prior_engagement.happened", "op": "eq", "value": "yes"}
    declared.append(_question("9.1", child))
    assert follow_ups()["9.1"].full == c.AllOf((APPLIES, c.Test(child["fact"], "eq", "yes")))
    assert "9.1" in not_applicable({PARENT: "no", child["fact"]: "yes"})


def test_a_question_cannot_depend_on_itself(declared: list[Question]) -> None:
    own = {"fact": "profile.engagement_level", "op": "eq", "value": "consult"}
    declared.append(_question("9.1", own, field="profile.engagement_level"))
    with pytest.raises(FollowUpError, match=r"question 9.1: applies_when goes round: 9.1 -> 9.1"):
        follow_ups()


def test_evidence_quotes_only_the_branches_that_hold() -> None:
    inner = c.AllOf((c.Test("a", "eq", "x"), c.Test("b", "eq", "y")))
    cond = c.AnyOf((c.Test("d", "eq", "z"), inner))
    # `b` holds, but its `all` is unknown (a is blank): only `d` supports the finding.
    assert c.true_tests(cond, {"a": None, "b": "y", "d": "z"}) == [c.Test("d", "eq", "z")]
    assert c.true_tests(cond, {"a": "x", "b": "y", "d": "z"}) == [
        c.Test("d", "eq", "z"),
        c.Test("a", "eq", "x"),
        c.Test("b", "eq", "y"),
    ]
