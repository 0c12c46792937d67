"""What each kind of rule adds when it loads: decisive blanks, counts, escalations and lifts.

Kept apart from the loader, which reads files and collects problems, so that what makes a rule
of each kind well formed is written in one place:
- a decisive blank must test a blank answer (an `unanswered` test, or a derived fact that reports
  blanks), or it would be an ordinary finding wearing the wrong name;
- an escalation must make the finding heavier, never lighter;
- the rules come out in worksheet order (the order of the areas), so every report lists them as
  a reader meets the questions.
"""

from __future__ import annotations

import dataclasses

from engine.profile.positions import Loc, Mapping, Node, Seq
from engine.rules import conditions as c
from engine.rules.fact_catalog import catalog
from engine.rules.rule_model import Rule
from engine.rules.ruleset import CountSpec, Escalation, Example, LoadedRule, RuleSet

SEVERITY_ORDER = ("blocker", "major", "minor", "advisory")
BLANK_REQUIRED = (
    "a decisive-blank rule's `when:` must test a blank answer (`op: unanswered`, or a derived "
    "fact that reports blanks), outside any `not:`"
)


def heavier(first: str, second: str) -> bool:
    """Whether severity `first` is more severe than `second`."""
    return SEVERITY_ORDER.index(first) < SEVERITY_ORDER.index(second)


def tests_a_blank(condition: c.Cond) -> bool:
    """Whether the condition, read as written, holds only through some blank answer."""
    facts = catalog()
    for test in c.tests(c.without_not(condition)):
        if test.op == "unanswered":
            return True
        spec = facts[test.fact]
        if spec.about_blanks and test.op in ("eq", "gt", "gte") and test.value not in (0, False):
            return True
    return False


def loaded_rule(
    rule: Rule,
    condition: c.Cond,
    origin: str,
    examples: tuple[Example, ...],
    escalations: tuple[Escalation, ...],
) -> LoadedRule:
    """The rule as assessments use it; a decisive blank counts as a major that no waiver
    clears."""
    count = rule.count
    return LoadedRule(
        rule.id,
        rule.title,
        rule.area,
        rule.severity or "major",
        rule.tip.strip(),
        rule.cite,
        condition,
        origin,
        tuple(rule.surfaces),
        examples,
        tuple(rule.supersedes),
        kind=rule.kind,
        escalations=escalations,
        count=CountSpec(count.at_least, tuple(count.severities), tuple(count.areas))
        if count
        else None,
        lift=rule.lift.strip() if rule.lift else None,
    )


def locate_node(node: Node, loc: Loc) -> Node | None:
    """The node at `loc` below `node`, or None when the path leaves the tree."""
    current: Node | None = node
    for part in loc:
        if isinstance(current, Mapping) and isinstance(part, str):
            current = current.entries.get(part)
        elif isinstance(current, Seq) and isinstance(part, int) and part < len(current.items):
            current = current.items[part]
        else:
            return None
    return current


def in_worksheet_order(ruleset: RuleSet) -> RuleSet:
    """The rules sorted by area, in the order the rule set lists its areas, then as written."""
    position = {name: index for index, name in enumerate(ruleset.areas)}
    rules = sorted(ruleset.rules, key=lambda rule: position.get(rule.area, len(position)))
    return dataclasses.replace(ruleset, rules=tuple(rules))
