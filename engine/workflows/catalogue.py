"""Rule sets for people: the catalogue, one rule in words, and a check of every rule's examples.

A rule set may be anyone's (`--rules DIR`), so its text is escaped on the way out: as Markdown in
the catalogue (the templates' `prose` filter), and made inert (`engine.printable`) on a terminal.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

from engine.assessment.assessment import Assessor
from engine.assessment.verdict import SEVERITY_ORDER
from engine.assessment.vocabulary import word
from engine.errors import Problem
from engine.printable import one_line
from engine.render.environment import environment
from engine.rules.conditions import describe, sentence
from engine.rules.ruleset import LoadedRule, RuleSet


def rule_rows(ruleset: RuleSet) -> list[dict[str, Any]]:
    """The rule set as JSON-ready rows (the contract: at least id, severity, area, title)."""
    return [
        {
            "id": rule.id,
            "severity": rule.severity,
            "area": rule.area,
            "title": rule.title,
            "when": sentence(rule.condition),
            "tip": rule.tip,
            "cite": {"source": rule.cite.source, "section": rule.cite.section},
            "surfaces": list(rule.surfaces),
            "supersedes": list(rule.supersedes),
            "superseded_by": superseders(ruleset).get(rule.id, []),
            "origin": rule.origin,
        }
        for rule in ruleset.rules
    ]


def superseders(ruleset: RuleSet) -> dict[str, list[str]]:
    """For each rule, the rules whose finding, when open, counts for it."""
    by: dict[str, list[str]] = {}
    for rule in ruleset.rules:
        for target in rule.supersedes:
            by.setdefault(target, []).append(rule.id)
    return by


def rule_lines(ruleset: RuleSet) -> list[str]:
    """The rule set for a terminal, one rule per line: id, severity, area and title."""
    width = max(len(rule.id) for rule in ruleset.rules)
    return [
        one_line(f"{rule.id:{width}}  {word(rule.severity):9}  {rule.area:34}  {rule.title}")
        for rule in ruleset.rules
    ]


def render_catalogue(ruleset: RuleSet) -> str:
    """The Markdown rule catalogue (rules/README.md)."""
    by_area = {name: [r for r in ruleset.rules if r.area == name] for name in ruleset.areas}
    counts = {s: sum(r.severity == s for r in ruleset.rules) for s in SEVERITY_ORDER}
    return (
        environment()
        .get_template("catalogue.md.j2")
        .render(
            ruleset=ruleset,
            by_area=by_area,
            counts=counts,
            sentence=sentence,
            word=word,
            superseded_by=superseders(ruleset),
        )
    )


def describe_rule(rule: LoadedRule, ruleset: RuleSet) -> str:
    """One rule for a terminal: what it tests in words, why, and where it comes from."""
    source = ruleset.sources.get(rule.cite.source)
    cited = (
        f"{source.title.strip()} ({source.publisher}, {source.year})"
        if source
        else rule.cite.source
    )
    area = ruleset.areas.get(rule.area)
    lines = [
        f"{rule.id}  [{word(rule.severity)}]  {rule.title}",
        f"area:      {area.title if area else rule.area} ({rule.area})",
        "fires when:",
        *("  " + line for line in describe(rule.condition)),
        "tip:",
        *textwrap.wrap(rule.tip, 96, initial_indent="  ", subsequent_indent="  "),
        "source:",
        *textwrap.wrap(
            f"{cited}, {rule.cite.section}", 96, initial_indent="  ", subsequent_indent="  "
        ),
    ]
    for tip in rule.surfaces:
        lines.append(f"surfaces:  {tip}: {ruleset.tips.get(tip, '')}")
    if rule.supersedes:
        lines.append(f"supersedes: {', '.join(rule.supersedes)} (counted once, under this rule)")
    above = superseders(ruleset).get(rule.id)
    if above:
        lines.append(f"superseded by: {', '.join(above)} (when that finding is open)")
    fires = sum(e.fires for e in rule.examples)
    lines.append(f"defined:   {rule.origin}")
    lines.append(f"examples:  {fires} that fire, {len(rule.examples) - fires} that stay quiet")
    return "\n".join(one_line(line) for line in lines)


def check_examples(ruleset: RuleSet, today: dt.date) -> tuple[list[Problem], int, list[str]]:
    """Run each rule's examples; problems for those that misbehave, the count, rules without any."""
    assessor = Assessor.build(ruleset, today)
    problems: list[Problem] = []
    checked = 0
    for rule in ruleset.rules:
        for example in rule.examples:
            checked += 1
            fired = rule.id in assessor.evaluator.evaluate(assessor.facts(example.profile))
            if fired != example.fires:
                expected = "fire" if example.fires else "stay quiet"
                message = f"rule '{rule.id}': this example should {expected} but does not"
                problems.append(Problem(example.source, example.line, example.column, message))
    missing = [rule.id for rule in ruleset.rules if not rule.examples]
    return problems, checked, missing
