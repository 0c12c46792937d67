"""The rule-set features of the judgement issue, as a rule author meets them: each kind of rule
and each new key is checked when the rule set loads (file:line, one problem per mistake), and
does in an assessment what the rule files say it does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from engine.assessment.assessment import Assessor
from engine.profile.validation import load_profile
from engine.rules.rule_loader import load_ruleset
from tests.engine_support import TODAY
from tests.test_rule_loader import errors, make

INFO = "name: ours\nversion: '1'\n"
BASE = """\
  area: environment.previous-engagements
  tip: Start by rebuilding trust.
  cite: {source: nothing-to-hide, section: "C.1 §2"}
"""


def rule(head: str, extra: str = "") -> str:
    return head + BASE + extra


def test_a_decisive_blank_must_test_a_blank(tmp_path: Path) -> None:
    text = rule(
        "- id: not-a-blank\n  kind: decisive-blank\n  title: T\n"
        "  when: {fact: environment.mistrust.level, op: eq, value: high}\n"
    )
    [message] = errors(make(tmp_path, text, INFO))
    assert message.startswith("custom.yaml:4:9: rule 'not-a-blank': a decisive-blank rule's")


def test_a_decisive_blank_has_no_severity(tmp_path: Path) -> None:
    text = rule(
        "- id: with-severity\n  kind: decisive-blank\n  title: T\n  severity: major\n"
        "  when: {fact: environment.mistrust.level, op: unanswered}\n"
    )
    [message] = errors(make(tmp_path, text, INFO))
    assert "a decisive-blank rule has no `severity`" in message


def test_a_blocker_needs_a_lift(tmp_path: Path) -> None:
    text = rule(
        "- id: stop\n  title: T\n  severity: blocker\n"
        "  when: {fact: environment.mistrust.level, op: eq, value: high}\n"
    )
    [message] = errors(make(tmp_path, text, INFO))
    assert "a blocker needs `lift:`" in message


def test_a_count_counts_areas_that_exist(tmp_path: Path) -> None:
    text = rule(
        "- id: adds-up\n  kind: count\n  title: T\n  severity: major\n"
        "  count: {at_least: 2, areas: [resources.stuff]}\n"
    )
    [message] = errors(make(tmp_path, text, INFO))
    assert "rule 'adds-up': unknown area 'resources.stuff' (did you mean 'resources.staff'?)" in (
        message
    )


def test_a_count_has_no_when(tmp_path: Path) -> None:
    text = rule(
        "- id: adds-up\n  kind: count\n  title: T\n  severity: major\n  count: {at_least: 2}\n"
        "  when: {fact: environment.mistrust.level, op: eq, value: high}\n"
    )
    [message] = errors(make(tmp_path, text, INFO))
    assert "a count rule has `count:` instead of `when:`" in message


def test_an_escalation_must_be_heavier(tmp_path: Path) -> None:
    text = rule(
        "- id: lighter\n  title: T\n  severity: major\n"
        "  when: {fact: environment.mistrust.level, op: eq, value: high}\n",
        "  escalate:\n    - to: minor\n      when: {fact: profile.counties, op: gte, value: 3}\n"
        "      examples: {fires: [{}], quiet: [{}]}\n",
    )
    [message] = errors(make(tmp_path, text, INFO))
    assert message.startswith("custom.yaml:9:11: rule 'lighter': escalates to minor, which is")


def test_a_rule_cannot_supersede_one_that_escalates_above_it(tmp_path: Path) -> None:
    escalating = rule(
        "- id: scales\n  title: T\n  severity: minor\n"
        "  when: {fact: environment.mistrust.level, op: eq, value: high}\n",
        "  escalate:\n    - to: major\n      when: {fact: profile.counties, op: gte, value: 3}\n"
        "      examples: {fires: [{}], quiet: [{}]}\n",
    )
    above = rule(
        "- id: weaker\n  title: T\n  severity: minor\n"
        "  when: {fact: environment.mistrust.level, op: eq, value: high}\n"
        "  supersedes: [scales]\n"
    )
    [message] = errors(make(tmp_path, escalating + above, INFO))
    assert "a minor cannot supersede 'scales', a major" in message


def test_use_names_a_condition_of_the_rule_set(tmp_path: Path) -> None:
    text = rule("- id: big\n  title: T\n  severity: major\n  when: {use: large-engagment}\n")
    [message] = errors(make(tmp_path, text, INFO))
    assert message == (
        "custom.yaml:4:15: rule 'big': no condition named 'large-engagment' in ruleset.yaml's "
        "`conditions:` (did you mean 'large-engagement'?)"
    )


def test_a_custom_set_names_conditions_of_its_own_and_cannot_redefine_the_core(
    tmp_path: Path,
) -> None:
    info = (
        INFO + "conditions:\n  many-groups: {fact: environment.stakeholders.count, op: gte, "
        "value: 5}\n  large-engagement: {fact: profile.counties, op: gte, value: 10}\n"
    )
    text = rule("- id: big\n  title: T\n  severity: major\n  when: {use: many-groups}\n")
    [message] = errors(make(tmp_path, text, info))
    assert message.startswith("ruleset.yaml:5:3: conditions: 'large-engagement' is a core")


def test_a_custom_set_holds_the_core_decisive_blanks(tmp_path: Path) -> None:
    """Which blanks decide a verdict is the verdict policy's, whichever rules judge the rest."""
    load_ruleset.cache_clear()
    ruleset = load_ruleset(
        make(tmp_path, rule("- id: t\n  title: T\n  severity: minor\n  when: {use: grievance}\n"))
    )
    blanks = {r.id for r in ruleset.rules if r.completeness}
    assert {"unanswered-final-authority", "blank-language-lines"} <= blanks
    assert "input-cannot-change-outcome" not in {r.id for r in ruleset.rules}


def _assess(write: Callable[..., Path], text: str) -> dict[str, tuple[str, str]]:
    load_ruleset.cache_clear()
    path = write(text)
    profile, tree = load_profile(path)
    result = Assessor.build(load_ruleset(), TODAY).assess(profile, tree, "p.yaml")
    return {f.rule: (f.severity, f.status) for f in result.findings}


SOUND = """\
schema_version: 1
profile: {counties: COUNTIES}
resources:
  timeline:
    activities:
      - {name: Town hall, expected_participants: 200, format: in_person}
  staff: {logistics_support: none}
"""


def test_an_escalation_raises_the_same_finding_at_scale(write: Callable[..., Path]) -> None:
    small = _assess(write, SOUND.replace("COUNTIES", "1"))
    large = _assess(write, SOUND.replace("COUNTIES", "6"))
    assert small["large-activity-without-logistics"] == ("minor", "open")
    assert large["large-activity-without-logistics"] == ("major", "open")


def test_a_count_counts_only_what_is_still_open(write: Callable[..., Path]) -> None:
    gaps = (
        "schema_version: 1\nresources:\n  staff: {facilitation: unsure, logistics_support: none}\n"
        "  budget: {digital_events: {needed: yes, funded: partly}}\n"
    )
    assert _assess(write, gaps)["resource-gaps-add-up"] == ("major", "open")
    waived = gaps + (
        "waivers:\n  - {rule: budget-not-secured, reason: grant pending, approved_by: Director,\n"
        "     expires: 2027-01-31}\n"
    )
    assert "resource-gaps-add-up" not in _assess(write, waived)
