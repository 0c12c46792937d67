"""Helpers shared by the engine tests: one assessor per process, facts without a source file."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from engine.assessment.assessment import Assessor
from engine.assessment.judgement import shadows
from engine.profile.models import Profile
from engine.profile.positions import Mapping, Mark
from engine.rules.facts import extract
from engine.rules.rule_loader import load_ruleset
from engine.rules.ruleset import LoadedRule, RuleSet

TODAY = dt.date(2026, 11, 23)
NO_FILE = Mapping(Mark(1, 1))  # a profile built in memory has no positions; all point at 1:1


def ruleset() -> RuleSet:
    return load_ruleset()


@cache
def assessor(use_waivers: bool = True) -> Assessor:
    return Assessor.build(ruleset(), TODAY, use_waivers)


def values(profile: Profile) -> dict[str, Any]:
    """Fact name -> value, for the reference evaluator."""
    return {name: fact.value for name, fact in extract(profile, TODAY).items()}


def engine_rules() -> list[LoadedRule]:
    """What the rule engine is given: the rules decided on facts, and one per escalation."""
    on_facts = [rule for rule in ruleset().rules if rule.on_facts]
    return [*on_facts, *shadows(on_facts)]


def durable_fired(profile: Profile) -> list[str]:
    active = assessor()
    return active.evaluator.evaluate(extract(profile, TODAY))
