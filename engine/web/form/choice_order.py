"""Ticked choices keep the order the planner's file has them in.

A browser sends the boxes of a multiple-choice answer in the order the form shows them (the
vocabulary's), not the order the file lists them in. Saved as sent, an edit to some other answer
would reorder `[forum, survey]` to `[survey, forum]`: a changed line in the reviewer's diff for
an answer nobody touched. So the choices already in the file stay in its order, and newly ticked
ones follow in the form's order. Only boxes are reordered: the order of a ranking, of typed texts
and of entries is the planner's answer, and the form sends it as the planner set it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from engine.profile.models import Profile
from engine.profile.models.fields import FieldSpec, model_fields
from engine.web.form.widgets import is_ranking


def in_file_order(data: Mapping[str, Any], saved: object) -> dict[str, Any]:
    """`data` with each list of choices in `saved`'s order where `saved` has that list."""
    return _section(data, saved, Profile)


def _section(data: Mapping[str, Any], saved: object, model: type[BaseModel]) -> dict[str, Any]:
    result = dict(data)
    if not isinstance(saved, Mapping):
        return result
    for spec in model_fields(model):
        key = spec.path[0]
        if key in result:
            result[key] = _value(result[key], saved.get(key), model, spec)
    return result


def _value(new: Any, old: Any, holder: type[BaseModel], spec: FieldSpec) -> Any:
    kind, model = spec.kind, spec.model
    if kind == "choices" and isinstance(new, list) and isinstance(old, list):
        return new if is_ranking(holder, spec) else ordered_like(new, old)
    if model is None:
        return new
    if kind == "section" and isinstance(new, Mapping):
        return _section(new, old, model)
    if kind == "items" and isinstance(new, list) and isinstance(old, list):
        return [_section(n, o, model) if isinstance(n, Mapping) else n for n, o in _pairs(new, old)]
    if kind == "mapping" and isinstance(new, Mapping) and isinstance(old, Mapping):
        return {
            k: _section(v, old.get(k), model) if isinstance(v, Mapping) else v
            for k, v in new.items()
        }
    return new


def _pairs(new: list[Any], old: list[Any]) -> list[tuple[Any, Any]]:
    return [(item, old[index] if index < len(old) else None) for index, item in enumerate(new)]


def ordered_like(new: list[Any], old: list[Any]) -> list[Any]:
    """The items of `new`: those also in `old` first, in `old`'s order, then the rest as sent."""
    left = Counter(map(_key, new))
    kept = [item for item in old if _take(left, item)]
    return kept + [item for item in new if _take(left, item)]


def _take(left: Counter[Any], item: Any) -> bool:
    key = _key(item)
    if left[key] <= 0:
        return False
    left[key] -= 1
    return True


def _key(item: Any) -> Any:
    return item if isinstance(item, (str, int, float, bool)) or item is None else repr(item)
