"""Per-profile rule evaluation: durable-rules (Rete) against the plain-Python reference evaluator.

Both evaluate the same facts (extracted once, outside the timing) with the same rules: the shipped
set, then 10x and 100x as many synthetic rules. Ratios are taken within one run, interleaving the
two evaluators round by round, because the machine is shared and noisy.

Run: .venv/bin/python -m benchmarks.bench_evaluate [--profiles N] [--rounds R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable

from benchmarks.generate import generate_profiles
from engine.rules.evaluator import DurableEvaluator
from engine.rules.facts import Fact, extract
from engine.rules.rule_compiler import compile_rules
from engine.rules.rule_loader import load_ruleset
from engine.rules.ruleset import LoadedRule
from tests import reference_evaluator as reference
from tests.synthetic_rules import random_rules

TODAY = dt.date(2026, 11, 23)
ROW = "{:24} {:>6} {:>6} {:>11} {:>13} {:>6}"


def _per_profile(run: Callable[[], object], count: int) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) / count * 1e6


def measure(
    rules: list[LoadedRule], facts: list[dict[str, Fact]], rounds: int
) -> tuple[float, float, int]:
    engine = DurableEvaluator(compile_rules(rules))
    values = [{name: fact.value for name, fact in f.items()} for f in facts]
    durable, plain = [], []
    try:
        for _ in range(rounds):
            durable.append(_per_profile(lambda: [engine.evaluate(f) for f in facts], len(facts)))
            plain.append(
                _per_profile(lambda: [reference.fired(rules, v) for v in values], len(values))
            )
        shards = len(engine.compiled.shards)
    finally:
        engine.close()
    return statistics.median(durable), statistics.median(plain), shards


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    profiles = generate_profiles(args.profiles, seed=1)
    facts = [extract(p, TODAY) for p in profiles]
    shipped = list(load_ruleset().rules)
    print(f"{len(profiles)} generated profiles, medians of {args.rounds} interleaved rounds")
    print(ROW.format("rule set", "rules", "shards", "durable µs", "reference µs", "ratio"))
    for label, rules in (
        ("shipped", shipped),
        ("10x synthetic", random_rules(10 * len(shipped), seed=10)),
        ("100x synthetic", random_rules(100 * len(shipped), seed=100)),
    ):
        count = min(len(facts), 50) if len(rules) > 1000 else len(facts)
        durable, plain, shards = measure(rules, facts[:count], args.rounds)
        ratio = f"{durable / plain:.2f}"
        print(ROW.format(label, len(rules), shards, f"{durable:.0f}", f"{plain:.0f}", ratio))


if __name__ == "__main__":
    random.seed(0)
    main()
