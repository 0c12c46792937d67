"""The inverse of the form: what a browser submits, back to the profile's nested data.

Blank is never "no": an input left blank, or the "not answered yet" choice, leaves its answer
out, and a list is empty (`[]`, "there are none") only when its "none" box is ticked. An entry
of a list of texts not typed yet stays in the data as None, so that it keeps its place while the
planner presses other buttons; the writer leaves it out, and a list of such entries only is
still blank. Words such
as `unsure` are kept as chosen; whole numbers and numbers are read as numbers when they are
numbers, and otherwise kept as typed, so that validation says what is wrong with them in the
CLI's words. A name the form cannot have sent is refused (`FormError`), not ignored.
"""

from __future__ import annotations

import copy
import itertools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from engine.i18n import N_
from engine.i18n.text import _
from engine.profile.models import Profile
from engine.profile.models.fields import FieldSpec, model_fields
from engine.web.form.names import ACTION, ADD, ENTRY, NONE, REMOVE, loc_of, name_of

MAX_INDEX = 9_999  # more entries than any list can hold; a bigger index is not from the form
_INTEGER = re.compile(r"\s*[+-]?\d+\s*")
_SCALARS = ("choice", "text", "integer", "number", "date")
NOT_A_FIELD = N_("%(name)s is not a field of the profile form")


class FormError(ValueError):
    """A submission the form could not have sent: an unknown name, a malformed action."""


@dataclass(frozen=True)
class Submission:
    """The profile data a submission holds, and the add or remove button pressed, if any."""

    data: dict[str, Any]
    action: str | None = None


@dataclass(frozen=True)
class _Target:
    loc: tuple[str | int, ...]
    kind: str  # a FieldSpec kind, or "none", "entry", "item" (one slot of a list of values)
    spec: FieldSpec | None = None


def parse_submission(pairs: Iterable[tuple[str, str]]) -> Submission:
    """The profile data of a submission: (name, value) pairs in the order the browser sent them."""
    tree: dict[Any, Any] = {}
    nones: list[tuple[str | int, ...]] = []
    seen: set[str] = set()
    action: str | None = None
    for name, value in pairs:
        if name == ACTION:
            action = value
            continue
        target = resolve(name)
        if target.kind == "none":
            nones.append(target.loc)
        elif target.kind == "entry":
            _node_at(tree, target.loc)
        elif target.kind == "choices":
            if value.strip():
                _append(tree, target.loc, value)
        else:
            if name in seen:
                raise FormError(_("%(name)s was sent twice") % {"name": name})
            seen.add(name)
            if value.strip():
                _put(tree, target.loc, _parsed(target, value))
            elif _typed_item(target):  # an added text not typed yet keeps its place
                _put(tree, target.loc, None)
    for loc in nones:  # a list answered "there are none" is empty, unless entries came with it
        _node_at(tree, loc[:-1]).setdefault(loc[-1], [])
    return Submission(_listed(tree), action)


def resolve(name: str) -> _Target:
    """What a form name stands for in the models; FormError when it stands for nothing."""
    parts = list(loc_of(name))
    model: type[BaseModel] = Profile
    loc: list[str | int] = []
    while parts:
        spec = _field(model, parts.pop(0), name)
        loc.append(spec.path[0])
        if spec.kind in _SCALARS and not parts:
            return _Target(tuple(loc), spec.kind, spec)
        if spec.kind == "section" and spec.model is not None and parts:
            model = spec.model
            continue
        if spec.kind in ("items", "texts", "choices") and parts == [NONE]:
            return _Target(tuple(loc), "none", spec)
        if spec.kind == "choices" and not parts:
            return _Target(tuple(loc), "choices", spec)
        if spec.kind in ("texts", "choices") and len(parts) == 1:
            return _Target((*loc, _index(parts[0], name)), "item", spec)
        if spec.kind == "items" and spec.model is not None and parts:
            loc.append(_index(parts.pop(0), name))
            if parts == [ENTRY]:
                return _Target(tuple(loc), "entry", spec)
            if parts:
                model = spec.model
                continue
        break
    raise FormError(_(NOT_A_FIELD) % {"name": name})


