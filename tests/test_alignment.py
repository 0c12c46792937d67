"""The stakeholder alignment analysis behind the report's ODI Activity 6 section."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from engine.assessment.alignment import agreement_label, analyse
from engine.profile.models import Profile
from engine.profile.models.vocab import ELEMENTS
from engine.profile.validation import load_profile
from tests.conftest import PROFILES

TODAY = dt.date(2026, 11, 23)
ORG = list(ELEMENTS)


def profile(*relationships: dict[str, Any], org: list[str] | None = ORG) -> Profile:
    trust: dict[str, Any] = {"relationships": list(relationships)}
    if org is not None:
        trust["organisation_ranking"] = org
    return Profile.model_validate({"schema_version": 1, "trust": trust})


def test_no_relationship_means_no_analysis() -> None:
    assert analyse(Profile(schema_version=1), TODAY) is None
    assert analyse(profile(), TODAY) is None


def test_identical_rankings_agree_fully_and_flag_nothing() -> None:
    result = analyse(profile({"stakeholder": "A", "stakeholder_ranking": ORG}), TODAY)
    assert result is not None
    [person] = result.stakeholders
    assert (person.agreement, person.agreement_label) == (1.0, "strong")
    assert person.large_gaps == [] and person.neglected_priorities == []
    assert result.least_agreement == []


def test_reversed_ranking_is_opposed_with_large_gaps() -> None:
    result = analyse(profile({"stakeholder": "A", "stakeholder_ranking": ORG[::-1]}), TODAY)
    assert result is not None
    [person] = result.stakeholders
    assert (person.agreement, person.agreement_label) == (-1.0, "opposed")
    assert person.neglected_priorities == ORG[::-1][:3]
    # ranks r and 11 - r differ by |2r - 11|: 9, 7, 5, 3, 1, 1, 3, 5, 7, 9; eight are >= 3
    assert len(person.large_gaps) == 8


def test_relationship_ranking_overrides_the_organisation_wide_one() -> None:
    data = {"stakeholder": "A", "stakeholder_ranking": ORG[::-1], "organisation_ranking": ORG[::-1]}
    result = analyse(profile(data), TODAY)
    assert result is not None and result.stakeholders[0].agreement == 1.0


def test_too_short_a_ranking_is_not_measured() -> None:
    result = analyse(profile({"stakeholder": "A", "stakeholder_ranking": ORG[:2]}), TODAY)
    assert result is not None
    assert result.stakeholders[0].agreement is None
    assert result.stakeholders[0].agreement_label.startswith("not measurable")


def test_concerns_next_steps_and_overdue() -> None:
    relationship = {
        "stakeholder": "A",
        "feedback": {
            "privacy_security": {"trust": "low"},
            "ethics_transparency": {"expectations_met": "no"},
            "quality_accuracy": {"trust": "high", "expectations_met": "yes"},
        },
        "next_steps": [
            {
                "element": "privacy_security",
                "action": "Audit",
                "timeframe": "2026-01-31",
                "status": "planned",
            },
            {
                "element": "quality_accuracy",
                "action": "Publish",
                "timeframe": "2027-01-31",
                "status": "done",
            },
        ],
    }
    result = analyse(profile(relationship), TODAY)
    assert result is not None
    [person] = result.stakeholders
    assert person.concerns_without_step == ["ethics_transparency"]
    assert [step.overdue for step in person.next_steps] == [True, False]
    rows = {row.element: row for row in person.rows}
    assert rows["privacy_security"].next_step == "Audit" and rows["privacy_security"].concern
    assert not rows["quality_accuracy"].concern


def test_shared_neglected_priorities_and_least_agreement_on_the_example() -> None:
    loaded, _ = load_profile(PROFILES / "trust-misalignment.yaml")
    result = analyse(loaded, TODAY)
    assert result is not None
    assert result.shared_neglected == [
        "active_positive_impact",
        "engagement_accountability",
        "ethics_transparency",
    ]
    assert result.least_agreement == ["active_positive_impact"]
    labels = [s.agreement_label for s in result.stakeholders]
    assert labels == ["opposed", "opposed", "strong"]  # the third is a survey's consensus


def test_agreement_labels_cover_the_range() -> None:
    assert [agreement_label(t) for t in (1.0, 0.7, 0.5, 0.3, 0.1, 0.0, -0.2)] == [
        "strong",
        "strong",
        "moderate",
        "moderate",
        "weak",
        "weak",
        "opposed",
    ]


def test_the_example_report_shows_gaps_and_missing_next_steps(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parent / "golden" / "trust-misalignment.md").read_text(
        encoding="utf-8"
    )
    assert "## Stakeholder trust alignment" in text
    assert "No next step is agreed for Active and positive impact" in text
    assert "⏰ overdue" in text
    assert "```mermaid" not in text  # the gaps are the table's Gap column: a chart repeated it
    assert text.splitlines()[0].startswith("# ⚠️ GO WITH CONDITIONS")
