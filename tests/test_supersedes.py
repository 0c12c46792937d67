"""`supersedes:`: checked at load, and one cause counted once in the assessment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from engine.assessment.assessment import Assessment, Assessor
from engine.profile.validation import load_profile
from engine.rules.rule_loader import load_ruleset
from engine.workflows.catalogue import describe_rule, rule_rows
from tests.conftest import Run
from tests.engine_support import TODAY
from tests.test_rule_loader import errors, make

INFO = "name: ours\nversion: '1'\n"


def rule(rule_id: str, severity: str, level: str, supersedes: str = "") -> str:
    """A rule that fires when mistrust is at `level` or above (high > medium)."""
    values = {"high": "[high]", "medium": "[medium, high]"}[level]
    extra = f"  supersedes: {supersedes}\n" if supersedes else ""
    return (
        f"- id: {rule_id}\n"
        f"  title: Mistrust is {level} or more\n"
        "  area: environment.previous-engagements\n"
        f"  severity: {severity}\n"
        f"  when: {{fact: environment.mistrust.level, op: in, value: {values}}}\n"
        "  tip: Start by rebuilding trust.\n"
        '  cite: {source: nothing-to-hide, section: "C.1 §2"}\n'
        f"{extra}"
    )


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (
            rule("a", "major", "high", "[weak-rul]") + rule("weak-rule", "major", "medium"),
            "custom.yaml:8:16: rule 'a': supersedes unknown rule 'weak-rul' "
            "(did you mean 'weak-rule'?)",
        ),
        (
            rule("a", "major", "high", "[a]"),
            "custom.yaml:8:16: rule 'a': a rule cannot supersede itself",
        ),
        (
            rule("a", "minor", "high", "[b]") + rule("b", "major", "medium"),
            "custom.yaml:8:16: rule 'a': a minor cannot supersede 'b', a major: a riskier answer "
            "could then hide a more severe finding",
        ),
        (
            rule("a", "major", "high", "[b, b]") + rule("b", "major", "medium"),
            "custom.yaml:8:19: rule 'a': supersedes 'b' twice; list it once",
        ),
        (
            rule("a", "major", "high", "[unanswered-final-authority]"),
            "custom.yaml:8:16: rule 'a': 'unanswered-final-authority' is a decisive blank; it "
            "cannot be superseded, because a blank that decides the verdict is cleared only by "
            "answering it",
        ),
        (
            rule("a", "major", "high", "[b]") + rule("b", "major", "medium", "[a]"),
            "custom.yaml:16:16: rule 'b': supersedes forms a cycle (a -> b -> a); break it",
        ),
    ],
)
def test_a_wrong_supersedes_stops_the_rule_set_with_its_line(
    tmp_path: Path, rules: str, message: str
) -> None:
    assert errors(make(tmp_path, rules, INFO)) == [message]


def test_a_longer_cycle_is_found_once(tmp_path: Path) -> None:
    rules = (
        rule("a", "major", "high", "[b]")
        + rule("b", "major", "high", "[c]")
        + rule("c", "major", "high", "[a]")
    )
    [message] = errors(make(tmp_path, rules, INFO))
    assert message.endswith("supersedes forms a cycle (a -> b -> c -> a); break it")


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    return make(
        tmp_path, rule("strong", "major", "high", "[weak]") + rule("weak", "minor", "medium"), INFO
    )


def _assess(
    folder: Path, write: Callable[..., Path], level: str, waive: bool = False
) -> Assessment:
    load_ruleset.cache_clear()
    text = f"schema_version: 1\nenvironment:\n  mistrust: {{level: {level}, plan: talk}}\n"
    if waive:
        text += "waivers:\n  - {rule: strong, reason: known, expires: 2026-12-31}\n"
    profile, tree = load_profile(write(text))
    return Assessor.build(load_ruleset(folder), TODAY).assess(profile, tree, "p.yaml")


def test_the_weaker_finding_is_folded_under_the_stronger(
    ours: Path, write: Callable[..., Path]
) -> None:
    result = _assess(ours, write, "high")
    statuses = {f.rule: (f.status, f.superseded_by) for f in result.findings}
    assert statuses["strong"] == ("open", [])
    assert statuses["weak"] == ("superseded", ["strong"])
    assert [f.rule for f in result.open_findings()] == [
        r for r in statuses if statuses[r][0] == "open"
    ]
    assert "weak" not in {f.rule for f in result.open_findings()}


def test_the_weaker_finding_stands_alone_when_the_stronger_does_not_fire(
    ours: Path, write: Callable[..., Path]
) -> None:
    result = _assess(ours, write, "medium")
    assert ("weak", "open") in {(f.rule, f.status) for f in result.findings}


def test_waiving_the_stronger_finding_leaves_the_weaker_open(
    ours: Path, write: Callable[..., Path]
) -> None:
    result = _assess(ours, write, "high", waive=True)
    statuses = {f.rule: f.status for f in result.findings}
    assert statuses == {**statuses, "strong": "waived", "weak": "open"}


def test_the_report_shows_the_folded_finding_under_the_stronger(
    ours: Path, cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    path = write("schema_version: 1\nenvironment:\n  mistrust: {level: high, plan: talk}\n")
    run = cli("assess", str(path), "--rules", str(ours), "--today", TODAY.isoformat())
    assert run.code == 0, run.err
    out = run.out
    assert "*Same cause, counted once here:* Mistrust is medium or more (minor, `weak`)" in out


def test_the_catalogue_shows_the_relation(ours: Path) -> None:
    load_ruleset.cache_clear()
    ruleset = load_ruleset(ours)
    rows = {row["id"]: row for row in rule_rows(ruleset)}
    assert rows["strong"]["supersedes"] == ["weak"] and rows["weak"]["superseded_by"] == ["strong"]
    assert "superseded by: strong" in describe_rule(ruleset.by_id()["weak"], ruleset)


BUDGET = """\
schema_version: 1
environment:
  stakeholders: [{name: Familias, needs: [language]}]
resources:
  budget:
    interpretation: {needed: yes, funded: no}
"""


def _core(write: Callable[..., Path], text: str) -> dict[str, tuple[str, list[str]]]:
    load_ruleset.cache_clear()
    profile, tree = load_profile(write(text))
    result = Assessor.build(load_ruleset(), TODAY).assess(profile, tree, "p.yaml")
    return {f.rule: (f.status, f.superseded_by) for f in result.findings}


def test_one_unfunded_language_line_is_one_condition(write: Callable[..., Path]) -> None:
    found = _core(write, BUDGET)
    assert found["language-support-not-funded"] == ("open", [])
    assert found["budget-line-unfunded"] == ("superseded", ["language-support-not-funded"])


def test_another_unfunded_line_still_counts_on_its_own(write: Callable[..., Path]) -> None:
    found = _core(write, BUDGET + "    in_person_events: {needed: yes, funded: no}\n")
    assert found["language-support-not-funded"] == ("open", [])
    assert found["budget-line-unfunded"] == ("open", [])
