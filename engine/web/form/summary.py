"""The error summary of one part: each message with the label of its answer and the id of the
control its link leads to (the first radio button of a group, the first rank of a ranking).

The message is the CLI's own, word for word, so that `readiness validate` later says the same;
the label says which question it is about in the planner's words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from engine.web.form.model import Field, Group, MappingField, Node


@dataclass(frozen=True)
class Problem:
    """One line of the summary; `target` is an element id, "" when no control is about it."""

    target: str
    label: str
    message: str


def problems(nodes: Iterable[Node], loose: Iterable[str] = ()) -> list[Problem]:
    """Every message on `nodes` or inside them, in page order; `loose` (messages about no
    answer) first, without a link."""
    found = [Problem("", "", message) for message in loose]
    for node in nodes:
        found.extend(_problems(node))
    return found


def _problems(node: Node) -> Iterator[Problem]:
    for message in node.errors:
        yield Problem(target(node), node.label, message)
    for child in _inside(node):
        yield from _problems(child)


def _inside(node: Node) -> list[Node]:
    if isinstance(node, MappingField):
        return [cell for row in node.rows for cell in row.fields]
    return node.parts()


def target(node: Node) -> str:
    """The id of the first control of `node` (a fieldset of radio buttons is not one)."""
    if isinstance(node, Field):
        return f"{node.id}--0" if node.input in ("radio", "checkboxes") else node.id
    if isinstance(node, Group) and node.positions and node.children:
        return target(node.children[0])
    return node.id
