"""Mistakes YAML reads without a word, though they change the answer: looked for after a clean read.

- ` #` inside text starts a comment, so the rest of the line silently goes (`Room #3` reads `Room`);
- a list item indented a little further than the one above is read as more text of that item.
The parser raises nothing, but its events show both: a plain answer that ends just before a `#`,
or one that runs on over a line starting with `- `. A comment proper has a space after its `#`
(`level: low  # to confirm`), as in every example profile, so only `#` glued to a word counts.
A cheap look at the text decides whether the events need reading a second time at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

import yaml

from engine.errors import Collector
from engine.profile.yaml_lines import Anchor, in_quotes, line_text, out_of_line, position, shape

Span = tuple[int, int]  # 1-based line and column
Sighted = tuple[int, int, Callable[[], str]]  # line, column, message (written only if listed)
Check = Callable[[Sequence[str], Span, Span], list[Sighted]]  # a plain answer's start and end
_PLAIN = (None, "")


def checks(text: str) -> list[Check]:
    """The checks `text` shows a sign of needing; most profiles show none, and need no second
    reading of their events."""
    return [check for check, sign in _SIGNS.items() if sign.search(text)]


def find(
    lines: Sequence[str], events: Iterable[Any], shown: str, found: Collector, needed: list[Check]
) -> None:
    """These mistakes in a text the parser read cleanly, from its events, added to `found`."""
    for event in events:
        if isinstance(event, yaml.ScalarEvent) and event.style in _PLAIN:
            start, end = position(event.start_mark), position(event.end_mark)
            for check in needed:
                for line, column, message in check(lines, start, end):
                    found.add(shown, line, column, message)


_HASH = re.compile(r"[ \t]+#[^\s#]")


def _hash_in_text(lines: Sequence[str], start: Span, end: Span) -> list[Sighted]:
    after = _HASH.match(line_text(lines, end[0]), end[1] - 1)
    if after is None:
        return []
    return [(end[0], after.end() - 1, partial(_hash_message, lines, start, end))]


def _hash_message(lines: Sequence[str], start: Span, end: Span) -> str:
    began = shape(line_text(lines, start[0]))
    whole = f"the whole answer (from line {start[0]})" if start[0] != end[0] else "it"
    answer = began.answer if start[0] == end[0] else "..."
    return (
        f"this text contains ' #', so YAML drops the rest of the line as a comment; put {whole} "
        f"in quotes: `{began.fix(in_quotes(answer))}`"
    )


def _items_run_on(lines: Sequence[str], start: Span, end: Span) -> list[Sighted]:
    """Lines of a list item's text that start with a `-` between the item's own `-` and its
    text: items meant to line up with it. Further in is no sign: writers such as PyYAML fold a
    long answer onto lines that line up with its text, and some of those start with `- `.

    Plain string tests rather than `shape`: a flood of such answers meets them line by line."""
    first = line_text(lines, start[0])
    dash, text_at = _dash(first), start[1] - 1
    if start[0] == end[0] or dash is None or first[dash + 1 : text_at].strip(" \t"):
        return []
    item = Anchor(dash, start[0], "the `-`", dash=True)
    return [
        (line, column + 1, partial(_run_on_message, text, line, item))
        for line in range(start[0] + 1, end[0] + 1)
        if (column := _dash(text := line_text(lines, line))) is not None and column < text_at
    ]


def _dash(text: str) -> int | None:
    """The column of the `-` that starts a list item on this line, if it starts one."""
    column = len(text) - len(text.lstrip(" "))
    return column if text[column : column + 2] in ("- ", "-\t") else None


def _run_on_message(text: str, line: int, dash: Anchor) -> str:
    return out_of_line(text, line, dash, ", so it is read as part of that item")[2]


_SIGNS: dict[Check, re.Pattern[str]] = {
    _hash_in_text: re.compile(r"[ \t]#[^\s#]"),
    _items_run_on: re.compile(r"\n( *)- [^\n]*\n\1 +- "),
}
