"""Every question of both worksheets has a field, and answered-ness is computed as documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.profile.models import Profile
from engine.profile.questions import _order, answered_ids, by_id, is_answered, questions
from engine.rules.critical import always_critical, core_critical
from tests.engine_support import ruleset

HERE = Path(__file__).resolve().parent
DOMAIN = HERE.parents[1] / "shared" / "domain.md"
COMMITTED = HERE / "data" / "domain_questions.txt"
QUESTION_ROW = re.compile(r"^\| (?:\*\*)?(\d\.\d+|[SY]\d)\b", re.MULTILINE)


def committed_ids() -> list[str]:
    return COMMITTED.read_text(encoding="utf-8").split()


def test_every_domain_question_has_a_field() -> None:
    table = by_id()
    missing = [qid for qid in committed_ids() if qid not in table or not table[qid].primary]
    assert missing == []


@pytest.mark.skipif(not DOMAIN.exists(), reason="shared/domain.md is not beside this checkout")
def test_committed_question_list_matches_domain_brief() -> None:
    found = sorted(set(QUESTION_ROW.findall(DOMAIN.read_text(encoding="utf-8"))))
    assert found == sorted(committed_ids())


def test_questions_carry_source_and_section() -> None:
    for question in questions():
        assert question.source in {"nothing-to-hide", "odi-guidebook"}, question.id
        assert question.section, question.id
        assert question.text.endswith("?") or "?" in question.text, question.id


def test_critical_questions_are_the_ones_the_rule_set_declares() -> None:
    """The rule files are the one place that says which blanks always decide the verdict."""
    critical = always_critical(ruleset())
    assert critical == {"1.1", "1.2", "3.20", "3.21", "3.22", "3.23", "T-RES-1"}
    assert core_critical() == critical


def test_blank_profile_answers_nothing() -> None:
    assert answered_ids(Profile(schema_version=1)) == set()


def test_list_questions_need_every_item_answered() -> None:
    question = by_id()["2.6"]
    groups = [{"name": "A", "first_time": "yes"}, {"name": "B"}]
    profile = Profile.model_validate({"schema_version": 1, "environment": {"stakeholders": groups}})
    assert not is_answered(question, profile)
    groups[1]["first_time"] = "no"
    profile = Profile.model_validate({"schema_version": 1, "environment": {"stakeholders": groups}})
    assert is_answered(question, profile)


def test_an_empty_list_answers_a_list_question() -> None:
    profile = Profile.model_validate(
        {"schema_version": 1, "environment": {"concurrent_engagements": []}}
    )
    assert is_answered(by_id()["2.3"], profile)


def test_element_questions_need_any_element() -> None:
    relationship = {"stakeholder": "X", "feedback": {"privacy_security": {"trust": "low"}}}
    profile = Profile.model_validate(
        {"schema_version": 1, "trust": {"relationships": [relationship]}}
    )
    assert is_answered(by_id()["S1"], profile)
    assert not is_answered(by_id()["S2"], profile)


def test_budget_question_is_answered_by_its_needed_line() -> None:
    line = {"communications_outreach": {"funded": "yes"}}
    profile = Profile.model_validate({"schema_version": 1, "resources": {"budget": line}})
    assert not is_answered(by_id()["3.13"], profile)
    line["communications_outreach"]["needed"] = "yes"
    profile = Profile.model_validate({"schema_version": 1, "resources": {"budget": line}})
    assert is_answered(by_id()["3.13"], profile)


def test_a_follow_up_question_sorts_right_after_the_question_it_extends() -> None:
    ids = [q.id for q in questions()]
    assert ids.index("2.9a") == ids.index("2.9") + 1
    assert ids.index("2.10") == ids.index("2.9a") + 1
    assert ids.index("2.11a") == ids.index("2.11") + 1
    assert ids.index("3.14a") == ids.index("3.14") + 1
    assert ids.index("3.16a") == ids.index("3.16") + 1
    assert sorted(["2.9b", "2.10", "2.9", "2.9a"], key=_order) == ["2.9", "2.9a", "2.9b", "2.10"]
