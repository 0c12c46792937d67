"""One part's answers into the whole profile, and the problems of that part alone.

The editor shows one part of the worksheet per page, so a submission holds that part's answers
only. It replaces exactly those answers in the file's data: the other parts, and anything the
form has no place for (an unknown key, a value of the wrong shape: `kept`), stay as they are
unless the planner answers that very question.

A part is checked on its own, as a profile holding only its answers, so that a problem left in
another part (or an unknown key kept on purpose) neither hides this part's problems (validation
stops at schema problems before it compares answers) nor blocks saving it. Every check across
answers compares answers within one part (`engine.web.form.parts`), so checking a part alone
finds all of its problems.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterable, Mapping
from typing import Any

from engine.profile.models import SCHEMA_VERSION
from engine.profile.roundtrip import only_blank_items, updated_text
from engine.web import saving

Loc = tuple[str | int, ...]


def blank(value: Any) -> bool:
    """No answer: nothing, empty text, entries not typed yet, or a section of blanks."""
    if isinstance(value, Mapping):
        return all(blank(item) for item in value.values())
    return value is None or value == "" or only_blank_items(value)


def get(data: Any, loc: Loc) -> Any:
    """The value at `loc`, or None where the data has nothing there."""
    for part in loc:
        if isinstance(data, Mapping) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def put(data: dict[str, Any], loc: Loc, value: Any) -> None:
    """Set the answer at `loc`, making the sections on the way; a list entry must exist."""
    holder: Any = data
    for part, after in itertools.pairwise(loc):
        if not isinstance(holder, (dict, list)):
            return
        child = get(holder, (part,))
        if isinstance(holder, dict) and not isinstance(child, (dict, list)):
            child = holder[part] = [] if isinstance(after, int) else {}
        holder = child
    last = loc[-1]
    if isinstance(holder, dict):
        holder[last] = value
        return
    if isinstance(holder, list) and isinstance(last, int) and last < len(holder):
        holder[last] = value


def drop(data: dict[str, Any], loc: Loc) -> None:
    """Leave the answer at `loc` out (the writer then blanks it where the file has it)."""
    holder = get(data, loc[:-1])
    if isinstance(holder, dict):
        holder.pop(loc[-1], None)


def merged(saved: Mapping[str, Any], page: Mapping[str, Any], locs: Iterable[Loc],
           kept: Iterable[Loc]) -> dict[str, Any]:  # fmt: skip
    """`saved` with the answers at `locs` replaced by the page's; a kept value the page left
    blank stays (the form showed no input for it)."""
    result = copy.deepcopy(dict(saved))
    for loc in locs:
        value = get(page, loc)
        if blank(value) and not isinstance(value, list):
            drop(result, loc)
        else:
            put(result, loc, copy.deepcopy(value))
    for loc in kept:
        if blank(get(result, loc)) and not blank(get(saved, loc)):
            put(result, loc, copy.deepcopy(get(saved, loc)))
    result["schema_version"] = page.get("schema_version", saved.get("schema_version"))
    return result


def alone(data: Mapping[str, Any], locs: Iterable[Loc], kept: Iterable[Loc]) -> dict[str, Any]:
    """A profile of the answers at `locs` only, without the values kept as they were."""
    found: dict[str, Any] = {"schema_version": data.get("schema_version") or SCHEMA_VERSION}
    for loc in locs:
        value = get(data, loc)
        if value is not None:
            put(found, loc, copy.deepcopy(value))
    for loc in kept:
        drop(found, loc)
    return found


def problems_of(
    data: Mapping[str, Any],
    locs: Iterable[Loc],
    kept: Iterable[Loc],
    shown: str,
    extra: saving.ExtraCheck | None = None,
) -> dict[str, list[str]]:
    """The CLI's problems with the answers at `locs`, by field path, as if they were all the
    profile held (how `readiness validate` reads them, through the same writer and loader)."""
    text = updated_text(None, alone(data, locs, kept), shown)
    return saving.check_text(text, shown, extra).problems
