"""Rules compiled to durable-rules rulesets (plain JSON; the engine itself is in `evaluator`).

What the compiler takes care of, so that the Rete engine gives exactly our semantics:
- each fact becomes a short property key (`f12`); a profile is projected onto the keys a ruleset
  reads, with blank answers left out, which is what makes every comparison on them false;
- free text never enters the engine: a text fact is projected as a marker of being answered;
- a list of choices becomes one true/false property per choice a rule asks about;
- dates become day numbers, so that they compare as numbers;
- every rule is guarded by a test on a property only profiles carry, so that no rule can match the
  engine's own state fact (which would loop forever);
- rules are split into rulesets ("shards") of at most SHARD_BUDGET alternatives, because the
  engine's working stack holds 64 true alternatives at a time;
- each shard has an always-true sentinel rule, so every profile runs at least one action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.rules import conditions as c
from engine.rules.fact_catalog import catalog
from engine.rules.facts import Fact
from engine.rules.ruleset import LoadedRule

SHARD_BUDGET = 56
GUARD = "rdy"
SENTINEL = "__sentinel__"
MAX_PROPERTIES = 250
CAP = 1000


class CompileError(Exception):
    """The rule set cannot be compiled safely (a bug or a limit, never bad user input)."""


@dataclass
class Shard:
    """One durable-rules ruleset and the projection it needs."""

    name: str
    rules: dict[str, Any] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # fact -> property key
    members: dict[tuple[str, str], str] = field(default_factory=dict)  # (fact, choice) -> key
    budget: int = 0

    def key(self, fact: str) -> str:
        if fact not in self.keys:
            self.keys[fact] = f"f{len(self.keys) + len(self.members)}"
        return self.keys[fact]

    def member(self, fact: str, choice: str) -> str:
        self.key(fact)
        if (fact, choice) not in self.members:
            self.members[(fact, choice)] = f"f{len(self.keys) + len(self.members)}"
        return self.members[(fact, choice)]


@dataclass(frozen=True)
class Compiled:
    """A compiled rule set: shards in order, and each rule's position for sorting results."""

    shards: tuple[Shard, ...]
    order: dict[str, int]


def compile_rules(rules: Sequence[LoadedRule], prefix: str = "readiness") -> Compiled:
    shards: list[Shard] = []
    for rule in rules:
        cost = c.alternatives(rule.condition)
        if not shards or shards[-1].budget + cost > SHARD_BUDGET:
            shards.append(Shard(f"{prefix}-{len(shards)}"))
        shard = shards[-1]
        shard.budget += cost
        expression = _expression(c.without_not(rule.condition), shard)
        shard.rules[rule.id] = {
            "all": [{"m": {"$and": [{"$ex": {GUARD: 1}}, expression]}}],
            "cap": CAP,
        }
    for shard in shards:
        shard.rules[SENTINEL] = {"all": [{"m": {"$ex": {GUARD: 1}}}], "cap": CAP}
        _check_properties(shard)
    return Compiled(tuple(shards), {rule.id: index for index, rule in enumerate(rules)})


def _expression(cond: c.Cond, shard: Shard) -> dict[str, Any]:
    if isinstance(cond, (c.AllOf, c.AnyOf)):
        parts = [_expression(part, shard) for part in cond.parts]
        if len(parts) == 1:
            return parts[0]
        return {"$and" if isinstance(cond, c.AllOf) else "$or": parts}
    assert isinstance(cond, c.Test), "negations are removed before compiling"
    return _test(cond, shard)


_COMPARISONS = {"ne": "$neq", "gt": "$gt", "gte": "$gte", "lt": "$lt", "lte": "$lte"}


def _test(test: c.Test, shard: Shard) -> dict[str, Any]:
    """One test as a durable-rules expression on the shard's property keys."""
    op = test.op
    if op in ("contains", "lacks"):
        return {shard.member(test.fact, str(test.value)): op == "contains"}
    key = shard.key(test.fact)
    if op in ("answered", "unanswered"):
        return {"$ex" if op == "answered" else "$nex": {key: 1}}
    if op in ("in", "not_in"):
        return _membership(key, op, test.value)
    if op == "eq":
        return {key: _json(test.value)}
    return {_COMPARISONS[op]: {key: _json(test.value)}}


def _membership(key: str, op: str, value: object) -> dict[str, Any]:
    """`in` as an OR of equalities, `not_in` as an AND of inequalities (durable has neither)."""
    values = value if isinstance(value, tuple) else (value,)
    if op == "in":
        alternatives = [{key: _json(v)} for v in values]
        return alternatives[0] if len(alternatives) == 1 else {"$or": alternatives}
    excluded = [{"$neq": {key: _json(v)}} for v in values]
    return excluded[0] if len(excluded) == 1 else {"$and": excluded}


def _json(value: object) -> object:
    if isinstance(value, dt.date):
        return value.toordinal()
    return value


def fnv1a_32(text: str) -> int:
    """durable-rules tells properties apart by this hash alone, so ours must not collide."""
    value = 0x811C9DC5
    for byte in text.encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def _check_properties(shard: Shard) -> None:
    names = ["sid", "id", GUARD, *shard.keys.values(), *shard.members.values()]
    if len(names) > MAX_PROPERTIES:
        raise CompileError(f"{shard.name}: {len(names)} properties, over the engine's limit")
    hashes = {fnv1a_32(name) for name in names}
    if len(hashes) != len(names):
        raise CompileError(f"{shard.name}: property names collide in the engine's hash")


def project(shard: Shard, facts: Mapping[str, Fact]) -> dict[str, Any]:
    """The document one shard sees: its facts by key, blanks left out."""
    kinds = catalog()
    document: dict[str, Any] = {GUARD: 1}
    for fact, key in shard.keys.items():
        value = facts[fact].value
        if value is None:
            continue
        kind = kinds[fact].type
        if kind in ("text", "texts", "choices"):
            document[key] = 1
        else:
            document[key] = _json(value)
    for (fact, choice), key in shard.members.items():
        listed = facts[fact].value
        if listed is not None:
            document[key] = choice in listed
    return document
