"""One line of a profile as a planner sees it: indentation, list dash, key, answer; and the fixes.

The mistake recognisers look at the line the parser points at, to say what to type there: where
its key and its answer start, which line above it should line up with, and the answer rewritten
in quotes. This reads one line's text, not YAML: the parser has already said where the trouble is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_LINE_BREAKS = re.compile(r"(\r\n|\r|\n)")  # YAML's line breaks; the loader refuses the others
_SHAPE = re.compile(
    r"(?P<indent> *)(?P<dash>-[ \t]+)?(?:(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?=[ \t]|$))?[ \t]*"
)
_NO_SPACE = re.compile(r" *(?:-[ \t]+)?(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?P<value>[^\s:].*)")
SHOWN = 40  # longer answers are shown as "..." in a fix: the planner knows their own text

Found = tuple[int, int, str]  # a mistake's 1-based line and column, and what to say about it


def split_lines(text: str) -> list[str]:
    """The text's lines without their breaks, numbered as the parser numbers them (from 0)."""
    return _LINE_BREAKS.split(text)[0::2]


def position(mark: Any) -> tuple[int, int]:
    """A parser's mark (libyaml's or PyYAML's) as a 1-based line and column; (0, 0) if none."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def line_text(lines: Sequence[str], number: int) -> str:
    """Line `number` (1-based), or "" past the end (the parser may point just past the text)."""
    return lines[number - 1] if 1 <= number <= len(lines) else ""


@dataclass(frozen=True)
class Shape:
    """Where a line's parts start, as 0-based columns."""

    indent: int  # spaces before the dash or the first character
    dash: bool  # the line starts a list item
    key: str | None  # the key it sets, when it reads `key: ...`
    key_column: int  # where the key (or, without one, the answer) starts
    answer: str  # what follows `key: ` (or `- `), as typed

    def fix(self, answer: str) -> str:
        """The line's start, up to its answer, followed by `answer`."""
        start = f"{self.key}: " if self.key else "- " if self.dash else ""
        return start + answer


def shape(text: str) -> Shape:
    """The parts of one line."""
    found = _SHAPE.match(text)
    assert found is not None  # every part of the pattern is optional
    start = found.end("dash") if found.group("dash") else found.end("indent")
    return Shape(
        indent=len(found.group("indent")),
        dash=found.group("dash") is not None,
        key=found.group("key"),
        key_column=start,
        answer=text[found.end() :].rstrip(),
    )


def no_space_after_colon(text: str) -> tuple[int, str] | None:
    """For `key:answer`, the 0-based column of the colon and the line as it should read."""
    found = _NO_SPACE.fullmatch(text.rstrip())
    if found is None:
        return None
    return found.end("key"), f"{found.group('key')}: {shortened(found.group('value'))}"


def shortened(text: str) -> str:
    """`text`, or its first words and "..." when it is too long to show in a message."""
    if len(text) <= SHOWN:
        return text
    return text[:SHOWN].rsplit(" ", 1)[0] + "..."


def in_quotes(answer: str) -> str:
    """`answer` as a quoted YAML answer; "..." stands for a long one, kept in the same quotes."""
    quote = "'" if '"' in answer else '"'
    inner = answer if len(answer) <= SHOWN else "..."
    if quote == "'":
        inner = inner.replace("'", "''")
    return f"{quote}{inner}{quote}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@dataclass(frozen=True)
class Anchor:
    """A place above a line that the line could be meant to line up with."""

    column: int  # 0-based
    line: int  # 1-based
    label: str  # how a message names it: "`name:`" or "the `-`"
    dash: bool


def line_up(lines: Sequence[str], number: int) -> Anchor | None:
    """What line `number` (1-based) is most likely meant to line up with, if it is out of line.

    The candidates are the structure line above it and each line enclosing that one; a list item
    lines up with a dash, a key with a key. The nearest column wins, the deeper one on a tie (a
    line one space out was most often meant as a sibling of the line above), the nearest line
    among equals. A column the line already has is no candidate: it is there and still wrong.
    """
    here = shape(line_text(lines, number))
    column = here.indent
    same_kind = [a for a in _anchors(lines, number) if a.dash == here.dash and a.column != column]
    if not same_kind:
        return None
    return min(same_kind, key=lambda a: (abs(a.column - column), -a.column))


def _anchors(lines: Sequence[str], number: int) -> list[Anchor]:
    found: list[Anchor] = []
    bound: int | None = None
    for above in range(number - 1, 0, -1):
        line = shape(lines[above - 1])
        structure = line.dash or line.key is not None
        if not structure or (bound is not None and line.indent >= bound):
            continue
        if line.dash:
            found.append(Anchor(line.indent, above, "the `-`", dash=True))
        if line.key is not None:
            found.append(Anchor(line.key_column, above, f"`{line.key}:`", dash=False))
        bound = line.indent
        if bound == 0:
            break
    return found


def out_of_line(text: str, line: int, anchor: Anchor, why: str = "") -> Found:
    """Line `line`, reading `text`, said to be out of line with `anchor`, and how to fix it."""
    here = shape(text)
    what = "this list item" if here.dash else "this line"
    spaces = plural(anchor.column, "space")
    indent = f"indent it {spaces}" if anchor.column else "start it at the beginning of the line"
    message = (
        f"{what} is indented {plural(here.indent, 'space')}, out of line with {anchor.label} on "
        f"line {anchor.line}{why}; {indent}"
    )
    return line, here.indent + 1, message
