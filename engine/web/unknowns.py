"""What the form has no place for, listed with its value and a fix where one is clear.

A profile written by hand may hold a misspelt key (`use_csae`), a list written as text
(`guiding_principles: transparency, equity`) or a key from elsewhere. The editor opens it all the
same and lists each such value at the top of every page; it stays in the file, unchanged, unless
the planner chooses a fix:
- rename a key to the one the CLI's "did you mean" names (`engine.profile.suggestions`), when
  that key has no answer yet;
- split text into a list where the question takes a list (at commas, semicolons, line breaks);
- remove it.
Each fix edits the file's text in place and is proven by reading the result back: the data must
be exactly the data with that one change, or nothing is written.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from engine.i18n.text import _
from engine.profile.loader import parse_text
from engine.profile.models import Profile
from engine.profile.models.fields import FieldSpec, model_at, model_fields
from engine.profile.positions import Mapping as MapNode
from engine.profile.positions import Node, Seq, to_data
from engine.profile.roundtrip import updated_text
from engine.profile.suggestions import closest
from engine.web.merging import Loc, blank, get
from engine.web.saving import same_data

SHOWN_CHARACTERS = 400  # of a value: enough to recognise it, not a page of it
_SEPARATORS = re.compile(r"[,;\n]")
LISTS = ("texts", "choices", "items")


class FixError(Exception):
    """A fix that could not be made exactly; the message says so in the planner's words."""


@dataclass(frozen=True)
class Unknown:
    """One value the form cannot show, and the fixes offered for it."""

    loc: Loc
    value: Any
    spec: FieldSpec | None  # the question's field, when the key is known but the shape is not
    rename: str | None = None
    split: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return ".".join(str(part) for part in self.loc)

    @property
    def key(self) -> str:
        return str(self.loc[-1])

    @property
    def wants(self) -> str:
        """What the question takes, in a word: a list, a section or one answer ("" unknown)."""
        if self.spec is None:
            return ""
        if self.spec.kind in LISTS:
            return "list"
        return "section" if self.spec.kind in ("section", "mapping") else "answer"

    @property
    def shown(self) -> str:
        """The value as the file has it, cut short if long."""
        text = self.value if isinstance(self.value, str) else _as_yaml(self.value)
        return text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS] + "…"


def _as_yaml(value: Any) -> str:
    dumped: str = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=60)
    return dumped.removesuffix("...\n").rstrip("\n")


def unknowns(data: Mapping[str, Any], kept: Iterable[Loc]) -> list[Unknown]:
    """Each kept value of `data` with its fixes, in the order the form found them."""
    return [_unknown(data, tuple(loc)) for loc in kept]


def _unknown(data: Mapping[str, Any], loc: Loc) -> Unknown:
    value = get(data, loc)
    model = model_at(Profile, loc[:-1])
    specs = model_fields(model) if model is not None else ()
    spec = next((s for s in specs if s.path[0] == loc[-1]), None)
    if spec is not None:
        return Unknown(loc, value, spec, split=_split(spec, value))
    target = closest(str(loc[-1]), [s.path[0] for s in specs]) if specs else None
    free = target is not None and blank(get(data, (*loc[:-1], target)))
    return Unknown(loc, value, None, rename=target if free else None)


def _split(spec: FieldSpec, value: Any) -> tuple[str, ...]:
    if spec.kind not in ("texts", "choices") or not isinstance(value, str):
        return ()
    return tuple(part.strip() for part in _SEPARATORS.split(value) if part.strip())


def fixes(item: Unknown) -> list[str]:
    """The fixes offered for `item`, as `action:name` (the value of its button)."""
    offered = [f"rename:{item.name}"] if item.rename else []
    offered += [f"split:{item.name}"] if item.split else []
    return [*offered, f"remove:{item.name}"]


def chosen(items: Iterable[Unknown], fix: str) -> tuple[str, Unknown]:
    """The action and item a fix button names; FixError when it names none (or two)."""
    action, _colon, name = fix.partition(":")
    found = [item for item in items if item.name == name and fix in fixes(item)]
    if len(found) != 1:
        raise FixError(_("That change cannot be made now: the file or the answers have changed."))
    return action, found[0]


