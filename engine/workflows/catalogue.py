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
from engine.assessment.vocabulary import DECISIVE_BLANK, word
from engine.errors import Problem
from engine.printable import one_line
from engine.render.environment import environment
from engine.rules.conditions import describe, sentence
from engine.rules.ruleset import Example, LoadedRule, RuleSet


def rule_rows(ruleset: RuleSet) -> list[dict[str, Any]]:
    """The rule set as JSON-ready rows (the contract: at least id, severity, area, title)."""
    return [
        {
            "id": rule.id,
            "severity": rule.severity,
            "kind": rule.kind,
            "area": rule.area,
            "title": rule.title,
            "when": when_words(rule),
            "tip": rule.tip,
            "cite": {"source": rule.cite.source, "section": rule.cite.section},
            "surfaces": list(rule.surfaces),
            "supersedes": list(rule.supersedes),
            "superseded_by": superseders(ruleset).get(rule.id, []),
            "origin": rule.origin,
            **({"lift": rule.lift} if rule.lift else {}),
        }
        for rule in ruleset.rules
    ]


def when_words(rule: LoadedRule) -> str:
    """When the rule fires, in words: its condition, or what it counts; then its escalations."""
    if rule.count is not None:
        spec = rule.count
        where = f" in {', '.join(spec.areas)}" if spec.areas else ""
        kinds = " or ".join(word(s) for s in spec.severities)
        text = f"at least {spec.at_least} open {kinds} findings{where}"
    else:
        text = sentence(rule.condition)
    for step in rule.escalations:
        text += f"; a {word(step.severity)} when {sentence(step.condition)}"
    return text


def kind_word(rule: LoadedRule) -> str:
    """The reader's word for what the rule raises: a severity, or a decisive blank."""
    return DECISIVE_BLANK if rule.completeness else word(rule.severity)


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
        one_line(f"{rule.id:{width}}  {kind_word(rule):14}  {rule.area:34}  {rule.title}")
        for rule in ruleset.rules
    ]


def render_catalogue(ruleset: RuleSet) -> str:
    """The Markdown rule catalogue (rules/README.md)."""
    by_area = {name: [r for r in ruleset.rules if r.area == name] for name in ruleset.areas}
    counts = {
        s: sum(r.severity == s and not r.completeness for r in ruleset.rules)
        for s in SEVERITY_ORDER
    }
    counts["blank"] = sum(r.completeness for r in ruleset.rules)
    return (
        environment()
        .get_template("catalogue.md.j2")
        .render(
            ruleset=ruleset,
            by_area=by_area,
            counts=counts,
            when_words=when_words,
            kind_word=kind_word,
            sentence=sentence,
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
        f"{rule.id}  [{kind_word(rule)}]  {rule.title}",
        f"area:      {area.title if area else rule.area} ({rule.area})",
        "fires when:",
        *("  " + line for line in _described(rule)),
        "tip:",
        *textwrap.wrap(rule.tip, 96, initial_indent="  ", subsequent_indent="  "),
        "source:",
        *textwrap.wrap(
            f"{cited}, {rule.cite.section}", 96, initial_indent="  ", subsequent_indent="  "
        ),
    ]
    if rule.lift:
        lines.append("lifted by:")
        lines.extend(textwrap.wrap(rule.lift, 96, initial_indent="  ", subsequent_indent="  "))
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


def _described(rule: LoadedRule) -> list[str]:
    if rule.count is not None:
        return [when_words(rule)]
    lines = describe(rule.condition)
    for step in rule.escalations:
        lines.append(f"and is a {word(step.severity)} when:")
        lines.extend("  " + line for line in describe(step.condition))
    return lines


def check_examples(ruleset: RuleSet, today: dt.date) -> tuple[list[Problem], int, list[str]]:
    """Run each rule's examples, and its escalations'; problems for those that misbehave, the
    count, rules without any."""
    assessor = Assessor.build(ruleset, today)
    problems: list[Problem] = []
    checked = 0
    for rule in ruleset.rules:
        cases = [(example, rule.severity) for example in rule.examples]
        cases += [
            (example, step.severity) for step in rule.escalations for example in step.examples
        ]
        for example, severity in cases:
            checked += 1
            if raised(assessor, rule, example, severity) != example.fires:
                expected = "fire" if example.fires else "stay quiet"
                heavier = "" if severity == rule.severity else f" as a {word(severity)}"
                message = f"rule '{rule.id}': this example should {expected}{heavier} but does not"
                problems.append(Problem(example.source, example.line, example.column, message))
    missing = [rule.id for rule in ruleset.rules if not rule.examples]
    return problems, checked, missing


def raised(assessor: Assessor, rule: LoadedRule, example: Example, severity: str) -> bool:
    """Whether the example raises the rule's finding at `severity`. A plain rule asks the rule
    engine alone; a count or an escalation needs the whole assessment."""
    if rule.on_facts and severity == rule.severity:
        return rule.id in assessor.fired(assessor.facts(example.profile))
    result = assessor.assess(example.profile, example.tree, example.source)
    return any(f.rule == rule.id and f.severity == severity for f in result.findings)
