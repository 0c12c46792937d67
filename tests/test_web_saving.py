"""Saving from the browser: the YAML written reads back as the data, keeps the planner's comments
and key order, quotes hostile text, is atomic, and never overwrites a file changed meanwhile."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.assessment.assessment import Assessor
from engine.errors import InputError
from engine.profile.loader import load_file, parse_text
from engine.profile.models import Profile
from engine.profile.positions import to_data
from engine.profile.roundtrip import updated_text
from engine.profile.template import render_template
from engine.profile.validation import load_profile
from engine.rules.rule_loader import load_ruleset
from engine.web import saving
from engine.workflows.atomic import write_atomic
from tests.conftest import EXAMPLES, Run
from tests.strategies import profile_data

MINIMAL = {"schema_version": "1", "profile": {"name": "x"}}


ASSESSOR = Assessor.build(load_ruleset(), dt.date(2026, 11, 23))


def _assessed(profile: Profile) -> dict[str, Any]:
    """What the report says, apart from where answers sit in the file (lines differ), and with
    a blank section quoted as evidence the same as a missing one (both are unanswered)."""
    tree = parse_text("schema_version: 1\n", "p.yaml")
    result = ASSESSOR.assess(profile, tree, "p.yaml").model_dump(mode="json")
    for finding in result["findings"]:
        finding["evidence"] = [(e["fact"], e["value"] or None) for e in finding["evidence"]]
    result["unanswered"] = [q["id"] for q in result["unanswered"]]
    return result


def _read_back(tmp_path: Path, text: str) -> Profile:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    profile, _ = load_profile(path)
    return profile


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(profile_data())
def test_data_written_reads_back_as_the_same_profile(tmp_path: Path, data: dict[str, Any]) -> None:
    text = updated_text(None, data)
    assert _read_back(tmp_path, text) == Profile.model_validate(data)  # exactly, for a new file
    assert saving.check(None, data, "p.yaml").ok  # the writer's own read-back check agrees


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(profile_data(), st.sampled_from(EXAMPLES))
def test_data_written_over_an_example_reads_back_as_the_data(
    tmp_path: Path, data: dict[str, Any], example: Path
) -> None:
    text = updated_text(example.read_text(encoding="utf-8"), data)
    written, direct = _read_back(tmp_path, text), Profile.model_validate(data)
    assert saving.same_answers(written, direct)
    assert _assessed(written) == _assessed(direct)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(profile_data())
def test_data_written_over_the_template_reads_back_as_the_data(
    tmp_path: Path, data: dict[str, Any]
) -> None:
    """ "New profile" writes over the template, which has no list yet to take indents from."""
    text = updated_text(render_template(), data)
    assert saving.same_answers(_read_back(tmp_path, text), Profile.model_validate(data))


HOSTILE = [
    "Lakeshore #2",
    "a: b",
    "key: value # not a comment",
    " leading and trailing ",
    "first line\nsecond: line\n  indented # hash",
    "ends with a break\n",
    "two breaks at the end\n\n",
    "\nstarts with a break",
    "trailing space \nhere",
    "tab\tinside and\r\nCRLF",
    "null",
    "~",
    "NO",
    "0123",
    "- looks like a list",
    "'quoted'",
    '"double"',
    "{flow: map}",
    "[flow, list]",
    "&anchor *alias !tag |block >folded %directive @at `tick`",
    "---",
    "...",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_keeps_every_character(tmp_path: Path, text: str) -> None:
    data = {**MINIMAL, "profile": {"name": text, "use_case": text}}
    written = updated_text(None, data)
    profile = _read_back(tmp_path, written)
    assert profile.profile is not None
    assert (profile.profile.name, profile.profile.use_case) == (text, text)


def test_multi_line_text_is_a_literal_block() -> None:
    data = {**MINIMAL, "profile": {"name": "x", "use_case": "one\ntwo: three\n# four"}}
    assert "use_case: |-\n    one\n    two: three\n    # four\n" in updated_text(None, data)


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def _keys(text: str) -> list[str]:
    return re.findall(r"^\s*(?:- )?([a-z_]+):", text, re.MULTILINE)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_an_edit_keeps_comments_and_key_order(example: Path) -> None:
    original = example.read_text(encoding="utf-8")
    data = to_data(load_file(example))
    assert isinstance(data, dict)
    data["profile"]["name"] = "Renamed: Lakeshore #2"
    written = updated_text(original, data)
    assert _comments(written) == _comments(original)
    assert _keys(written) == _keys(original)
    changed = [
        (a, b) for a, b in zip(original.splitlines(), written.splitlines(), strict=True) if a != b
    ]
    assert changed == [
        (
            next(line for line in original.splitlines() if line.startswith("  name:")),
            "  name: 'Renamed: Lakeshore #2'",
        )
    ]


def test_unchanged_data_rewrites_nothing() -> None:
    for example in EXAMPLES:
        original = example.read_text(encoding="utf-8")
        assert updated_text(original, to_data(load_file(example))) == original  # type: ignore[arg-type]


def test_a_blanked_answer_stays_as_an_empty_key_with_its_comments() -> None:
    original = (
        "schema_version: 1\n# who is it for\nprofile:\n  # the name\n  name: x\n  ids: y  # ours\n"
    )
    written = updated_text(original, {"schema_version": "1", "profile": {"name": "x"}})
    kept = "schema_version: 1\n# who is it for\nprofile:\n  # the name\n  name: x\n"
    assert written == kept + "  ids:    # ours\n"  # the comment keeps its column


def test_new_keys_are_added_and_list_entries_added_and_removed() -> None:
    original = (
        "schema_version: 1\nobjectives:\n  statements:\n    - text: a  # first\n    - text: b\n"
    )
    data = {
        "schema_version": "1",
        "objectives": {"statements": [{"text": "A"}]},
        "profile": {"name": "n"},
    }
    written = updated_text(original, data)
    assert written == (
        "schema_version: 1\nobjectives:\n  statements:\n    - text: A  # first\n"
        "profile:\n  name: n\n"
    )


def test_problems_come_back_by_field_in_the_clis_words(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    data = {"schema_version": "1", "profile": {"name": "x", "prepared_on": "soon"}, "objectivs": {}}
    checked = saving.check(None, data, "p.yaml")
    assert not checked.ok and checked.profile is None
    assert set(checked.problems) == {"objectivs", "profile.prepared_on"}
    path = tmp_path / "p.yaml"
    path.write_text(checked.text, encoding="utf-8")
    run = cli("validate", str(path))
    said = [re.sub(r"^.*?:\d+:\d+: error: ", "", line) for line in run.err.splitlines()]
    shown = [m for messages in checked.problems.values() for m in messages]
    assert sorted(shown) == sorted(line for line in said if not line.startswith("readiness"))


def test_the_template_takes_answers_and_keeps_its_questions() -> None:
    template = render_template()
    written = updated_text(template, {"schema_version": "1", "profile": {"name": "New"}})
    assert _comments(written) == _comments(template)
    assert "  name: New\n" in written


def test_atomic_write_replaces_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o640)
    write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert os.stat(target).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml"]


def test_a_failed_write_leaves_the_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "p.yaml"
    target.write_text("old\n", encoding="utf-8")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml"]


def test_a_new_file_never_replaces_one_that_exists(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    target.write_text("theirs\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomic(target, "ours\n", new=True)
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml"]


def test_a_file_changed_since_it_was_opened_is_a_conflict(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    target.write_text("opened\n", encoding="utf-8")
    opened = saving.digest(target.read_bytes())
    assert saving.conflict(target, opened, "ours\n") is None
    target.write_text("changed\n", encoding="utf-8")
    clash = saving.conflict(target, opened, "ours\n")
    assert clash == saving.Conflict("changed\n", saving.digest(b"changed\n"), "ours\n")


def test_a_blank_item_of_a_list_of_texts_is_left_out() -> None:
    """An item added in the form and not typed yet is no answer, never the text `None`."""
    data = {"schema_version": 1, "environment": {"mistrust": {"institutions": [None, "a", ""]}}}
    checked = saving.check(None, data, "p.yaml")
    assert checked.ok and "None" not in checked.text
    assert checked.profile is not None
    dumped = checked.profile.model_dump(mode="json")
    assert dumped["environment"]["mistrust"]["institutions"] == ["a"]


HOSTILE_ON_DISK = {
    "deep nesting": "schema_version: 1\nprofile: " + "[" * 5_000 + "]" * 5_000 + "\n",
    "an alias flood": "schema_version: 1\na: &a [x, x]\n"
    + "".join(
        f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}, *{'a' if i == 0 else f'b{i - 1}'}]\n"
        for i in range(300)
    ),
    "a Python tag": "schema_version: 1\nprofile: !!python/object/apply:os.system [echo hi]\n",
    "a tab for indent": "schema_version: 1\nprofile:\n\tname: x\n",
}


@pytest.mark.parametrize("text", HOSTILE_ON_DISK.values(), ids=HOSTILE_ON_DISK.keys())
def test_the_writer_reads_only_what_the_loader_accepts(text: str) -> None:
    """ruamel has no limits of its own: a file the loader refuses never reaches it, and the
    refusal comes back as the CLI's problems, for the page to show (no exception, no text)."""
    with pytest.raises(InputError):
        updated_text(text, MINIMAL, "p.yaml")
    checked = saving.check(text, MINIMAL, "p.yaml")
    assert not checked.ok and checked.problems[saving.WHOLE_FILE]
    assert checked.text == text  # nothing new was written out of it
