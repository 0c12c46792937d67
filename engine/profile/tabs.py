"""Tabs in indentation: each line reported, and the file read as the spaces they stand for.

YAML forbids tabs in indentation and the parser stops at the first one, which hid every problem
after it. So once the parser stops at a tab, every line whose indentation holds one is reported,
and the file is read again with those tabs turned into spaces; nothing is written.

How wide a tab is depends on the planner's editor, which we cannot see. Each width editors use
(2, 4 and 8 columns) is tried, the same for the whole file as in an editor, and the parser judges:
the width under which it reads furthest wins; among those, the one that lines up the most tab
lines with the line above them (as the planner saw them on screen); then the narrowest, the
profiles' own 2-space step. A fixed width would misread the common cases: a tab typed in a
2-space file stands for 2 spaces, but a tab then 2 spaces under a list item (`\t  first_time:`)
stands for 6 only if the tab is 4 wide.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from engine.errors import Collector, Problem
from engine.profile.positions import Mapping, Mark, Node, Seq
from engine.profile.yaml_lines import plural

WIDTHS = (2, 4, 8)
_INDENT = re.compile(r"(?:[ \t]|-(?=[ \t]))*")  # leading spaces, tabs and list dashes
_LINES = re.compile(r"(\r\n|\r|\n)")

Reach = Callable[[str], tuple[int, int]]  # where the parser stops reading a text, 1-based


@dataclass(frozen=True)
class Tabs:
    """A text's tab-indented lines (1-based) with their indentation as typed, and the width
    chosen for them."""

    parts: list[str]  # the text split at line breaks: line, break, line, ..., line
    prefixes: dict[int, str]
    width: int

    def line(self, number: int) -> str:
        """Line `number` (1-based) with the tabs of its indentation turned into spaces."""
        typed = self.parts[2 * (number - 1)]
        prefix = self.prefixes.get(number)
        return typed if prefix is None else prefix.expandtabs(self.width) + typed[len(prefix) :]

    @property
    def text(self) -> str:
        """The text as read: tabs turned into spaces, line breaks as typed. Made anew at each
        use, rather than kept for each width tried, to bound the memory a flood of tabs costs."""
        parts = list(self.parts)
        for number in self.prefixes:
            parts[2 * (number - 1)] = self.line(number)
        return "".join(parts)

    def report(self, found: Collector, shown: str) -> None:
        """One problem per tab line, at its first tab, saying how many spaces to type."""
        for number, prefix in self.prefixes.items():
            found.add(shown, number, prefix.index("\t") + 1, partial(self._message, prefix))

    def _message(self, prefix: str) -> str:
        lead = prefix[: len(prefix) - len(prefix.lstrip(" \t"))]
        if "\t" in lead:
            tabs = "a tab" if lead.count("\t") == 1 else "tabs"
            spaces = plural(len(lead.expandtabs(self.width)), "space")
            return (
                f"this line is indented with {tabs}, but YAML needs spaces; "
                f"indent it {spaces} instead"
            )
        after = prefix.expandtabs(self.width)[len(prefix.split("\t", 1)[0]) :]
        spaces = plural(len(after) - len(after.lstrip(" ")), "space")
        return f"a tab follows the `-`, but YAML needs spaces; put {spaces} after the `-` instead"

    def column(self, line: int, column: int) -> int:
        """The column, as typed, of a 1-based column of the read text: a tab counts as one
        character, as editors and the other messages count it."""
        prefix = self.prefixes.get(line)
        if prefix is None:
            return column
        at = 0
        for index, char in enumerate(prefix):
            at = at + self.width - at % self.width if char == "\t" else at + 1
            if column <= at:
                return index + 1
        return column - (at - len(prefix))

    def restore(self, problems: list[Problem]) -> list[Problem]:
        """Problems found in the read text, at their columns as typed."""
        return [Problem(p.path, p.line, self.column(p.line, p.column), p.message) for p in problems]

    def restore_tree(self, root: Node) -> None:
        """Every mark on a tab line moved back to its column as typed."""
        for mark in _marks(root):
            mark.column = self.column(mark.line, mark.column)


def read_as_spaces(text: str, reach: Reach) -> Tabs | None:
    """The tab lines of `text` and the width that reads them best, or None if no indentation
    holds a tab (the tab the parser stopped at is then somewhere else)."""
    parts = _LINES.split(text)
    prefixes: dict[int, str] = {}
    for index, line in enumerate(parts[0::2]):
        prefix = _INDENT.match(line) if "\t" in line else None
        if prefix is not None and "\t" in prefix.group():
            prefixes[index + 1] = prefix.group()
    if not prefixes:
        return None
    choices = [Tabs(parts, prefixes, width) for width in WIDTHS]
    reached = [_reached(tabs, reach) for tabs in choices]
    furthest = [tabs for tabs, at in zip(choices, reached, strict=True) if at == max(reached)]
    if len(furthest) == 1:
        return furthest[0]
    return max(furthest, key=lambda tabs: (_lined_up(tabs), -tabs.width))


def _reached(tabs: Tabs, reach: Reach) -> tuple[int, int]:
    """Where the parser stops reading with this width, in columns as typed: a wider tab must not
    seem to read further only because it pushes the same character to the right."""
    line, column = reach(tabs.text)
    return line, tabs.column(line, column)


def _lined_up(tabs: Tabs) -> int:
    """How many tab lines start where the line above them starts, once expanded. The first
    hundred tab lines, and twenty lines above each, are plenty to judge by, and bound the cost
    of a flood."""
    count = 0
    for number in itertools.islice(tabs.prefixes, 100):
        nearby = (tabs.line(n) for n in range(number - 1, max(number - 21, 0), -1))
        above = next((line for line in nearby if _content(line)), "")
        if above and _indent(above) == _indent(tabs.line(number)):
            count += 1
    return count


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _marks(root: Node) -> Iterator[Mark]:
    """Each mark of the tree once, though aliases share nodes (and so marks) between places."""
    seen: set[int] = set()
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        marks = [node.mark]
        if isinstance(node, Mapping):
            marks.extend(node.key_marks.values())
            stack.extend(node.entries.values())
        elif isinstance(node, Seq):
            stack.extend(node.items)
        for mark in marks:
            if id(mark) not in seen:
                seen.add(id(mark))
                yield mark
