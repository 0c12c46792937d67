"""Random, valid rules over the real fact catalogue: for differential tests and benchmarks.

Every operator on every fact type appears, with `all`, `any` and `not` nested up to three deep,
so the compiler and the Rete engine are exercised far beyond what the shipped rules use.
"""

from __future__ import annotations

import datetime as dt
import random

from engine.rules import conditions as c
from engine.rules.fact_catalog import FactSpec, catalog
from engine.rules.rule_compiler import SHARD_BUDGET
from engine.rules.rule_loader import MAX_ALTERNATIVES
from engine.rules.rule_model import OPS, Citation
from engine.rules.ruleset import LoadedRule

_CITE = Citation(source="nothing-to-hide", section="C.1")


def _value(spec: FactSpec, rng: random.Random) -> c.Scalar:
    if spec.vocabulary:
        return rng.choice(spec.vocabulary)
    if spec.type == "boolean":
        return rng.random() < 0.5
    if spec.type == "date":
        return dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(-400, 800))
    if spec.type == "number":
        return round(rng.uniform(-1, 1), 2)
    return rng.randint(-2, 12)


def _test(facts: list[FactSpec], rng: random.Random) -> c.Test:
    spec = rng.choice(facts)
    ops = [op for op in OPS if spec.allows(op)]
    op = rng.choice(ops)
    if op in ("answered", "unanswered"):
        return c.Test(spec.name, op)
    if op in ("in", "not_in"):
        return c.Test(spec.name, op, tuple({_value(spec, rng) for _ in range(rng.randint(1, 3))}))
    return c.Test(spec.name, op, _value(spec, rng))


def _legal(cond: c.Cond) -> bool:
    kinds = catalog()
    return all(kinds[t.fact].allows(t.op) for t in c.tests(c.without_not(cond)))


def condition(rng: random.Random, depth: int = 0) -> c.Cond:
    facts = list(catalog().values())
    roll = rng.random()
    if depth >= 3 or roll < 0.4:
        cond: c.Cond = _test(facts, rng)
    else:
        parts = tuple(condition(rng, depth + 1) for _ in range(rng.randint(1, 3)))
        cond = c.AllOf(parts) if roll < 0.7 else c.AnyOf(parts)
    if rng.random() < 0.15 and _legal(c.Not(cond)):
        cond = c.Not(cond)
    return cond


def random_rules(count: int, seed: int) -> list[LoadedRule]:
    """`count` rules, the same for the same seed, each within the engine's alternatives budget."""
    rng = random.Random(seed)
    rules: list[LoadedRule] = []
    while len(rules) < count:
        cond = condition(rng)
        if c.alternatives(cond) > min(MAX_ALTERNATIVES, SHARD_BUDGET):
            continue
        severity = rng.choice(("blocker", "major", "minor", "advisory"))
        index = len(rules)
        rules.append(
            LoadedRule(
                f"synthetic-{seed}-{index}",
                f"synthetic {index}",
                "objectives",
                severity,
                "tip",
                _CITE,
                cond,
                "synthetic",
            )
        )
    return rules