def _typed_item(target: _Target) -> bool:
    """One entry of a list of texts (not a position of a ranking, whose blanks close up)."""
    return target.kind == "item" and target.spec is not None and target.spec.kind == "texts"


def _field(model: type[BaseModel], part: str | int, name: str) -> FieldSpec:
    for spec in model_fields(model):
        if spec.path[0] == part:
            return spec
    raise FormError(_(NOT_A_FIELD) % {"name": name})


def _index(part: str | int, name: str) -> int:
    if isinstance(part, int) and part <= MAX_INDEX:
        return part
    raise FormError(_(NOT_A_FIELD) % {"name": name})


def _parsed(target: _Target, value: str) -> Any:
    if target.kind == "choice" and target.spec is not None:
        # A vocabulary of numbers (schema_version): the number, not its text.
        return next((v for v in target.spec.vocabulary if str(v) == value), value)
    if target.kind == "integer" and _INTEGER.fullmatch(value):
        return int(value)
    if target.kind == "number":
        try:
            number = float(value)
        except ValueError:
            return value
        return number if math.isfinite(number) else value
    if target.kind == "date":
        return value.strip()
    return value.replace("\r\n", "\n").replace("\r", "\n")  # browsers send CRLF line breaks


def _node_at(tree: dict[Any, Any], loc: tuple[str | int, ...]) -> dict[Any, Any]:
    for part in loc:
        tree = tree.setdefault(part, {})
    return tree


def _put(tree: dict[Any, Any], loc: tuple[str | int, ...], value: Any) -> None:
    _node_at(tree, loc[:-1])[loc[-1]] = value


def _append(tree: dict[Any, Any], loc: tuple[str | int, ...], value: str) -> None:
    holder = _node_at(tree, loc[:-1])
    holder.setdefault(loc[-1], []).append(value)


def _listed(node: Any) -> Any:
    """Entries collected by index become lists, in index order, gaps closed."""
    if isinstance(node, dict):
        if node and all(isinstance(key, int) for key in node):
            return [_listed(node[key]) for key in sorted(node)]
        return {key: _listed(value) for key, value in node.items()}
    return node


def apply_action(data: Mapping[str, Any], action: str) -> dict[str, Any]:
    """The data after an add (`add:LIST`) or remove (`remove:LIST.N`) button was pressed.

    An added entry is blank; removing the last entry leaves the list blank, not "none": only the
    planner's own tick says there are none.
    """
    result = copy.deepcopy(dict(data))
    if action.startswith(ADD):
        target = resolve(f"{action[len(ADD) :]}.{NONE}")
        holder, key = _holder(result, target.loc)
        current = holder.get(key)
        entries = current if isinstance(current, list) else []
        entries.append({} if target.spec is not None and target.spec.kind == "items" else None)
        holder[key] = entries
        return result
    if action.startswith(REMOVE) and "." in action:
        listed, _dot, index = action[len(REMOVE) :].rpartition(".")
        target = resolve(f"{listed}.{NONE}")
        holder, key = _holder(result, target.loc)
        present = holder.get(key)
        if isinstance(present, list) and index.isdigit() and int(index) < len(present):
            del present[int(index)]
            if not present:
                del holder[key]
        return result
    raise FormError(_("%(action)s is not an action of the profile form") % {"action": repr(action)})


def _holder(data: dict[str, Any], loc: tuple[str | int, ...]) -> tuple[dict[str, Any], str]:
    """The mapping that holds the list at `loc`; blank sections on the way are created, but an
    entry must exist."""
    holder: Any = data
    for part, after in itertools.pairwise(loc):
        if isinstance(part, int):
            if not isinstance(holder, list) or part >= len(holder):
                raise FormError(_("entry %(entry)s does not exist") % {"entry": part})
            holder = holder[part]
        elif isinstance(after, int):
            holder = holder.get(part)
        else:
            child = holder.get(part)
            if not isinstance(child, dict):
                child = holder[part] = {}
            holder = child
    key = loc[-1]
    if not isinstance(holder, dict) or not isinstance(key, str):
        raise FormError(_("%(name)s cannot hold entries") % {"name": name_of(loc)})
    return holder, key