def target(action: str, item: Unknown) -> Loc:
    """Where the value is after the fix (its problems there came from the file, not the page)."""
    return (*item.loc[:-1], item.rename) if action == "rename" and item.rename else item.loc


def applied(data: Mapping[str, Any], action: str, item: Unknown) -> dict[str, Any]:
    """The data after the fix."""
    result = copy.deepcopy(dict(data))
    holder = get(result, item.loc[:-1])
    assert isinstance(holder, dict), "a kept value sits in a section"
    if action == "split":
        holder[item.key] = list(item.split)
    elif action == "rename" and item.rename:
        holder[item.rename] = holder.pop(item.key)
    elif item.spec is not None:
        holder[item.key] = None  # a question's key stays, unanswered
    else:
        del holder[item.key]
    return result


def fixed(text: str, data: Mapping[str, Any], fix: str, shown: str,
          items: Iterable[Unknown]) -> tuple[str, dict[str, Any], Loc]:  # fmt: skip
    """`text` (which reads as `data`) with the fix made: (text, its data, where the value went)."""
    action, item = chosen(items, fix)
    expected = applied(data, action, item)
    if action == "rename":
        edited = _renamed(text, item, shown)
    elif action == "remove" and item.spec is None:
        edited = _removed(updated_text(text, _blanked(data, item.loc), shown), item, shown)
    else:
        edited = updated_text(text, expected, shown)
    if not same_data(to_data(parse_text(edited, shown)), expected):
        raise FixError(_("That change could not be made exactly here; make it in a text editor."))
    return edited, expected, target(action, item)


def _blanked(data: Mapping[str, Any], loc: Loc) -> dict[str, Any]:
    result = copy.deepcopy(dict(data))
    holder = get(result, loc[:-1])
    assert isinstance(holder, dict)
    holder[loc[-1]] = None
    return result


def _node_at(root: Node, loc: Loc) -> MapNode:
    node = root
    for part in loc:
        if isinstance(node, MapNode) and isinstance(part, str):
            node = node.entries[part]
        elif isinstance(node, Seq) and isinstance(part, int):
            node = node.items[part]
    if not isinstance(node, MapNode):
        raise FixError(_("That value is not where the file had it; reload the page."))
    return node


def _key_line(text: str, item: Unknown, shown: str) -> tuple[list[str], int, int, MapNode]:
    """The file's lines, the 0-based line and column of the item's key, and its section."""
    holder = _node_at(parse_text(text, shown), item.loc[:-1])
    mark = holder.key_marks[item.key]
    return text.splitlines(keepends=True), mark.line - 1, mark.column - 1, holder


def _renamed(text: str, item: Unknown, shown: str) -> str:
    """The key renamed where it is written: every other character of the file kept."""
    lines, row, column, _holder = _key_line(text, item, shown)
    line = lines[row]
    for quote in ("", "'", '"'):
        written = f"{quote}{item.key}{quote}"
        if line.startswith(written, column):
            lines[row] = (
                f"{line[:column]}{quote}{item.rename}{quote}{line[column + len(written) :]}"
            )
            return "".join(lines)
    raise FixError(_("That key is written in a way only a text editor can change."))


_BLANK_KEY = r"(?P<indent>[ ]*)(?P<dash>- )?(?P<key>{key}):[ \t]*(#.*)?\r?\n?"


def _removed(text: str, item: Unknown, shown: str) -> str:
    """The item's line taken out, once the writer has blanked it to one line (`key:`); a key
    that starts a list entry (`- key:`) hands its dash to the entry's next key."""
    lines, row, _column, holder = _key_line(text, item, shown)
    quoted = "|".join(re.escape(f"{q}{item.key}{q}") for q in ("", "'", '"'))
    match = re.fullmatch(_BLANK_KEY.format(key=quoted), lines[row])
    if match is None:
        raise FixError(_("That key is written in a way only a text editor can change."))
    if match["dash"]:
        rest = [key for key in holder.entries if key != item.key]
        if not rest:
            lines[row] = f"{match['indent']}- {{}}\n"
            return "".join(lines)
        after = holder.key_marks[rest[0]].line - 1
        lines[after] = f"{match['indent']}- {lines[after].lstrip(' ')}"
    del lines[row]
    return "".join(lines)
