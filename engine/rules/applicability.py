"""Follow-up questions: when each applies, and what it means for one that does not.

A question declares when it applies (`applies_when` on its field, in the rule condition language).
It applies only when that condition is TRUE for the profile. When the condition is false, or
unknown because the answers it reads are blank, the question is "not applicable": neither answered
nor unanswered, left out of completeness, and no rule fires on its answers. Leaving a parent blank,
or answering it `no`, therefore moves its follow-ups out of the way; it never turns them into gaps
or findings, and a stale answer to a follow-up that no longer applies is not held against anyone.

A follow-up of a follow-up applies only when its parent applies too, so each question's full
condition is its own joined with those of the questions whose answers it reads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import ValidationError

from engine.profile.positions import Loc
from engine.profile.questions import Question, questions
from engine.rules import conditions as c
from engine.rules.condition_parser import check_negations, parse
from engine.rules.fact_catalog import catalog
from engine.rules.rule_model import Condition
from engine.rules.ruleset import RuleSet
from engine.runtime import validators


class FollowUpError(Exception):
    """A question's applies-when is wrong: a bug in the models, reported on first use."""


@dataclass(frozen=True)
class FollowUp:
    """A follow-up question's condition as declared, and with its parents' conditions."""

    own: c.Cond
    full: c.Cond


@cache
def follow_ups() -> dict[str, FollowUp]:
    """Every follow-up question by id, its condition parsed and checked once per process."""
    problems: list[str] = []
    own = {q.id: _parse(q, problems) for q in questions() if q.applies_when is not None}
    parsed = {qid: cond for qid, cond in own.items() if cond is not None}
    full: dict[str, c.Cond] = {}
    for qid in parsed:
        _full(qid, parsed, full, problems, ())
    if problems:
        raise FollowUpError("\n".join(problems))
    return {qid: FollowUp(parsed[qid], full[qid]) for qid in parsed}


def not_applicable(values: Mapping[str, Any]) -> frozenset[str]:
    """The ids of the questions that do not apply, given the profile's fact values."""
    return frozenset(
        qid for qid, up in follow_ups().items() if c.truth(up.full, values) is not True
    )


def guarded(cond: c.Cond) -> c.Cond:
    """The condition with every test on a follow-up's answers requiring the follow-up to apply.

    Negations are pushed to the tests first, so that the guard is never negated with them.
    """
    if not any(owner(fact) in follow_ups() for fact in c.facts_in(cond)):
        return cond
    return _guard(c.without_not(cond))


def with_follow_ups(ruleset: RuleSet) -> RuleSet:
    """The rule set with every rule guarded; the completeness policy's rules included."""
    rules = tuple(dataclasses.replace(r, condition=guarded(r.condition)) for r in ruleset.rules)
    return dataclasses.replace(ruleset, rules=rules)


def wording(question_id: str) -> str | None:
    """When the question applies, in words (`2.1 is yes`); None for a question that always does.

    Planners know questions by number, not facts by path: an answer is named by its question's
    id (with the field when the question has several), and a yes-or-no derived fact by what it
    says, so the template never asks a planner to read `derived.…`.
    """
    up = follow_ups().get(question_id)
    if up is None:
        return None
    return _words(up.own, _question_names(), top=True)


def _question_names() -> dict[str, str]:
    names = {}
    for q in questions():
        for field in q.primary:
            label = field.rsplit(".", 1)[-1].replace("_", " ")
            names[field] = q.id if len(q.primary) == 1 else f"{q.id} ({label})"
    return names


def _words(cond: c.Cond, names: Mapping[str, str], top: bool = False) -> str:
    if isinstance(cond, c.Test):
        spec = catalog()[cond.fact]
        if (
            spec.type == "boolean"
            and spec.kind == "derived"
            and (cond.op, cond.value)
            == (
                "eq",
                True,
            )
        ):
            text = spec.description.rstrip(".")
            return text[:1].lower() + text[1:] if text[1:2].islower() else text
        return c.sentence(_renamed(cond, names))
    if isinstance(cond, c.Not):
        return f"not ({_words(cond.part, names)})"
    joiner = " and " if isinstance(cond, c.AllOf) else " or "
    text = joiner.join(_words(part, names) for part in cond.parts)
    return text if top or len(cond.parts) == 1 else f"({text})"


