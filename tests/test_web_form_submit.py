"""The form's inverse: what a browser submits becomes the profile's data again.

The round trip renders the form, reads back what a browser would send for it
(`tests/form_submission.py`) and parses that: the profile must be the same, so the form can
neither lose nor invent an answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from engine.profile.models import Profile
from engine.profile.models.fields import model_fields
from engine.web import saving
from engine.web.form import FormError, apply_action, build_form, parse_submission, render_form
from engine.web.form.choice_order import in_file_order, ordered_like
from engine.web.form.widgets import is_ranking
from tests.form_submission import submitted
from tests.strategies import profile_data

BASE: dict[str, Any] = {"schema_version": 1}


def _sets(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Multi-choice answers other than rankings: sets, sent in the vocabulary's order."""
    for spec in model_fields(model):
        path = (*prefix, spec.path[0])
        if spec.kind == "choices" and not is_ranking(model, spec):
            yield path
        if spec.model is not None:
            yield from _sets(spec.model, path)


SETS = frozenset(_sets(Profile))


def _same(value: Any, path: tuple[str, ...] = ()) -> Any:
    """A dumped profile with blanks left out: an all-blank section is no section, but an empty
    list ("there are none") stays an answer."""
    if isinstance(value, dict):
        kept = {k: _same(v, (*path, k)) for k, v in value.items() if v is not None}
        return {k: v for k, v in kept.items() if v != {}}
    if isinstance(value, list):
        items = [_same(item, path) for item in value]
        return sorted(items) if path in SETS else items
    return value


def _semantic(data: dict[str, Any]) -> Any:
    return _same(Profile.model_validate(data).model_dump(mode="json"))


def _round_trip(data: dict[str, Any]) -> dict[str, Any]:
    pairs = submitted(render_form(build_form(data))).pairs
    submission = parse_submission(pairs)
    assert submission.action is None
    return submission.data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile_data(waiver_rules=("mistrust-not-addressed", "unanswered-final-authority")))
def test_form_then_submission_gives_the_same_profile(data: dict[str, Any]) -> None:
    assert _semantic(_round_trip(data)) == _semantic(data)


