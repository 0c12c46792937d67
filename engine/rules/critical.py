"""Which questions' blanks decide the verdict, read from the rule set's decisive-blank rules.

The rule files are the one place that says so: a decisive-blank rule whose condition is only
"this question is unanswered" makes the question critical for every profile (the template, the
questions table and the workspace mark it), and any other decisive blank makes its questions
decisive for the profiles its condition holds for (the report marks those).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from engine.profile.questions import questions
from engine.rules import conditions as c
from engine.rules.ruleset import RuleSet

_ITEM = re.compile(r"\[\d+\]")  # a list position in an answer's path: `*` in a field pattern


@cache
def _question_by_field() -> dict[str, str]:
    found: dict[str, str] = {}
    for question in questions():
        for pattern in question.fields:
            found.setdefault(pattern, question.id)
    return found


def question_of(fact: str) -> str | None:
    """The worksheet question a fact (or an answer's path) belongs to, if any."""
    path = _ITEM.sub(".*", fact.removesuffix(".count"))
    return _question_by_field().get(path)


def always_critical(ruleset: RuleSet) -> frozenset[str]:
    """The questions whose blank alone makes every profile's verdict INCOMPLETE."""
    found = set()
    for rule in ruleset.rules:
        condition = rule.condition
        if rule.completeness and isinstance(condition, c.Test) and condition.op == "unanswered":
            question = question_of(condition.fact)
            if question is not None:
                found.add(question)
    return frozenset(found)


def blank_questions(facts: Iterable[str]) -> frozenset[str]:
    """The questions of the blank answers a decisive finding quotes."""
    return frozenset(q for fact in facts if (q := question_of(fact)) is not None)


def core_critical() -> frozenset[str]:
    """The shipped rule set's critical questions (for the template and the questions table)."""
    from engine.rules.ruleset_cache import cached_ruleset  # noqa: PLC0415 - loads the rules

    return always_critical(cached_ruleset())
