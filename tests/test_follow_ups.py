"""Follow-up questions end to end: completeness, unanswered list, findings, areas, outputs."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.assessment.assessment import Assessment
from engine.profile.models import Profile
from engine.profile.questions import by_id
from engine.profile.template import Notes, render_template
from engine.rules import applicability
from engine.rules import conditions as c
from engine.rules.applicability import follow_ups, wordings
from engine.rules.fact_catalog import catalog
from tests.conftest import Run
from tests.engine_support import NO_FILE, assessor
from tests.strategies import profile_data

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FOLLOW_UPS = sorted(follow_ups())


def _assess(data: dict[str, Any]) -> Assessment:
    return assessor().assess(Profile.model_validate(data), NO_FILE, "generated")


def _history(integration: dict[str, Any], engagement: dict[str, Any] | None = None) -> Assessment:
    environment: dict[str, Any] = {"prior_integration": integration}
    if engagement is not None:
        environment["prior_engagement"] = engagement
    return _assess({"schema_version": 1, "environment": environment})


def test_2_1_no_makes_2_2_not_applicable_and_drops_it_from_the_total() -> None:
    applies, skipped = _history({"happened": "yes"}), _history({"happened": "no"})
    assert "2.2" in {q.id for q in applies.unanswered}
    assert "2.2" not in applies.not_applicable
    assert "2.2" not in {q.id for q in skipped.unanswered}
    assert "2.2" in skipped.not_applicable
    assert skipped.completeness.total == applies.completeness.total - 1
    assert skipped.completeness.answered == applies.completeness.answered


def test_an_answer_to_a_follow_up_that_does_not_apply_is_not_counted() -> None:
    stale = _history({"happened": "no"}, {"happened": "yes", "outcome": "failed"})
    fresh = _history({"happened": "no"})
    assert stale.completeness == fresh.completeness
    assert [f.rule for f in stale.findings] == [f.rule for f in fresh.findings]


def test_blanking_2_1_silences_the_findings_on_2_2() -> None:
    engagement = {"happened": "yes", "outcome": "failed"}
    assert "earlier-effort-troubled" in {
        f.rule for f in _history({"happened": "yes"}, engagement).findings
    }
    assert "earlier-effort-troubled" not in {f.rule for f in _history({}, engagement).findings}


def _area(assessment: Assessment, name: str) -> str:
    return next(row.status for row in assessment.areas if row.area == name)


def test_an_area_is_not_held_back_by_a_question_that_does_not_apply() -> None:
    environment = {
        "prior_integration": {"happened": "no"},
        "concurrent_engagements": [],
        "mistrust": {"level": "none"},
        "records": {"regime": "confidential", "participants_informed": "yes"},
    }
    assessment = _assess({"schema_version": 1, "environment": environment})
    area = assessment.areas[
        [r.area for r in assessment.areas].index("environment.previous-engagements")
    ]
    assert "2.2" in assessment.not_applicable
    assert area.open["major"] == area.open["minor"] == 0
    assert _area(assessment, "environment.previous-engagements") == "ready"


def _parents(question: str) -> list[tuple[str, ...]]:
    """The answers a follow-up's own condition reads, as profile paths; a derived fact's are
    the answers it is computed from, each cut at its first list (the whole list is blanked)."""
    facts = catalog()
    paths = []
    for name in c.facts_in(follow_ups()[question].own):
        spec = facts[name]
        inputs = [tuple(i.split("[*]")[0].split(".")) for i in spec.inputs]
        paths.extend([spec.path] if spec.path else inputs)
    return paths


def _remove(data: Any, path: tuple[str, ...]) -> None:
    for part in path[:-1]:
        data = data.get(part) if isinstance(data, dict) else None
    if isinstance(data, dict):
        data.pop(path[-1], None)


def _cites(fact: str, fields: tuple[str, ...]) -> bool:
    patterns = (re.escape(f).replace(r"\*", r"\d+").replace(r"\?", r"[a-z_]+") for f in fields)
    return any(re.fullmatch(rf"{p}(\.count)?", fact) for p in patterns)


@SETTINGS
@given(profile_data(), st.sampled_from(FOLLOW_UPS))
def test_blanking_a_parent_never_produces_a_finding_about_its_children(
    data: dict[str, Any], question: str
) -> None:
    blanked = copy.deepcopy(data)
    for path in _parents(question):
        _remove(blanked, path)
    assessment = _assess(blanked)
    fields = by_id()[question].fields
    cited = [(f.rule, e.fact) for f in assessment.findings for e in f.evidence]
    assert [pair for pair in cited if _cites(pair[1], fields)] == []
    assert question not in {q.id for q in assessment.unanswered}
    assert question in assessment.not_applicable


def test_the_template_says_when_a_follow_up_applies() -> None:
    lines = render_template(Notes(wordings())).splitlines()
    label = next(i for i, line in enumerate(lines) if line.strip().startswith("# [2.2]"))
    assert lines[label + 2].strip() == "# (a follow-up: answer only if 2.1 is one of yes, unsure)"
    assert lines[label + 3].strip() == "happened:"
    assert "follow-up" not in render_template()


def test_init_writes_the_follow_up_note(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    assert cli("init", str(path)).code == 0
    note = "# (a follow-up: answer only if 2.1 is one of yes, unsure)"
    assert note in path.read_text(encoding="utf-8")


def test_questions_command_shows_the_condition(cli: Callable[..., Run]) -> None:
    text = cli("questions").out
    assert "environment.prior_engagement.happened (only if 2.1 is one of yes, unsure)" in text
    markdown = cli("questions", "--format", "markdown").out
    assert any(
        line.startswith("| 2.2 |") and "| only if 2.1 is one of yes, unsure |" in line
        for line in markdown.splitlines()
    )
    assert '"applies_if": "2.1 is one of yes, unsure"' in cli("questions", "--format", "json").out


def test_the_report_says_which_questions_do_not_apply(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    profile = write("schema_version: 1\nenvironment:\n  prior_integration:\n    happened: no\n")
    report = cli("assess", str(profile), "--fail-on", "never", "--today", "2026-11-23").out
    assert "\nNot applicable given your answers: 2.2, " in report
    assert "| 2.2:" not in report
    assert "| 2.3:" in report


def test_a_follow_up_s_wording_names_questions_by_id() -> None:
    assert applicability.wording("2.2") == "2.1 is one of yes, unsure"


def test_the_template_words_a_follow_up_without_fact_paths() -> None:
    for question_id in follow_ups():
        text = applicability.wording(question_id)
        assert text is not None and "derived." not in text and "environment." not in text
    assert applicability.wording("2.9a") == (
        "some stakeholder groups have a history of antagonism toward each other"
    )