AWKWARD = [
    "Lakeshore #2",
    "Note: a colon: here",
    "She said \"no\" and 'yes'",
    "line one\nline two\n\nline four",
    "\nstarts with a line break",
    "<script>alert(1)</script>",
    "a & b &amp; c",
    "  spaces around  ",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_survives(text: str) -> None:
    data = {
        **BASE,
        "profile": {"name": text.replace("\n", " "), "use_case": text},
        "objectives": {"statements": [{"text": text}]},
        "environment": {
            "stakeholders": [{"name": "A", "notes": text}],
            "sensitivity": {"competing_issues": [text]},
        },
        "trust": {"relationships": [{"feedback": {"privacy_security": {"comment": text}}}]},
    }
    assert _round_trip(data) == data


def test_a_name_with_a_line_break_is_kept_in_a_text_area() -> None:
    data = {**BASE, "profile": {"name": "two\nlines"}}
    assert _round_trip(data) == data


def test_blank_is_absent_never_no_and_unsure_is_kept() -> None:
    pairs = [
        ("schema_version", "1"),
        ("objectives.team_agreement", ""),
        ("objectives.internal_buy_in_needed", "unsure"),
        ("profile.name", "   "),
        ("resources.timeline.min_duration_days", " 30 "),
        ("resources.budget.translation.amount", "1200.50"),
        ("resources.timeline.max_duration_days", "ninety"),
        ("profile.use_case", "one\r\ntwo"),
    ]
    assert parse_submission(pairs).data == {
        "schema_version": 1,
        "objectives": {"internal_buy_in_needed": "unsure"},
        "resources": {
            "timeline": {"min_duration_days": 30, "max_duration_days": "ninety"},
            "budget": {"translation": {"amount": 1200.5}},
        },
        "profile": {"use_case": "one\ntwo"},
    }


def test_lists_are_blank_empty_or_listed() -> None:
    none = "environment.antagonisms._none"
    assert parse_submission([]).data == {}
    assert parse_submission([(none, "on")]).data == {"environment": {"antagonisms": []}}
    entry = [("environment.stakeholders.0._entry", "on"), ("environment.stakeholders.0.name", "")]
    assert parse_submission(entry).data == {"environment": {"stakeholders": [{}]}}
    issues = "environment.sensitivity.competing_issues"
    gaps = [(f"{issues}.3", "b"), (f"{issues}.1", "a")]
    assert parse_submission(gaps).data == {
        "environment": {"sensitivity": {"competing_issues": ["a", "b"]}}
    }
    ticked = [("objectives.guiding_principles", "transparency"),
              ("objectives.guiding_principles", "other")]  # fmt: skip
    assert parse_submission(ticked).data == {
        "objectives": {"guiding_principles": ["transparency", "other"]}
    }


@pytest.mark.parametrize(
    "name",
    [
        "profile.nickname",
        "objectives",
        "environment.stakeholders",
        "environment.stakeholders.x.name",
        "environment.stakeholders.0",
        "environment.stakeholders.0.name.more",
        "environment.stakeholders.99999.name",
        "trust.practices.privacy_security",
        "trust.practices.nowhere.steps",
        "objectives._none",
        "__proto__",
        "",
    ],
)
def test_names_the_form_never_sends_are_refused(name: str) -> None:
    with pytest.raises(FormError):
        parse_submission([(name, "x")])


def test_a_single_answer_sent_twice_is_refused() -> None:
    with pytest.raises(FormError):
        parse_submission([("profile.name", "a"), ("profile.name", "b")])


def test_the_action_is_returned_not_stored() -> None:
    submission = parse_submission([("profile.name", "a"), ("action", "add:waivers")])
    assert submission == type(submission)({"profile": {"name": "a"}}, "add:waivers")


def test_add_and_remove_entries() -> None:
    data: dict[str, Any] = {**BASE}
    data = apply_action(data, "add:environment.stakeholders")
    assert data["environment"] == {"stakeholders": [{}]}
    data = apply_action(data, "add:trust.relationships")
    data = apply_action(data, "add:trust.relationships.0.next_steps")
    assert data["trust"] == {"relationships": [{"next_steps": [{}]}]}
    data = apply_action(data, "add:resources.capacity_for_change.non_negotiables")
    assert data["resources"]["capacity_for_change"]["non_negotiables"] == [None]
    data = apply_action(data, "remove:environment.stakeholders.0")
    assert "stakeholders" not in data["environment"]  # blank again, not "none"
    assert apply_action(data, "remove:environment.stakeholders.5") == data


@pytest.mark.parametrize(
    "action",
    [
        "add:profile.name",
        "add:nowhere",
        "remove:environment",
        "jump:objectives.statements",
        "add:trust.relationships.3.next_steps",
    ],
)
def test_malformed_actions_are_refused(action: str) -> None:
    with pytest.raises(FormError):
        apply_action({**BASE}, action)


def test_an_added_entry_appears_in_the_form() -> None:
    data = apply_action({**BASE}, "add:environment.stakeholders")
    html = render_form(build_form(data))
    assert 'name="environment.stakeholders.0.name"' in html
    assert _round_trip(data) == data


def test_an_added_text_entry_keeps_its_place_until_typed() -> None:
    """Pressing another button before typing in a new entry must not make the entry vanish."""
    issues = "environment.sensitivity.competing_issues"
    data = apply_action({**BASE, "environment": {"sensitivity": {"competing_issues": ["a"]}}},
                        f"add:{issues}")  # fmt: skip
    pairs = submitted(render_form(build_form(data))).pairs
    assert (f"{issues}.1", "") in pairs
    again = parse_submission([*pairs, ("action", "add:environment.stakeholders")])
    assert again.data["environment"]["sensitivity"]["competing_issues"] == ["a", None]
    assert f'name="{issues}.1"' in render_form(build_form(again.data))


def test_a_list_of_untyped_entries_is_saved_blank_not_none() -> None:
    issues = "environment.sensitivity.competing_issues"
    data = {**BASE, **parse_submission([(f"{issues}.0", ""), (f"{issues}.1", " ")]).data}
    checked = saving.check(None, data, "p.yaml")
    assert checked.ok
    assert "competing_issues" not in checked.text  # unanswered, not "there are none" (`[]`)
    typed = {**BASE, **parse_submission([(f"{issues}.0", ""), (f"{issues}.1", "housing")]).data}
    written = saving.check(None, typed, "p.yaml")
    assert written.profile is not None and written.profile.environment is not None
    assert written.profile.environment.sensitivity is not None
    assert written.profile.environment.sensitivity.competing_issues == ["housing"]


def test_ticked_boxes_follow_the_files_order_and_rankings_do_not() -> None:
    ranking = ["privacy_security", "legal_compliance"]
    saved = {
        "objectives": {"guiding_principles": ["accountability", "transparency"]},
        "environment": {"stakeholders": [{"needs": ["language", "literacy"]}]},
        "trust": {"organisation_ranking": ranking},
    }
    sent = {
        "objectives": {"guiding_principles": ["racial_equity", "transparency", "accountability"]},
        "environment": {"stakeholders": [{"needs": ["literacy", "language"]}, {"needs": ["a"]}]},
        "trust": {"organisation_ranking": ranking[::-1]},
    }
    assert in_file_order(sent, saved) == {
        "objectives": {"guiding_principles": ["accountability", "transparency", "racial_equity"]},
        "environment": {"stakeholders": [{"needs": ["language", "literacy"]}, {"needs": ["a"]}]},
        "trust": {"organisation_ranking": ranking[::-1]},  # a new order is the new answer
    }
    assert in_file_order(sent, None) == sent


@given(
    st.lists(st.sampled_from("abcde"), unique=True),
    st.lists(st.sampled_from("abcdef"), unique=True),
)
def test_file_order_keeps_what_was_ticked_and_only_moves_it(new: list[str], old: list[str]) -> None:
    ordered = ordered_like(new, old)
    assert sorted(ordered) == sorted(new)  # nothing ticked is lost or added
    kept = [item for item in old if item in new]
    assert ordered == kept + [item for item in new if item not in old]
