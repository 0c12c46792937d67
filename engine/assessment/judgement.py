"""The rule-set features that weigh findings rather than answers: escalation and counting.

- An escalation (`escalate:` on a rule) makes a finding heavier when its condition holds too: a
  logistics gap for 1,600 people across six counties is not the gap it is for 50. Each is
  compiled for the rule engine as a rule of its own (the base condition and the escalation's),
  so the engine decides it on the same facts; here its firing raises the base finding's severity.
- A count (`kind: count`) raises a finding when other findings add up: several minor gaps in one
  part of the worksheet mean that part is not ready, though no single one says so. It counts the
  findings still open after waivers and folding, so an accepted or folded finding never counts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from engine.assessment import verdict
from engine.rules import conditions as c
from engine.rules.ruleset import LoadedRule

SEPARATOR = "#"  # never in a rule id (kebab-case), so a shadow id cannot clash with a rule's


def shadows(rules: Iterable[LoadedRule]) -> list[LoadedRule]:
    """One rule per escalation, for the engine: fires when the rule and its escalation hold."""
    found = []
    for rule in rules:
        for index, step in enumerate(rule.escalations):
            condition = c.AllOf((rule.condition, step.condition))
            shadow = dataclasses.replace(rule, id=_shadow_id(rule.id, index), condition=condition)
            found.append(shadow)
    return found


def _shadow_id(rule_id: str, index: int) -> str:
    return f"{rule_id}{SEPARATOR}{index}"


def escalated(fired: Iterable[str], rules: dict[str, LoadedRule]) -> dict[str, tuple[int, ...]]:
    """For each rule, the indices of its escalations that fired."""
    found: dict[str, tuple[int, ...]] = {}
    for name in fired:
        rule_id, sep, index = name.partition(SEPARATOR)
        if sep and rule_id in rules:
            found[rule_id] = (*found.get(rule_id, ()), int(index))
    return found


def is_shadow(name: str) -> bool:
    return SEPARATOR in name


class Counted(Protocol):
    """A finding as a count sees it."""

    @property
    def severity(self) -> str: ...

    @property
    def area(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def completeness(self) -> bool: ...


F = TypeVar("F", bound=Counted)


def counted(rule: LoadedRule, findings: Sequence[F]) -> list[F]:
    """The findings `rule` counts, or [] when they do not reach its threshold."""
    spec = rule.count
    if spec is None:
        return []
    chosen = [
        f
        for f in findings
        if verdict.is_open(f.status)
        and not f.completeness
        and f.severity in spec.severities
        and (not spec.areas or f.area in spec.areas)
    ]
    return chosen if len(chosen) >= spec.at_least else []
