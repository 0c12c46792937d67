"""Validation turns every schema problem into one positioned line a planner can act on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.errors import InputError
from engine.profile.validation import load_profile


def errors(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_profile(path)
    return [f"{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


def test_all_problems_reported_at_once_in_line_order(write: Callable[..., Path]) -> None:
    path = write(
        """\
        schema_version: 1
        objectives:
          statments: []
          team_agreement: agreeed
        resources:
          capacity_for_change:
            leadership_commitment: hihg
          timeline:
            min_duration_days: ten
        profile:
          prepared_on: 2026-02-30
        """
    )
    assert errors(path) == [
        "3:3: unknown field 'statments' in objectives (did you mean 'statements'?)",
        "4:19: objectives.team_agreement: 'agreeed' is not an allowed answer; use one of: "
        "agreed, partly_agreed, not_discussed (did you mean 'agreed'?)",
        "7:28: resources.capacity_for_change.leadership_commitment: 'hihg' is not an allowed "
        "answer; use one of: none, low, medium, high, unsure (did you mean 'high'?)",
        "9:24: resources.timeline.min_duration_days: expected a whole number, found 'ten'",
        "11:16: profile.prepared_on: '2026-02-30' is not a valid date (day value is outside "
        "expected range); write it as YYYY-MM-DD",
    ]


def test_unknown_top_level_section(write: Callable[..., Path]) -> None:
    assert errors(write("schema_version: 1\nobjective:\n  team_agreement: agreed\n")) == [
        "2:1: unknown field 'objective' (did you mean 'objectives'?)"
    ]


def test_unknown_field_without_close_match_lists_allowed(write: Callable[..., Path]) -> None:
    [message] = errors(write("schema_version: 1\nresources:\n  zzz: 1\n"))
    assert message == (
        "3:3: unknown field 'zzz' in resources; allowed here: preparation, timeline, staff, "
        "budget, capacity_for_change"
    )


def test_synonym_suggestion(write: Callable[..., Path]) -> None:
    [message] = errors(
        write("schema_version: 1\nresources:\n  staff:\n    facilitation: unknown\n")
    )
    assert message.endswith("(did you mean 'unsure'?)")


def test_wrong_type_section_given_text(write: Callable[..., Path]) -> None:
    assert errors(write("schema_version: 1\nobjectives: lots\n")) == [
        "2:13: objectives: expected a section of `key: value` lines, found 'lots'"
    ]


def test_wrong_type_list_given_text(write: Callable[..., Path]) -> None:
    assert errors(
        write("schema_version: 1\nobjectives:\n  guiding_principles: transparency\n")
    ) == [
        "3:23: objectives.guiding_principles: write the answers as a list, in brackets: "
        "`guiding_principles: [transparency]`"
    ]


def test_wrong_type_list_given_a_section_keeps_the_general_message(
    write: Callable[..., Path],
) -> None:
    text = "schema_version: 1\nobjectives:\n  guiding_principles:\n    a: transparency\n"
    assert errors(write(text)) == [
        "4:5: objectives.guiding_principles: expected a list (one `- ` line per entry), "
        "found a section of `key: value` lines"
    ]


def test_a_comma_list_item_that_needs_quotes_is_shown_quoted(write: Callable[..., Path]) -> None:
    text = (
        "schema_version: 1\nenvironment:\n  sensitivity:\n"
        "    competing_issues: the board's vote, budget\n"
    )
    assert errors(write(text)) == [
        "4:23: environment.sensitivity.competing_issues: write the answers as a list, in "
        'brackets: `competing_issues: ["the board\'s vote", budget]`'
    ]


def test_error_inside_a_list_item_points_at_it(write: Callable[..., Path]) -> None:
    path = write(
        """\
        schema_version: 1
        environment:
          stakeholders:
            - name: Parents
              first_time: yes
            - name: Tenants
              digital_literacy: middling
        """
    )
    assert errors(path) == [
        "7:25: environment.stakeholders[1].digital_literacy: 'middling' is not an allowed "
        "answer; use one of: low, medium, high, unsure"
    ]


def test_negative_days_out_of_range(write: Callable[..., Path]) -> None:
    [message] = errors(
        write("schema_version: 1\nresources:\n  timeline:\n    max_duration_days: -5\n")
    )
    assert message.startswith("4:24: resources.timeline.max_duration_days: '-5' is out of range")


def test_date_must_be_iso(write: Callable[..., Path]) -> None:
    [message] = errors(write("schema_version: 1\nprofile:\n  prepared_on: 03/04/2026\n"))
    assert message == (
        "3:16: profile.prepared_on: '03/04/2026' is not a date written as YYYY-MM-DD"
    )


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("yes", "yes"),
        ("Yes", "yes"),
        ("true", "yes"),
        ("on", "yes"),
        ("no", "no"),
        ("NO", "no"),
        ("false", "no"),
        ("off", "no"),
        ("unsure", "unsure"),
        ("'yes'", "yes"),
    ],
)
def test_yes_no_accepts_both_spellings(write: Callable[..., Path], typed: str, read: str) -> None:
    profile, _ = load_profile(
        write(f"schema_version: 1\nobjectives:\n  internal_buy_in_needed: {typed}\n")
    )
    assert profile.objectives is not None
    assert profile.objectives.internal_buy_in_needed == read


def test_text_answers_keep_their_text(write: Callable[..., Path]) -> None:
    path = write(
        """\
        schema_version: 1
        profile:
          name: NO
          ids: 0123
          use_case: 1.10
          prepared_by: yes
        """
    )
    profile, _ = load_profile(path)
    assert profile.profile is not None
    assert (profile.profile.name, profile.profile.ids) == ("NO", "0123")
    assert (profile.profile.use_case, profile.profile.prepared_by) == ("1.10", "yes")


def test_blank_means_unanswered_not_no(write: Callable[..., Path]) -> None:
    path = write(
        "schema_version: 1\nobjectives:\n  internal_buy_in_needed:\n  team_agreement: ''\n"
    )
    with pytest.raises(InputError):  # an empty quoted string is not a vocabulary word
        load_profile(path)
    profile, _ = load_profile(write("schema_version: 1\nobjectives:\n  internal_buy_in_needed:\n"))
    assert profile.objectives is not None and profile.objectives.internal_buy_in_needed is None


def test_empty_list_is_an_answer_of_none(write: Callable[..., Path]) -> None:
    profile, _ = load_profile(
        write("schema_version: 1\nresources:\n  capacity_for_change:\n    non_negotiables: []\n")
    )
    assert profile.resources is not None and profile.resources.capacity_for_change is not None
    assert profile.resources.capacity_for_change.non_negotiables == []


def test_dates_parse(write: Callable[..., Path]) -> None:
    profile, _ = load_profile(
        write("schema_version: 1\nprofile:\n  engagement_starts: 2027-02-01\n")
    )
    assert profile.profile is not None
    assert profile.profile.engagement_starts == dt.date(2027, 2, 1)


def test_missing_schema_version(write: Callable[..., Path]) -> None:
    assert errors(write("objectives: {}\n")) == [
        "1:1: `schema_version: 1` is missing; add it as the first line"
    ]


def test_newer_schema_version(write: Callable[..., Path]) -> None:
    assert errors(write("schema_version: 7\n")) == [
        "1:17: this profile uses schema_version 7, but this ids-readiness reads version 1; "
        "upgrade ids-readiness"
    ]


def test_older_schema_version(write: Callable[..., Path]) -> None:
    assert errors(write("schema_version: 0\n")) == [
        "1:17: schema_version 0 is not supported (no such version was ever released)"
    ]


def test_schema_version_not_a_number(write: Callable[..., Path]) -> None:
    assert errors(write("schema_version: one\n")) == [
        "1:17: schema_version must be a whole number, 1; found 'one'"
    ]


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n"])
def test_top_level_must_be_sections(write: Callable[..., Path], text: str) -> None:
    [message] = errors(write(text))
    assert message.startswith("1:1: the top level must be sections such as `schema_version:`")


def test_pair_must_name_a_listed_group(write: Callable[..., Path]) -> None:
    path = write(
        """\
        schema_version: 1
        environment:
          stakeholders:
            - name: Parents
            - name: Tenants union
          antagonisms:
            - between: [Parnets, ids]
        """
    )
    assert errors(path) == [
        "7:17: environment.antagonisms[0].between[0]: 'Parnets' is not a stakeholder group "
        "listed under environment.stakeholders ('Parents', 'Tenants union') nor `ids` "
        "(did you mean 'Parents'?)"
    ]


def test_pair_needs_two_sides(write: Callable[..., Path]) -> None:
    [message] = errors(
        write("schema_version: 1\nenvironment:\n  alignments:\n    - between: [ids]\n")
    )
    assert message.startswith(
        "4:16: environment.alignments[0].between: list should have at least 2"
    )


def test_min_longer_than_max(write: Callable[..., Path]) -> None:
    path = write(
        "schema_version: 1\nresources:\n  timeline:\n    min_duration_days: 90\n"
        "    max_duration_days: 30\n"
    )
    assert errors(path) == [
        "5:24: resources.timeline.max_duration_days: the longest duration (30 days) is shorter "
        "than the shortest (90 days)"
    ]


def test_duplicate_group_names(write: Callable[..., Path]) -> None:
    path = write("schema_version: 1\nenvironment:\n  stakeholders:\n    - name: A\n    - name: A\n")
    assert errors(path) == [
        "5:13: environment.stakeholders[1].name: stakeholder group 'A' is listed twice "
        "(also item 1); give each group one entry"
    ]


def test_ranking_must_not_repeat(write: Callable[..., Path]) -> None:
    path = write(
        "schema_version: 1\ntrust:\n  organisation_ranking: [legal_compliance, legal_compliance]\n"
    )
    [message] = errors(path)
    assert message == (
        "3:25: trust.organisation_ranking: 'legal_compliance' is listed twice; list each one once"
    )


def test_waiver_needs_rule_and_reason(write: Callable[..., Path]) -> None:
    path = write("schema_version: 1\nwaivers:\n  - approved_by: Board\n")
    assert errors(path) == [
        "3:5: waivers[0].reason is required",
        "3:5: waivers[0].rule is required",
    ]
