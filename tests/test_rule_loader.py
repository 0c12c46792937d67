"""A broken rule stops the rule set from loading, with file:line and a suggestion."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from engine.errors import InputError
from engine.rules.rule_loader import load_ruleset

GOOD = """\
- id: custom-mistrust
  title: Mistrust is high
  area: environment.previous-engagements
  severity: major
  when: {fact: environment.mistrust.level, op: eq, value: high}
  tip: Start by rebuilding trust.
  cite: {source: nothing-to-hide, section: "C.1 §2"}
"""


def make(tmp_path: Path, rules: str, info: str | None = "name: ours\nversion: '1'\n") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    if info is not None:
        (folder / "ruleset.yaml").write_text(info, encoding="utf-8")
    (folder / "custom.yaml").write_text(textwrap.dedent(rules), encoding="utf-8")
    return folder


def errors(folder: Path) -> list[str]:
    load_ruleset.cache_clear()
    with pytest.raises(InputError) as caught:
        load_ruleset(folder)
    return [f"{Path(p.path).name}:{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


def test_a_valid_custom_rule_set_loads(tmp_path: Path) -> None:
    load_ruleset.cache_clear()
    ruleset = load_ruleset(make(tmp_path, GOOD))
    ids = [rule.id for rule in ruleset.rules]
    assert "custom-mistrust" in ids
    assert "input-cannot-change-outcome" not in ids  # standalone: core rules not included
    assert "unanswered-final-authority" in ids  # the completeness policy always applies
    assert ruleset.label.startswith("ours 1 (sha256:")


def test_extends_core_adds_to_the_shipped_rules(tmp_path: Path) -> None:
    load_ruleset.cache_clear()
    ruleset = load_ruleset(make(tmp_path, GOOD, "name: ours\nversion: '1'\nextends: core\n"))
    ids = [rule.id for rule in ruleset.rules]
    assert "custom-mistrust" in ids and "input-cannot-change-outcome" in ids


def test_unknown_fact_with_suggestion(tmp_path: Path) -> None:
    folder = make(
        tmp_path, GOOD.replace("environment.mistrust.level", "environment.mistrust.levle")
    )
    assert errors(folder) == [
        "custom.yaml:5:16: rule 'custom-mistrust': unknown fact 'environment.mistrust.levle' "
        "(did you mean 'environment.mistrust.level'?)"
    ]


def test_operator_that_does_not_fit_the_fact(tmp_path: Path) -> None:
    folder = make(tmp_path, GOOD.replace("op: eq, value: high", "op: gt, value: high"))
    assert errors(folder) == [
        "custom.yaml:5:48: rule 'custom-mistrust': `gt` does not fit 'environment.mistrust.level' "
        "(a choice from none, low, medium, high, unsure); use eq, ne, in, not_in, answered, "
        "unanswered"
    ]


def test_value_outside_the_vocabulary(tmp_path: Path) -> None:
    folder = make(tmp_path, GOOD.replace("value: high", "value: hihg"))
    assert errors(folder) == [
        "custom.yaml:5:59: rule 'custom-mistrust': 'hihg' is not an answer "
        "'environment.mistrust.level' can have; use one of: none, low, medium, high, unsure "
        "(did you mean 'high'?)"
    ]


def test_number_expected(tmp_path: Path) -> None:
    rule = GOOD.replace(
        "{fact: environment.mistrust.level, op: eq, value: high}",
        "{fact: resources.timeline.max_duration_days, op: lt, value: soon}",
    )
    [message] = errors(make(tmp_path, rule))
    assert message.endswith(
        "'soon' is not a valid integer value for 'resources.timeline.max_duration_days'"
    )


def test_in_needs_a_list(tmp_path: Path) -> None:
    [message] = errors(make(tmp_path, GOOD.replace("op: eq, value: high", "op: in, value: high")))
    assert message.endswith("`in` needs a non-empty list of values, like [a, b]")


def test_unanswered_takes_no_value(tmp_path: Path) -> None:
    [message] = errors(
        make(tmp_path, GOOD.replace("op: eq, value: high", "op: unanswered, value: high"))
    )
    assert message.endswith("`unanswered` takes no value")


def test_lower_bound_cannot_be_negated(tmp_path: Path) -> None:
    rule = GOOD.replace(
        "{fact: environment.mistrust.level, op: eq, value: high}",
        "{not: {fact: derived.budget.unfunded_lines, op: gte, value: 1}}",
    )
    [message] = errors(make(tmp_path, rule))
    assert (
        "is tested with `lt`, which a lower bound cannot answer without guessing blanks" in message
    )


def test_lower_bound_rejects_under_threshold_tests(tmp_path: Path) -> None:
    rule = GOOD.replace(
        "{fact: environment.mistrust.level, op: eq, value: high}",
        "{fact: derived.budget.unfunded_lines, op: eq, value: 0}",
    )
    [message] = errors(make(tmp_path, rule))
    assert (
        "`eq` does not fit 'derived.budget.unfunded_lines' (integer, a lower bound); use gt, gte"
        in message
    )


def test_duplicate_ids_name_both_places(tmp_path: Path) -> None:
    first = os.path.relpath(tmp_path / "rules" / "custom.yaml")
    assert errors(make(tmp_path, GOOD + GOOD)) == [
        f"custom.yaml:8:7: rule 'custom-mistrust': the id is already used at {first}:1; "
        "rule ids must be unique"
    ]


def test_id_clashing_with_core_when_extending(tmp_path: Path) -> None:
    clash = GOOD.replace("custom-mistrust", "input-cannot-change-outcome")
    [message] = errors(make(tmp_path, clash, "name: ours\nversion: '1'\nextends: core\n"))
    assert "rule 'input-cannot-change-outcome': the id is already used at" in message


def test_missing_tip_and_citation(tmp_path: Path) -> None:
    rule = "\n".join(line for line in GOOD.splitlines() if not line.startswith(("  tip", "  cite")))
    assert errors(make(tmp_path, rule + "\n")) == [
        "custom.yaml:1:3: [0].cite is required",
        "custom.yaml:1:3: [0].tip is required",
    ]


def test_unknown_severity(tmp_path: Path) -> None:
    [message] = errors(make(tmp_path, GOOD.replace("severity: major", "severity: critical")))
    assert message == (
        "custom.yaml:4:13: [0].severity: 'critical' is not an allowed answer; use one of: "
        "blocker, major, minor, advisory"
    )


def test_unknown_area_source_and_tip(tmp_path: Path) -> None:
    rule = (
        GOOD.replace("area: environment.previous-engagements", "area: environment.stakeholder")
        .replace("source: nothing-to-hide", "source: nothing-to-hyde")
        .rstrip()
        + "\n  surfaces: [TENV-1]\n"
    )
    assert errors(make(tmp_path, rule)) == [
        "custom.yaml:3:9: rule 'custom-mistrust': unknown area 'environment.stakeholder' "
        "(did you mean 'environment.stakeholders'?)",
        "custom.yaml:7:18: rule 'custom-mistrust': unknown source 'nothing-to-hyde' "
        "(did you mean 'nothing-to-hide'?)",
        "custom.yaml:8:14: rule 'custom-mistrust': unknown tip id 'TENV-1' "
        "(did you mean 'T-ENV-1'?)",
    ]


def test_unknown_key_in_a_condition(tmp_path: Path) -> None:
    [message] = errors(make(tmp_path, GOOD.replace("op: eq", "operator: eq")))
    assert message.startswith("custom.yaml:5:")
    assert (
        "unknown field 'operator' in [0].when; allowed here: all, any, not, use, fact, op, value"
        in message
    )


def test_condition_needs_exactly_one_form(tmp_path: Path) -> None:
    rule = GOOD.replace(
        "when: {fact: environment.mistrust.level, op: eq, value: high}",
        "when: {all: [{fact: environment.mistrust.level, op: answered}], fact: x, op: answered}",
    )
    [message] = errors(make(tmp_path, rule))
    expected = "a condition is exactly one of `all:`, `any:`, `not:`, `use:` or `fact:` with `op:`"
    assert expected in message


def test_id_must_be_kebab_case(tmp_path: Path) -> None:
    [message] = errors(make(tmp_path, GOOD.replace("id: custom-mistrust", "id: Custom_Mistrust")))
    assert message.startswith("custom.yaml:1:7: [0].id:")


def test_a_core_decisive_blank_id_is_taken(tmp_path: Path) -> None:
    """The core's decisive blanks hold for every rule set, so their ids are in use in each."""
    [message] = errors(make(tmp_path, GOOD.replace("custom-mistrust", "unanswered-objectives")))
    taken = "rule 'unanswered-objectives': the id is already used at rules/objectives.yaml"
    assert taken in message


