"""`init` writes a template that asks every question and validates; the schema copy is current."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from engine.profile.questions import questions
from engine.profile.schema import dumps, profile_schema
from engine.profile.template import render_template
from engine.profile.validation import load_profile
from tests.conftest import PROFILES, Run


def test_template_validates(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(render_template(), encoding="utf-8")
    load_profile(path)


def test_template_asks_every_question() -> None:
    text = render_template()
    for question in questions():
        assert f"[{question.id}" in text, question.id


def test_template_lines_fit_and_start_with_the_schema_modeline() -> None:
    lines = render_template().splitlines()
    assert lines[0] == "# yaml-language-server: $schema=profile.schema.json"
    assert max(len(line) for line in lines) <= 100


def test_uncommenting_an_example_entry_gives_valid_yaml(tmp_path: Path) -> None:
    """The commented example entries are real YAML once their leading '# ' is removed."""
    lines = render_template().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "statements:")
    block = []
    for line in lines[start + 2 :]:
        if not line.startswith("    #"):
            break
        block.append(line.replace("# ", "", 1))
    text = "schema_version: 1\nobjectives:\n  statements:\n" + "\n".join(block) + "\n"
    path = tmp_path / "u.yaml"
    path.write_text(text, encoding="utf-8")
    profile, _ = load_profile(path)
    assert profile.objectives is not None and profile.objectives.statements is not None
    assert len(profile.objectives.statements) == 1


def test_init_then_validate(cli: Callable[..., Run], tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    assert cli("init", str(target)).code == 0
    assert cli("validate", str(target)).code == 0


def test_init_refuses_to_overwrite(cli: Callable[..., Run], tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("keep me", encoding="utf-8")
    run = cli("init", str(target))
    assert run.code == 2
    assert run.err.strip() == f"{target}: error: already exists; refusing to overwrite it"
    assert target.read_text(encoding="utf-8") == "keep me"


def test_committed_schema_is_current() -> None:
    committed = (PROFILES / "profile.schema.json").read_text(encoding="utf-8")
    regenerate = "readiness schema > profiles/profile.schema.json"
    assert committed == dumps(profile_schema()), f"stale schema copy: run `{regenerate}`"


def test_schema_command_prints_the_schema(cli: Callable[..., Run]) -> None:
    run = cli("schema")
    assert run.code == 0
    assert json.loads(run.out) == profile_schema()


def test_schema_carries_question_metadata() -> None:
    schema = profile_schema()
    field = schema["$defs"]["CapacityForChange"]["properties"]["leadership_commitment"]
    assert field["x-question"] == "3.21"
    assert field["x-source"] == "nothing-to-hide"
    assert field["x-section"] == "C.1 §3 Resources: capacity for change"
    assert "x-critical" not in field  # which blanks decide the verdict is the rule set's to say
