"""Positioned tree to a validated Profile, or problems a planner can act on.

Pydantic's messages are written for programmers ("Extra inputs are not permitted"); this module
rewrites each into the field's path, what was found, what is allowed and the likely intended word,
and pins it to the line of the offending key or value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from engine.errors import MAX_PROBLEMS, InputError, Problem, reported_with
from engine.profile import consistency
from engine.profile.loader import Limits, load_tolerant
from engine.profile.models import SCHEMA_VERSION, Profile
from engine.profile.models.fields import model_at, model_fields
from engine.profile.positions import Loc, Mapping, Node, Seq, dotted, locate, to_data
from engine.profile.suggestions import hint
from engine.runtime import collector, validators

# What older schema versions need to reach this one; empty until a version 2 exists.
MIGRATIONS: dict[int, str] = {}


M = TypeVar("M", bound=BaseModel)


def load_profile(
    path: Path, display: str | None = None, limits: Limits | None = None
) -> tuple[Profile, Node]:
    """Load and validate one profile file; raises InputError with every problem found."""
    shown = display if display is not None else str(path)
    # Reading and validating a profile allocates many objects and frees few, so the collector's
    # passes over them are pure cost, and they grow with the file: pausing it took validating a
    # 1 MiB flood from 0.8 s to 0.3 s.
    with collector.paused():
        loaded = load_tolerant(path, shown, limits)  # a tab hides nothing: read on, report both
        with reported_with(loaded.problems, loaded.unlisted):
            profile = validate_tree(loaded.root, shown)
        return profile, loaded.root


def validate_tree(root: Node, shown: str, prefix: Loc = ()) -> Profile:
    """Validate a positioned tree as a profile; raises InputError with every problem found.

    `prefix` is where the tree sits inside a larger file (a rule's example profile), so that
    messages name the full path.
    """
    if not isinstance(root, Mapping):
        found = "a list" if isinstance(root, Seq) else "a single value"
        message = (
            f"the top level must be sections such as `schema_version:` and `objectives:`, "
            f"found {found}"
        )
        raise InputError([Problem(shown, root.mark.line, root.mark.column, message)])
    version_problem = _check_version(root, shown)
    if version_problem is not None:
        raise InputError([version_problem])
    validators.prepare("profile", (Profile,))
    profile = validate_node(root, shown, Profile, prefix)
    inconsistencies, unlisted = consistency.check(profile)
    problems = positioned(inconsistencies, root, shown, prefix)
    if problems:
        raise InputError(problems, unlisted)
    return profile


def positioned(
    found: Iterable[tuple[Loc, str]], root: Node, shown: str, prefix: Loc = ()
) -> list[Problem]:
    """(location, message) pairs as problems pinned to their lines, named by their paths."""
    problems = []
    for loc, message in found:
        mark = locate(root, loc)
        problems.append(
            Problem(shown, mark.line, mark.column, f"{dotted((*prefix, *loc))}: {message}")
        )
    return problems


def validate_node(node: Node, shown: str, model: type[M], prefix: Loc = ()) -> M:
    """Validate any positioned node against a model, with planner-readable positioned errors."""
    try:
        return model.model_validate(to_data(node))
    except ValidationError as error:
        details = error.errors(include_url=False)
        listed = details[:MAX_PROBLEMS]  # messages (and their suggestions) only for those listed
        problems = [_problem(e, node, shown, model, prefix) for e in listed]
        raise InputError(problems, len(details) - len(listed)) from None


def _check_version(root: Mapping, shown: str) -> Problem | None:
    node = root.entries.get("schema_version")
    if node is None:
        message = f"`schema_version: {SCHEMA_VERSION}` is missing; add it as the first line"
        return Problem(shown, root.mark.line, root.mark.column, message)
    raw = to_data(node)
    if not (isinstance(raw, str) and raw.strip().isdigit()):
        message = f"schema_version must be a whole number, {SCHEMA_VERSION}; found {_describe(raw)}"
        return Problem(shown, node.mark.line, node.mark.column, message)
    version = int(raw)
    if version > SCHEMA_VERSION:
        message = (
            f"this profile uses schema_version {version}, but this ids-readiness reads version "
            f"{SCHEMA_VERSION}; upgrade ids-readiness"
        )
        return Problem(shown, node.mark.line, node.mark.column, message)
    if version < SCHEMA_VERSION:
        how = MIGRATIONS.get(version, "no such version was ever released")
        message = f"schema_version {version} is not supported ({how})"
        return Problem(shown, node.mark.line, node.mark.column, message)
    return None


def _describe(value: Any) -> str:
    if value is None:
        return "a blank"
    if isinstance(value, dict):
        return "a section of `key: value` lines"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _problem(
    error: ErrorDetails, root: Node, shown: str, model: type[BaseModel], prefix: Loc
) -> Problem:
    loc = tuple(part for part in error["loc"] if isinstance(part, (str, int)))
    mark = locate(root, loc, key=error["type"] == "extra_forbidden")
    return Problem(shown, mark.line, mark.column, _message(error, loc, model, prefix))


_QUOTED = re.compile(r"'([^']*)'")
Handler = Callable[[str, ErrorDetails], str]


def _choice(path: str, error: ErrorDetails) -> str:
    value = str(error.get("input"))
    allowed = _QUOTED.findall(str(error.get("ctx", {}).get("expected", "")))
    listing = ", ".join(allowed)
    found = _describe(error.get("input"))
    return f"{path}: {found} is not an allowed answer; use one of: {listing}{hint(value, allowed)}"


def _date(path: str, error: ErrorDetails) -> str:
    detail = str(error.get("ctx", {}).get("error", "")).strip()
    reason = f" ({detail})" if detail else ""
    found = _describe(error.get("input"))
    return f"{path}: {found} is not a valid date{reason}; write it as YYYY-MM-DD"


def _expected(what: str) -> Handler:
    return lambda path, error: f"{path}: expected {what}, found {_describe(error.get('input'))}"


def _list(path: str, error: ErrorDetails) -> str:
    """A list typed as text (`needs: language, literacy`) is shown written as a list."""
    found, key = error.get("input"), error["loc"][-1] if error["loc"] else None
    if not isinstance(found, str) or not isinstance(key, str):
        return _expected("a list (one `- ` line per entry)")(path, error)
    items = ", ".join(_flow_item(part.strip()) for part in found.split(",") if part.strip())
    return f"{path}: write the answers as a list, in brackets: `{key}: [{items}]`"


def _flow_item(text: str) -> str:
    """An entry as typed, or quoted where YAML would read it as something else inside `[...]`."""
    if re.search(r"[\[\]{}#:'\"&*!|>%@`]", text) is None:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _range(path: str, error: ErrorDetails) -> str:
    return f"{path}: {_describe(error.get('input'))} is out of range ({error['msg'].lower()})"


_HANDLERS: dict[str, Handler] = {
    "missing": lambda path, error: f"{path} is required",
    "literal_error": _choice,
    "int_parsing": _expected("a whole number"),
    "int_type": _expected("a whole number"),
    "int_from_float": _expected("a whole number"),
    "float_parsing": _expected("a number"),
    "float_type": _expected("a number"),
    "finite_number": _expected("a finite number"),
    "string_type": _expected("text"),
    "list_type": _list,
    "model_type": _expected("a section of `key: value` lines"),
    "model_attributes_type": _expected("a section of `key: value` lines"),
    "dict_type": _expected("a section of `key: value` lines"),
    "greater_than_equal": _range,
    "less_than_equal": _range,
    "too_short": lambda path, error: f"{path}: {error['msg'].lower()}",
    "too_long": lambda path, error: f"{path}: {error['msg'].lower()}",
    "string_too_long": lambda path, error: f"{path}: {error['msg'].lower()}",
    "value_error": lambda path, error: f"{path}: {error.get('ctx', {}).get('error', error['msg'])}",
}


def _message(error: ErrorDetails, loc: Loc, model: type[BaseModel], prefix: Loc) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_field(loc, model, prefix)
    path = dotted((*prefix, *loc))
    if kind.startswith(("date_", "datetime_")):
        return _date(path, error)
    handler = _HANDLERS.get(kind)
    return handler(path, error) if handler else f"{path}: {error['msg']}"


def _unknown_field(loc: Loc, root: type[BaseModel], prefix: Loc) -> str:
    *parent, key = loc
    model = model_at(root, tuple(parent))
    allowed = [spec.path[0] for spec in model_fields(model)] if model else []
    where = f" in {dotted((*prefix, *parent))}" if (*prefix, *parent) else ""
    listing = f"; allowed here: {', '.join(allowed)}" if allowed and len(allowed) <= 12 else ""
    suggestion = hint(str(key), allowed)
    return f"unknown field '{key}'{where}{suggestion or listing}"
