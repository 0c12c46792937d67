"""`readiness rules list|show|check` and `--rules DIR`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run
from tests.engine_support import ruleset

CUSTOM = """\
- id: custom-mistrust
  title: Mistrust is high
  area: environment.previous-engagements
  severity: blocker
  when: {fact: environment.mistrust.level, op: eq, value: high}
  lift: Rebuild trust until mistrust is no longer high.
  tip: Start by rebuilding trust.
  cite: {source: nothing-to-hide, section: "C.1 §2"}
  examples:
    fires: [{environment: {mistrust: {level: high}}}]
    quiet: [{environment: {mistrust: {level: low}}}]
"""


def custom(tmp_path: Path, rules: str = CUSTOM, extends: bool = True) -> Path:
    folder = tmp_path / "ours"
    folder.mkdir()
    info = "name: our rules\nversion: '2'\n" + ("extends: core\n" if extends else "")
    (folder / "ruleset.yaml").write_text(info, encoding="utf-8")
    (folder / "extra.yaml").write_text(rules, encoding="utf-8")
    return folder


def test_list_json_has_the_contract_keys(cli: Callable[..., Run]) -> None:
    run = cli("rules", "list", "--format", "json")
    assert run.code == 0
    rows = json.loads(run.out)
    assert [row["id"] for row in rows] == [rule.id for rule in ruleset().rules]
    assert all({"id", "severity", "area", "title"} <= set(row) for row in rows)


def test_list_text_one_line_per_rule(cli: Callable[..., Run]) -> None:
    run = cli("rules", "list")
    assert len(run.out.splitlines()) == len(ruleset().rules)
    assert "input-cannot-change-outcome" in run.out


def test_list_markdown_is_the_catalogue(cli: Callable[..., Run]) -> None:
    run = cli("rules", "list", "--format", "markdown")
    assert run.out.startswith("# Rule catalogue\n")


def test_show_explains_a_rule(cli: Callable[..., Run]) -> None:
    run = cli("rules", "show", "nothing-open-to-influence")
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0].startswith("nothing-open-to-influence  [blocker]")
    assert "    resources.capacity_for_change.open_to_influence.count is 0" in lines
    assert any(
        line.startswith("defined:   ") and "resources-capacity-for-change.yaml:" in line
        for line in lines
    )


def test_show_unknown_rule_suggests(cli: Callable[..., Run]) -> None:
    run = cli("rules", "show", "nothing-open-to-influense")
    assert run.code == 2
    assert run.err.strip() == (
        "readiness: no rule 'nothing-open-to-influense' (did you mean 'nothing-open-to-influence'?)"
    )


def test_check_passes_on_the_shipped_rules(cli: Callable[..., Run]) -> None:
    run = cli("rules", "check")
    assert run.code == 0, run.err
    assert run.err.strip().endswith(": ok")


def test_check_reports_an_example_that_misbehaves(cli: Callable[..., Run], tmp_path: Path) -> None:
    folder = custom(
        tmp_path,
        CUSTOM.replace(
            "quiet: [{environment: {mistrust: {level: low}}}]",
            "quiet: [{environment: {mistrust: {level: high}}}]",
        ),
    )
    run = cli("rules", "check", str(folder))
    assert run.code == 2
    assert "extra.yaml:11:" in run.err
    assert "rule 'custom-mistrust': this example should stay quiet but does not" in run.err


def test_check_reports_an_invalid_rule_set(cli: Callable[..., Run], tmp_path: Path) -> None:
    folder = custom(tmp_path, CUSTOM.replace("severity: blocker", "severity: critical"))
    run = cli("rules", "check", str(folder))
    assert run.code == 2
    assert "extra.yaml:4:13: error: [0].severity: 'critical' is not an allowed answer" in run.err


def test_custom_rules_drive_assess(
    cli: Callable[..., Run], tmp_path: Path, write: Callable[..., Path]
) -> None:
    folder = custom(tmp_path)
    profile = write("schema_version: 1\nenvironment:\n  mistrust:\n    level: high\n")
    run = cli(
        "assess", str(profile), "--rules", str(folder), "--format", "json", "--today", "2026-11-23"
    )
    report = json.loads(run.out)
    assert "custom-mistrust" in [f["rule"] for f in report["findings"]]
    assert report["verdict"] == "no-go"
    assert report["rules_version"].startswith("our rules 2 (sha256:")
    assert run.code == 1


def test_validate_checks_waivers_against_the_rule_set(
    cli: Callable[..., Run], tmp_path: Path, write: Callable[..., Path]
) -> None:
    profile = write("schema_version: 1\nwaivers:\n  - {rule: custom-mistrust, reason: fine}\n")
    assert cli("validate", str(profile)).code == 2
    assert cli("validate", str(profile), "--rules", str(custom(tmp_path))).code == 0
