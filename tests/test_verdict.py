"""The verdict policy and waivers, exactly as design.md states them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.assessment import verdict
from engine.profile.models.profile import Waiver
from engine.profile.template import render_template
from engine.profile.validation import load_profile
from tests.conftest import ROOT
from tests.engine_support import TODAY, assessor

BASE = """\
schema_version: 1
resources:
  capacity_for_change:
    final_authority: agency_head
    leadership_commitment: high
    input_can_change_outcome: no
    open_to_influence: [Which records are linked]
    non_negotiables: []
    resources_to_follow_through: yes
objectives:
  statements: [{text: Learn what parents want}]
  team_agreement: agreed
"""


def waiver(**fields: object) -> Waiver:
    """A waiver running a month from the assessment date, unless `fields` say otherwise."""
    month = (TODAY + dt.timedelta(days=30)).isoformat()
    return Waiver.model_validate({"rule": "x", "reason": "accepted", "expires": month, **fields})


@pytest.mark.parametrize(
    ("severities", "expected"),
    [
        ([], "go"),
        (["advisory", "minor"], "go"),
        (["major", "minor"], "conditional"),
        (["blocker", "advisory"], "no-go"),
        (["major", "blocker"], "no-go"),
    ],
)
def test_verdict_from_open_severities(severities: list[str], expected: str) -> None:
    assert verdict.verdict(severities) == expected


@pytest.mark.parametrize(
    ("severities", "expected"),
    [
        ([], "incomplete"),
        (["major", "minor"], "incomplete"),
        (["blocker"], "no-go"),
    ],
)
def test_a_blank_critical_question_is_incomplete_unless_a_blocker_is_open(
    severities: list[str], expected: str
) -> None:
    assert verdict.verdict(severities, critical_blank=True) == expected


def test_incomplete_sits_between_conditions_and_no_go_for_fail_on() -> None:
    assert verdict.VERDICT_ORDER == ("go", "conditional", "incomplete", "no-go")
    assert verdict.at_least("incomplete", "conditional")
    assert not verdict.at_least("incomplete", "no-go")


def test_no_waiver_means_open() -> None:
    assert verdict.apply_waiver("major", None, TODAY, True) == verdict.Decision("open")


def test_waiver_accepts_a_major() -> None:
    assert verdict.apply_waiver("major", waiver(), TODAY, True).status == "waived"


def test_waiver_valid_through_its_expiry_day() -> None:
    assert verdict.apply_waiver("major", waiver(expires=TODAY), TODAY, True).status == "waived"


def test_expired_waiver_no_longer_applies_and_says_so() -> None:
    decision = verdict.apply_waiver(
        "major", waiver(expires=TODAY - dt.timedelta(days=1)), TODAY, True
    )
    assert decision == verdict.Decision("expired-waiver", "the waiver expired on 2026-11-22")
    assert verdict.is_open(decision.status)


def test_a_blocker_is_never_waived_and_the_note_says_what_lifts_it() -> None:
    for approved in (None, "IDS board"):
        decision = verdict.apply_waiver(
            "blocker", waiver(approved_by=approved), TODAY, True, lift="Reopen the decision."
        )
        assert decision == verdict.Decision(
            "open", "a blocker cannot be waived: Reopen the decision."
        )


def test_waivers_last_at_most_a_year_and_need_an_end() -> None:
    last = TODAY + dt.timedelta(days=verdict.MAX_WAIVER_DAYS)
    assert verdict.apply_waiver("major", waiver(expires=last), TODAY, True).status == "waived"
    longer = verdict.apply_waiver("major", waiver(expires=last + dt.timedelta(1)), TODAY, True)
    assert longer.status == "open"
    assert longer.note is not None and longer.note.endswith(f"on or before {last.isoformat()}")
    endless = verdict.apply_waiver("major", waiver(expires=None), TODAY, True)
    assert endless.status == "open"


def test_a_completeness_finding_cannot_be_waived() -> None:
    decision = verdict.apply_waiver(
        "major", waiver(approved_by="IDS board"), TODAY, True, waivable=False
    )
    assert decision == verdict.Decision(
        "open", "a blank that decides the verdict cannot be waived; answer it"
    )


def test_no_waivers_audit_view() -> None:
    decision = verdict.apply_waiver("minor", waiver(), TODAY, use_waivers=False)
    assert decision == verdict.Decision("open", "a waiver exists but --no-waivers is set")


@pytest.mark.parametrize(
    ("value", "threshold", "expected"),
    [
        ("go", "no-go", False),
        ("no-go", "no-go", True),
        ("conditional", "conditional", True),
        ("go", "conditional", False),
    ],
)
def test_fail_on_thresholds(value: str, threshold: str, expected: bool) -> None:
    assert verdict.at_least(value, threshold) is expected


def test_an_approved_blocker_waiver_keeps_no_go(write: Callable[..., Path]) -> None:
    """Blockers are the cases where engaging is pointless; no approval makes it worth doing."""
    text = (
        BASE
        + "waivers:\n  - {rule: input-cannot-change-outcome, reason: Statutory deadline, "
        + "approved_by: IDS board, expires: 2027-06-30}\n"
    )
    profile, tree = load_profile(write(text))
    result = assessor().assess(profile, tree, "p.yaml")
    finding = next(f for f in result.findings if f.rule == "input-cannot-change-outcome")
    assert finding.status == "open"
    assert finding.note is not None and finding.note.startswith("a blocker cannot be waived: ")
    assert finding.lift is not None and finding.lift in finding.note
    assert result.verdict == "no-go"


def test_unapproved_blocker_waiver_keeps_no_go(write: Callable[..., Path]) -> None:
    text = BASE + "waivers:\n  - {rule: input-cannot-change-outcome, reason: We disagree}\n"
    profile, tree = load_profile(write(text))
    result = assessor().assess(profile, tree, "p.yaml")
    assert result.verdict == "no-go"


def test_unused_waiver_is_reported(write: Callable[..., Path]) -> None:
    text = BASE + "waivers:\n  - {rule: past-privacy-violation, reason: Not relevant}\n"
    profile, tree = load_profile(write(text))
    assert assessor().assess(profile, tree, "p.yaml").unused_waivers == ["past-privacy-violation"]


def test_waiver_for_an_unknown_rule_is_an_error_with_a_suggestion(
    write: Callable[..., Path],
) -> None:
    text = BASE + "waivers:\n  - {rule: input-cannot-change-outcom, reason: x}\n"
    path = write(text)
    profile, tree = load_profile(path)
    [problem] = assessor().waiver_problems(profile, tree, str(path))
    assert (problem.line, problem.column) == (14, 12)
    assert problem.message == (
        "waivers[0].rule: no rule 'input-cannot-change-outcom' in the rule set "
        "(did you mean 'input-cannot-change-outcome'?)"
    )


def test_critical_blank_prevents_go(write: Callable[..., Path]) -> None:
    profile, tree = load_profile(
        write(
            BASE.replace("    final_authority: agency_head\n", "").replace(
                "input_can_change_outcome: no", "input_can_change_outcome: yes"
            )
        )
    )
    result = assessor().assess(profile, tree, "p.yaml")
    assert result.verdict == "incomplete"
    assert [f.rule for f in result.findings if f.severity == "major"] == [
        "unanswered-final-authority"
    ]
    assert [f.completeness for f in result.findings] == [True]


def test_a_waiver_never_turns_incomplete_into_go(write: Callable[..., Path]) -> None:
    text = BASE.replace("    final_authority: agency_head\n", "").replace(
        "input_can_change_outcome: no", "input_can_change_outcome: yes"
    )
    text += (
        "waivers:\n  - {rule: unanswered-final-authority, reason: later, approved_by: Board,\n"
        f"     expires: {(TODAY + dt.timedelta(days=30)).isoformat()}}}\n"
    )
    profile, tree = load_profile(write(text))
    result = assessor().assess(profile, tree, "p.yaml")
    assert result.verdict == "incomplete"
    [finding] = result.findings
    assert finding.status == "open" and finding.note is not None


def test_the_blank_template_is_incomplete(tmp_path: Path) -> None:
    path = tmp_path / "blank.yaml"
    path.write_text(render_template(), encoding="utf-8")
    profile, tree = load_profile(path)
    result = assessor().assess(profile, tree, "blank.yaml")
    assert result.verdict == "incomplete"
    assert result.completeness.answered == 0
    assert {q.id for q in result.unanswered if q.critical} == {
        "1.1",
        "1.2",
        "3.20",
        "3.21",
        "3.22",
        "3.23",
        "T-RES-1",
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("county-ready", "go"),
        ("decision-already-made", "no-go"),
        ("state-breach-mistrust", "conditional"),
        ("trust-misalignment", "conditional"),
        ("university-county-no-facilitation", "incomplete"),
    ],
)
def test_each_example_gets_the_verdict_its_scenario_describes(name: str, expected: str) -> None:
    profile, tree = load_profile(ROOT / "profiles" / f"{name}.yaml")
    result = assessor().assess(profile, tree, name)
    assert result.verdict == expected


def test_the_fully_answered_reassuring_example_is_go_with_nothing_blank() -> None:
    profile, tree = load_profile(ROOT / "profiles" / "county-ready.yaml")
    result = assessor().assess(profile, tree, "county-ready")
    assert result.verdict == "go" and result.unanswered == []
    assert result.completeness.answered == result.completeness.total
    assert {f.severity for f in result.open_findings()} <= {"advisory"}