def wordings() -> dict[str, str]:
    """`wording` for every follow-up question, by id."""
    return {qid: text for qid in follow_ups() if (text := wording(qid))}


@cache
def _owners() -> dict[str, str]:
    """Question id by fact, for the facts that are a question's own answers (and their counts)."""
    facts = catalog()
    found: dict[str, str] = {}
    for question in questions():
        for pattern in question.fields:
            for name in (pattern, f"{pattern}.count"):
                if name in facts and facts[name].kind != "derived":
                    found.setdefault(name, question.id)
    return found


def owner(fact: str) -> str | None:
    """The question whose answer the fact is, if any (derived facts have none)."""
    return _owners().get(fact)


def _parse(question: Question, problems: list[str]) -> c.Cond | None:
    def say(loc: Loc, text: str) -> None:
        where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
        problems.append(f"question {question.id}: applies_when{where}: {text}")

    try:
        validators.prepare_one(Condition)
        written = Condition.model_validate(_as_written(question.applies_when))
    except ValidationError as error:
        say((), "; ".join(e["msg"] for e in error.errors()))
        return None
    cond = parse(written, (), say)
    if cond is not None:
        check_negations(cond, (), say)
    return cond


def _as_written(raw: Any, key: str = "") -> Any:
    """Values as a rule file would hold them (text), so that Python's `0` or `True` is typed by
    the fact like a rule's value is."""
    if isinstance(raw, dict):
        return {k: _as_written(v, k) for k, v in raw.items()}
    if isinstance(raw, list):
        return [_as_written(item, key) for item in raw]
    if key != "value" or raw is None or isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "true" if raw else "false"
    return raw.isoformat() if isinstance(raw, dt.date) else str(raw)


def _full(
    qid: str,
    own: dict[str, c.Cond],
    full: dict[str, c.Cond],
    problems: list[str],
    path: tuple[str, ...],
) -> c.Cond:
    if qid in full:
        return full[qid]
    if qid in path:
        problems.append(f"question {qid}: applies_when goes round: {' -> '.join((*path, qid))}")
        return own[qid]
    parents = dict.fromkeys(owner(fact) for fact in c.facts_in(own[qid]))
    above = [_full(p, own, full, problems, (*path, qid)) for p in parents if p in own]
    full[qid] = c.AllOf((*above, own[qid])) if above else own[qid]
    return full[qid]


def _guard(cond: c.Cond, given: frozenset[c.Cond] = frozenset()) -> c.Cond:
    """`given`: the tests that already hold wherever `cond` is true, so they need no repeating."""
    if isinstance(cond, c.Test):
        question = owner(cond.fact)
        up = follow_ups().get(question) if question else None
        if up is None or set(_conjuncts(up.full)) <= given:
            return cond
        return c.AllOf((*_conjuncts(up.full), cond))
    assert not isinstance(cond, c.Not), "negations are pushed to the tests first"
    if isinstance(cond, c.AnyOf):
        return c.AnyOf(tuple(_guard(part, given) for part in cond.parts))
    inside = given | {part for part in cond.parts if isinstance(part, c.Test)}
    parts = (_conjuncts(_guard(part, inside)) for part in cond.parts)
    return c.AllOf(tuple(dict.fromkeys(test for group in parts for test in group)))


def _conjuncts(cond: c.Cond) -> tuple[c.Cond, ...]:
    return cond.parts if isinstance(cond, c.AllOf) else (cond,)


def _renamed(cond: c.Cond, names: Mapping[str, str]) -> c.Cond:
    if isinstance(cond, c.Test):
        return c.Test(names.get(cond.fact, cond.fact), cond.op, cond.value)
    if isinstance(cond, c.Not):
        return c.Not(_renamed(cond.part, names))
    parts = tuple(_renamed(part, names) for part in cond.parts)
    return c.AllOf(parts) if isinstance(cond, c.AllOf) else c.AnyOf(parts)
