"""The positioned tree: YAML content that remembers where every key and value came from.

Every later stage (validation errors, finding evidence, CI annotations) points back at the line a
planner typed, so positions are kept here once instead of being re-derived by each stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(slots=True)
class Mark:
    """A 1-based line and column in the source file."""

    line: int
    column: int


@dataclass(slots=True)
class Scalar:
    """A scalar as typed: `value` is its text, or None when the planner left it blank."""

    value: str | None
    mark: Mark


@dataclass(slots=True)
class Mapping:
    """A mapping with text keys; `key_marks` point at the keys, values carry their own marks."""

    mark: Mark
    entries: dict[str, Node] = field(default_factory=dict)
    key_marks: dict[str, Mark] = field(default_factory=dict)


@dataclass(slots=True)
class Seq:
    """A YAML sequence of nodes."""

    mark: Mark
    items: list[Node] = field(default_factory=list)


Node = Scalar | Mapping | Seq
Loc = Sequence[str | int]


def to_data(node: Node) -> object:
    """Plain Python data for validation: dicts, lists, text and None (never bool, int or date)."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Mapping):
        return {key: to_data(value) for key, value in node.entries.items()}
    return [to_data(item) for item in node.items]


def locate(root: Node, loc: Loc, *, key: bool = False) -> Mark:
    """The mark of the node at `loc`, or of its closest existing ancestor.

    With `key=True` the mark of the last key itself is returned, which is where an unknown-field
    error belongs. A missing node falls back to its parent, which is where a missing field belongs.
    """
    node = root
    mark = root.mark
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, Mapping) and isinstance(part, str) and part in node.entries:
            if last and key:
                return node.key_marks[part]
            node = node.entries[part]
        elif isinstance(node, Seq) and isinstance(part, int) and 0 <= part < len(node.items):
            node = node.items[part]
        else:
            return mark
        mark = node.mark
    return mark


def has_path(root: Node, loc: Loc) -> bool:
    """Whether the file itself holds a node at `loc` (a key written with a blank value counts)."""
    node = root
    for part in loc:
        if isinstance(node, Mapping) and isinstance(part, str) and part in node.entries:
            node = node.entries[part]
        elif isinstance(node, Seq) and isinstance(part, int) and 0 <= part < len(node.items):
            node = node.items[part]
        else:
            return False
    return True


def blank_at(root: Node, loc: Loc) -> tuple[int, int]:
    """Where a blank answer is: its key when written, else the key of the nearest section that
    is (where it belongs), else (0, 0): not in the file at all, rather than a line that has
    nothing to do with it."""
    for depth in range(len(loc), 0, -1):
        if has_path(root, loc[:depth]):
            mark = locate(root, loc[:depth], key=True)
            return mark.line, mark.column
    return 0, 0


def dotted(loc: Loc) -> str:
    """`a.b[2].c`: how paths are shown to planners and in evidence."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