def test_too_many_alternatives(tmp_path: Path) -> None:
    tests = ", ".join(
        "{any: [{fact: environment.mistrust.level, op: eq, value: high}, "
        "{fact: environment.mistrust.level, op: eq, value: low}]}"
        for _ in range(6)
    )
    rule = GOOD.replace(
        "when: {fact: environment.mistrust.level, op: eq, value: high}", f"when: {{all: [{tests}]}}"
    )
    [message] = errors(make(tmp_path, rule))
    assert "the condition has 64 alternatives once expanded (limit 32); split the rule" in message


def test_invalid_example_profile_points_into_the_rule_file(tmp_path: Path) -> None:
    rule = (
        GOOD
        + "  examples:\n    fires: [{environment: {mistrust: {level: hihg}}}]\n    quiet: [{}]\n"
    )
    [message] = errors(make(tmp_path, rule))
    assert message.startswith("custom.yaml:9:")
    assert (
        "examples.fires[0].environment.mistrust.level: 'hihg' is not an allowed answer" in message
    )


def test_rule_file_must_be_a_list(tmp_path: Path) -> None:
    assert errors(make(tmp_path, "id: x\n")) == [
        "custom.yaml:1:1: a rule file is a list of rules (`- id: ...`)"
    ]


def test_invalid_ruleset_info(tmp_path: Path) -> None:
    assert errors(make(tmp_path, GOOD, "name: ours\nversoin: '1'\n")) == [
        "ruleset.yaml:1:1: version is required",
        "ruleset.yaml:2:1: unknown field 'versoin' (did you mean 'version'?)",
    ]


def test_missing_rules_folder(tmp_path: Path) -> None:
    load_ruleset.cache_clear()
    with pytest.raises(InputError) as caught:
        load_ruleset(tmp_path / "nope")
    assert caught.value.problems[0].message == "no such rules folder"
