"""A written condition (`rule_model.Condition`) turned into a typed `conditions.Cond`.

Shared by the rule loader and by follow-up questions (`applicability`), so that a `when:` in a rule
file and an `applies_when` on a question are held to the same facts, operators and values. Every
problem goes to `say` with the location inside the condition, so each caller can point at its own
source (a rule file line, or a question id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from engine.profile.positions import Loc
from engine.profile.suggestions import hint
from engine.rules import conditions as c
from engine.rules.fact_catalog import FactSpec, catalog
from engine.rules.rule_model import OPS, Condition

Say = Callable[[Loc, str], None]


def parse(
    cond: Condition, loc: Loc, say: Say, named: Mapping[str, c.Cond] | None = None
) -> c.Cond | None:
    """The typed condition, or None once `say` has been told what is wrong. `named` holds the
    conditions a `use:` may name (the rule set's own, already parsed)."""
    if cond.all is not None or cond.any is not None:
        key = "all" if cond.all is not None else "any"
        parts = [parse(p, (*loc, key, i), say, named) for i, p in enumerate(getattr(cond, key))]
        if any(p is None for p in parts):
            return None
        kept = tuple(p for p in parts if p is not None)
        return c.AllOf(kept) if key == "all" else c.AnyOf(kept)
    if cond.not_ is not None:
        inner = parse(cond.not_, (*loc, "not"), say, named)
        return c.Not(inner) if inner is not None else None
    if cond.use is not None:
        return _named(cond.use, (*loc, "use"), say, named or {})
    return _test(cond, loc, say)


def _named(name: str, loc: Loc, say: Say, named: Mapping[str, c.Cond]) -> c.Cond | None:
    if name not in named:
        say(loc, f"no condition named '{name}' in ruleset.yaml's `conditions:`{hint(name, named)}")
        return None
    return named[name]


def check_negations(condition: c.Cond, loc: Loc, say: Say) -> None:
    """A `not:` turns `gte` into `lt`, which a lower bound (a count of known items) cannot
    answer."""
    facts = catalog()
    for test in c.tests(c.without_not(condition)):
        spec = facts[test.fact]
        if not spec.allows(test.op):
            say(
                loc,
                f"once `not:` is applied, '{test.fact}' is tested with `{test.op}`, "
                f"which a {spec.bound} bound cannot answer without guessing blanks",
            )


def _test(cond: Condition, loc: Loc, say: Say) -> c.Test | None:
    assert cond.fact is not None and cond.op is not None
    facts = catalog()
    spec = facts.get(cond.fact)
    if spec is None:
        say((*loc, "fact"), f"unknown fact '{cond.fact}'{hint(cond.fact, facts)}")
        return None
    if not spec.allows(cond.op):
        allowed = ", ".join(op for op in OPS if spec.allows(op))
        say((*loc, "op"), f"`{cond.op}` does not fit '{cond.fact}' ({_kind(spec)}); use {allowed}")
        return None
    try:
        value = _convert(spec, cond.op, cond.value)
    except ValueError as error:
        say((*loc, "value"), str(error))
        return None
    return c.Test(cond.fact, cond.op, value)


def _kind(spec: FactSpec) -> str:
    if spec.vocabulary:
        return f"a {spec.type} from {', '.join(spec.vocabulary)}"
    bound = {"lower": ", a lower bound", "upper": ", an upper bound"}.get(spec.bound, "")
    return f"{spec.type}{bound}"


_TRUE, _FALSE = {"yes", "true", "on"}, {"no", "false", "off"}


def _convert(
    spec: FactSpec, op: str, raw: str | list[str] | None
) -> c.Scalar | tuple[c.Scalar, ...] | None:
    """The rule's value as the fact's type; ValueError with a planner-readable message."""
    if op in ("answered", "unanswered"):
        if raw is not None:
            raise ValueError(f"`{op}` takes no value")
        return None
    if raw is None:
        raise ValueError(f"`{op}` needs a value")
    if op in ("in", "not_in"):
        if not isinstance(raw, list) or not raw:
            raise ValueError(f"`{op}` needs a non-empty list of values, like [a, b]")
        return tuple(_one(spec, item) for item in raw)
    if isinstance(raw, list):
        raise ValueError(f"`{op}` compares with one value, not a list")
    return _one(spec, raw)


def _one(spec: FactSpec, raw: str) -> c.Scalar:
    text = raw.strip()
    if spec.vocabulary:
        word = text.lower().replace(" ", "_").replace("-", "_")
        if word in _TRUE and "yes" in spec.vocabulary:
            word = "yes"
        if word in _FALSE and "no" in spec.vocabulary:
            word = "no"
        if word not in spec.vocabulary:
            raise ValueError(
                f"'{raw}' is not an answer '{spec.name}' can have; use one of: "
                f"{', '.join(spec.vocabulary)}{hint(word, spec.vocabulary)}"
            )
        return word
    converters: dict[str, Callable[[str], c.Scalar]] = {
        "integer": int,
        "number": float,
        "boolean": _boolean,
        "date": dt.date.fromisoformat,
    }
    try:
        return converters[spec.type](text)
    except (KeyError, ValueError):
        raise ValueError(f"'{raw}' is not a valid {spec.type} value for '{spec.name}'") from None


def _boolean(text: str) -> bool:
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise ValueError(text)
