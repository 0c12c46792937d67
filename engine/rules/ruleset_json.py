"""A loaded rule set as JSON and back, for the cache: data only, and checked field by field.

JSON rather than pickle, so that a cache file can hold nothing but values: every field is read
back with its type checked (text, whole numbers, lists, the condition tree's four shapes), and
anything unexpected raises `CorruptEntryError`, which the cache treats as a miss. Values keep their
exact types (`True` is not `1`, a date is not its text), so a rule set read back compares equal
to the one written and every report comes out byte for byte the same. Rule examples are left out:
they are for `readiness rules check`, which reads the rule files itself.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from engine.profile.loader import Limits
from engine.rules import conditions as c
from engine.rules.rule_model import Area, Citation, Source
from engine.rules.ruleset import LoadedRule, RuleSet

M = TypeVar("M", bound=BaseModel)
MAX_DEPTH = Limits().max_depth  # a rule file's own nesting limit bounds its conditions


class CorruptEntryError(ValueError):
    """The JSON is not a rule set this module wrote."""


def dumps(ruleset: RuleSet) -> bytes:
    data = {
        "name": ruleset.name,
        "version": ruleset.version,
        "digest": ruleset.digest,
        "rules": [_rule(rule) for rule in ruleset.rules],
        "sources": {key: _model(value) for key, value in ruleset.sources.items()},
        "areas": {key: _model(value) for key, value in ruleset.areas.items()},
        "tips": ruleset.tips,
    }
    return json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8")


def _rule(rule: LoadedRule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "title": rule.title,
        "area": rule.area,
        "severity": rule.severity,
        "tip": rule.tip,
        "cite": _model(rule.cite),
        "condition": _condition(rule.condition),
        "origin": rule.origin,
        "surfaces": list(rule.surfaces),
        "supersedes": list(rule.supersedes),
        "completeness": rule.completeness,
    }


def _model(model: BaseModel) -> dict[str, Any]:
    """The fields given when the model was validated, so that a copy has the same fields set."""
    return {name: getattr(model, name) for name in sorted(model.model_fields_set)}


def _condition(cond: c.Cond) -> dict[str, Any]:
    if isinstance(cond, c.Test):
        return {"test": [cond.fact, cond.op, _value(cond.value)]}
    if isinstance(cond, c.Not):
        return {"not": _condition(cond.part)}
    kind = "all" if isinstance(cond, c.AllOf) else "any"
    return {kind: [_condition(part) for part in cond.parts]}


def _value(value: object) -> object:
    if isinstance(value, tuple):
        return {"tuple": [_value(item) for item in value]}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


def loads(payload: bytes) -> RuleSet:
    """The rule set `dumps` wrote; raises CorruptEntryError for anything else."""
    try:
        return _ruleset(json.loads(payload.decode("utf-8")))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:  # nesting no rule has
        raise CorruptEntryError(str(error)) from None


def _ruleset(data: object) -> RuleSet:
    entry = _fields(data, ("name", "version", "digest", "rules", "sources", "areas", "tips"))
    return RuleSet(
        _text(entry["name"]),
        _text(entry["version"]),
        _text(entry["digest"]),
        tuple(_loaded_rule(item) for item in _list(entry["rules"])),
        {_text(k): _source(v) for k, v in _dict(entry["sources"]).items()},
        {_text(k): _area(v) for k, v in _dict(entry["areas"]).items()},
        {_text(k): _text(v) for k, v in _dict(entry["tips"]).items()},
    )


_RULE_FIELDS = (
    "id",
    "title",
    "area",
    "severity",
    "tip",
    "cite",
    "condition",
    "origin",
    "surfaces",
    "supersedes",
    "completeness",
)


def _loaded_rule(raw: object) -> LoadedRule:
    entry = _fields(raw, _RULE_FIELDS)
    cite = _fields(entry["cite"], ("section", "source"))
    return LoadedRule(
        id=_text(entry["id"]),
        title=_text(entry["title"]),
        area=_text(entry["area"]),
        severity=_text(entry["severity"]),
        tip=_text(entry["tip"]),
        cite=_construct(Citation, {k: _text(v) for k, v in cite.items()}),
        condition=_cond(entry["condition"]),
        origin=_text(entry["origin"]),
        surfaces=tuple(_text(item) for item in _list(entry["surfaces"])),
        supersedes=tuple(_text(item) for item in _list(entry["supersedes"])),
        completeness=_flag(entry["completeness"]),
    )


def _construct(model: type[M], values: dict[str, object]) -> M:
    """The model as validation made it, from values checked here (and validated when the entry
    was built), without building its validator: that is what a cold run saves.

    Fields left out get their defaults here: `model_construct` would first inspect each default
    factory's signature (whether it takes the validated data), which cost a cold run 3 ms.
    """
    filled = dict(values)
    for name, info in model.model_fields.items():
        if name not in filled and info.default_factory is not None:
            filled[name] = cast(Callable[[], object], info.default_factory)()  # ours take none
    return model.model_construct(_fields_set=set(values), **filled)


def _cond(raw: object, depth: int = 0) -> c.Cond:
    if depth > MAX_DEPTH:
        raise CorruptEntryError("a condition nested deeper than a rule file can hold")
    entry = _dict(raw)
    if len(entry) != 1:
        raise CorruptEntryError("a condition has exactly one key")
    ((kind, body),) = entry.items()
    if kind == "test":
        test = _list(body)
        if len(test) != 3:
            raise CorruptEntryError("a test is [fact, op, value]")
        return c.Test(_text(test[0]), _text(test[1]), _decode_value(test[2]))
    if kind == "not":
        return c.Not(_cond(body, depth + 1))
    if kind in ("all", "any"):
        parts = tuple(_cond(part, depth + 1) for part in _list(body))
        return c.AllOf(parts) if kind == "all" else c.AnyOf(parts)
    raise CorruptEntryError(f"unknown condition {kind!r}")


def _decode_value(raw: object) -> c.Scalar | tuple[c.Scalar, ...] | None:
    if raw is None or isinstance(raw, (str, bool, int, float)):
        return raw
    entry = _dict(raw)
    if set(entry) == {"tuple"}:
        return tuple(_scalar(item) for item in _list(entry["tuple"]))
    return _scalar(raw)


def _scalar(raw: object) -> c.Scalar:
    if isinstance(raw, (str, bool, int, float)):
        return raw
    entry = _dict(raw)
    if set(entry) != {"date"}:
        raise CorruptEntryError("a value is text, a number, true/false, a date or a tuple")
    try:
        return dt.date.fromisoformat(_text(entry["date"]))
    except ValueError as error:
        raise CorruptEntryError(str(error)) from None


def _checked(
    raw: object, checks: Mapping[str, Callable[[object], object]], required: tuple[str, ...]
) -> dict[str, object]:
    """The fields given, each checked; the required ones present, and no others."""
    entry = _dict(raw)
    if not set(required) <= set(entry) <= set(checks):
        raise CorruptEntryError(
            f"expected the fields {sorted(required)}, and only {sorted(checks)}"
        )
    return {name: checks[name](value) for name, value in entry.items()}


def _fields(raw: object, names: tuple[str, ...]) -> dict[str, object]:
    entry = _dict(raw)
    if set(entry) != set(names):
        raise CorruptEntryError(f"expected the fields {sorted(names)}")
    return entry


def _dict(raw: object) -> dict[str, object]:
    if not isinstance(raw, dict):
        raise CorruptEntryError("expected an object")
    return raw


def _list(raw: object) -> list[object]:
    if not isinstance(raw, list):
        raise CorruptEntryError("expected a list")
    return raw


def _text(raw: object) -> str:
    if not isinstance(raw, str):
        raise CorruptEntryError("expected text")
    return raw


def _optional_text(raw: object) -> str | None:
    return None if raw is None else _text(raw)


def _texts(raw: object) -> list[str]:
    return [_text(item) for item in _list(raw)]


def _whole(raw: object) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise CorruptEntryError("expected a whole number")
    return raw


def _flag(raw: object) -> bool:
    if not isinstance(raw, bool):
        raise CorruptEntryError("expected true or false")
    return raw


_SOURCE: dict[str, Callable[[object], object]] = {
    "title": _text,
    "publisher": _text,
    "year": _whole,
    "section": _optional_text,
    "url": _optional_text,
    "licence": _text,
}
_AREA: dict[str, Callable[[object], object]] = {
    "title": _text,
    "questions": _texts,
    "facts": _texts,
}


def _source(raw: object) -> Source:
    return _construct(Source, _checked(raw, _SOURCE, ("title", "publisher", "year", "licence")))


def _area(raw: object) -> Area:
    return _construct(Area, _checked(raw, _AREA, ("title",)))
