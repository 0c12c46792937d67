"""Parser errors in a planner's words: what is wrong, at the line of the mistake, and what to type.

PyYAML words its errors in its own grammar ("could not find expected ':' while scanning a simple
key") and often points at the line after the mistake. Each recogniser below reads the parser's own
clues (where it stopped, where the thing it was reading began, the last event it produced) and
the text of the line they point at, and either names one beginner's mistake or passes. The first
that names one wins; an error none recognises keeps the parser's words. libyaml and the
pure-Python parser word some errors differently, so recognisers test the words both use, or none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from engine.errors import Problem
from engine.profile.yaml_lines import (
    SHOWN,
    Anchor,
    Found,
    in_quotes,
    line_text,
    line_up,
    no_space_after_colon,
    out_of_line,
    plural,
    position,
    shape,
)

_HASH = re.compile(r"[ \t]#")  # a comment starts at `#` after a space, even inside a list


@dataclass(frozen=True)
class Clue:
    """An error the parser stopped at, with the text it read and the last event it produced."""

    error: yaml.MarkedYAMLError
    lines: Sequence[str]
    last: Any  # a yaml.Event (libyaml's have no common base class), or None

    @property
    def at(self) -> tuple[int, int]:
        """Where the parser stopped, 1-based."""
        return position(self.error.problem_mark)

    @property
    def began(self) -> tuple[int, int]:
        """Where the thing it was reading began, 1-based; (0, 0) when it does not say."""
        return position(self.error.context_mark)

    def says(self, problem: str, context: str | None = None) -> bool:
        """Whether the parser's words start so (both parsers share these beginnings)."""
        started = (self.error.problem or "").startswith(problem)
        return started and (context is None or self.error.context == context)

    def text(self, line: int) -> str:
        return line_text(self.lines, line)

    def last_scalar(self, quoted: bool) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """Start and end (1-based) of the last event, if it is a plain or a quoted scalar."""
        event = self.last
        if not isinstance(event, yaml.ScalarEvent):
            return None
        if (event.style in ("'", '"')) != quoted:
            return None
        return position(event.start_mark), position(event.end_mark)


def _quote_never_closed(clue: Clue) -> Found | None:
    if not clue.says("found unexpected end of stream", "while scanning a quoted scalar"):
        return None
    line, column = clue.began
    quote, fix = _closed_here(clue.text(line), column)
    return line, column, f"this quote is never closed; end the answer with a `{quote}`: `{fix}`"


def _quote_closed_later(clue: Clue) -> Found | None:
    span = clue.last_scalar(quoted=True)
    if span is None or span[0][0] == span[1][0] or clue.at[0] != span[1][0]:
        return None
    (line, column), (closed, _) = span
    quote, fix = _closed_here(clue.text(line), column)
    message = (
        f"this quote is only closed by the `{quote}` on line {closed}, so everything up to there "
        f"is read as this answer; end the answer with a `{quote}` on this line: `{fix}`"
    )
    return line, column, message


def _closed_here(text: str, column: int) -> tuple[str, str]:
    """The quote opened at `column` of a line, and the line as it reads closed on that line."""
    quote = text[column - 1 : column] or '"'
    answer = text[column:].rstrip()
    inner = answer if len(answer) <= SHOWN else "..."
    return quote, f"{text[: column - 1].lstrip()}{quote}{inner}{quote}"


def _apostrophe_ends_quote(clue: Clue) -> Found | None:
    """`'The county's plan'`: the apostrophe closes the single quotes the answer opens with."""
    span = clue.last_scalar(quoted=True)
    if span is None or not span[0][0] == span[1][0] == clue.at[0]:
        return None
    (line, opened), (_, after) = span
    text = clue.text(line)
    if text[opened - 1 : opened] != "'" or not text[after - 1 : after].isalnum():
        return None
    answer = text[opened:].rstrip().removesuffix("'").replace('"', '\\"')
    fix = shape(text).fix(f'"{answer}"' if len(answer) <= SHOWN else '"..."')
    message = (
        "this apostrophe ends the quote the answer starts with; put the answer in double quotes "
        f"instead: `{fix}`"
    )
    return line, after - 1, message


def _text_after_quote(clue: Clue) -> Found | None:
    span = clue.last_scalar(quoted=True)
    if span is None or not span[0][0] == span[1][0] == clue.at[0]:
        return None
    line = shape(clue.text(clue.at[0]))
    fix = line.fix(in_quotes(line.answer))
    message = f"this answer goes on after its closing quote; put all of it in quotes: `{fix}`"
    return *clue.at, message


def _no_space_after_colon(clue: Clue) -> Found | None:
    """`key:answer`: the parser stops at the next line, or reads on into it as text."""
    if clue.says("could not find expected ':'", "while scanning a simple key"):
        line = clue.began[0]
    else:
        span = clue.last_scalar(quoted=False)
        if not clue.says("mapping values are not allowed") or span is None:
            return None
        line = span[0][0]
    found = no_space_after_colon(clue.text(line))
    if found is None:
        return None
    colon, fixed = found
    return line, colon + 1, f"put a space after the colon: `{fixed}`"


def _key_out_of_line(clue: Clue) -> Found | None:
    """A `key:` line further in than the answer above it, which it then seems to continue."""
    span = clue.last_scalar(quoted=False)
    if not clue.says("mapping values are not allowed") or span is None:
        return None
    line, column = clue.at
    here = shape(clue.text(line))
    key_ends_at_colon = here.key is not None and here.key_column + len(here.key) + 1 == column
    if span[0][0] == line or not key_ends_at_colon:
        return None
    return _out_of_line(clue.lines, line)


def _colon_in_text(clue: Clue) -> Found | None:
    if not clue.says("mapping values are not allowed"):
        return None
    line, column = clue.at
    span = clue.last_scalar(quoted=False)
    began = span[0][0] if span is not None and span[0][0] < line else line
    start = shape(clue.text(began))
    whole = f"the whole answer (from line {began})" if began != line else "it"
    answer = start.answer if began == line else "..."
    fix = start.fix(in_quotes(answer))
    return line, column, f"this text contains ': ', so put {whole} in quotes: `{fix}`"


def _line_out_of_line(clue: Clue) -> Found | None:
    """A line whose indentation matches no block it could belong to."""
    block = ("while parsing a block mapping", "while parsing a block collection")
    line, column = clue.at
    if clue.error.context not in block or column != shape(clue.text(line)).indent + 1:
        return None
    return _out_of_line(clue.lines, line)


def _out_of_line(lines: Sequence[str], line: int) -> Found | None:
    anchor = line_up(lines, line)
    return None if anchor is None else out_of_line(line_text(lines, line), line, anchor)


def _text_line_without_key(clue: Clue) -> Found | None:
    """A second line of an answer, not indented past its key: the parser wants a `key:`."""
    span = clue.last_scalar(quoted=False)
    if not clue.says("could not find expected ':'", "while scanning a simple key") or not span:
        return None
    line, column = clue.began
    answered = shape(clue.text(span[0][0]))
    if answered.key is None or span[0][0] >= line:
        return None
    message = (
        f"this line has no `key:`; to continue the answer of `{answered.key}:` on line "
        f"{span[0][0]}, indent it {plural(answered.indent + 2, 'space')}"
    )
    return line, column, message


def _hash_in_bracket_list(clue: Clue) -> Found | None:
    """`[a, b #2]`: the comment takes the closing bracket with it, so the list never ends."""
    flows = ("while parsing a flow sequence", "while parsing a flow mapping")
    line, opened = clue.began
    text = clue.text(line)
    hashed = _HASH.search(text, opened)
    if clue.error.context not in flows or hashed is None:
        return None
    at = hashed.end() - 1
    start = max(text.rfind(",", opened, at), text.rfind("[", opened, at), opened - 1) + 1
    ends = [i for i in (text.find(",", at), text.find("]", at)) if i >= 0]
    entry = text[start : min(ends, default=len(text))].strip()
    message = (
        "this list contains ' #', so YAML drops the rest of the line as a comment, and the `]` "
        f"with it; put that entry in quotes: `{in_quotes(entry)}`"
    )
    return line, at + 1, message


_FLOWS = {
    "while parsing a flow sequence": ("[", "]", "this list opens with `[` but is", "end it"),
    "while parsing a flow mapping": ("{", "}", "these answers open with `{` but are", "end them"),
}


def _bracket_never_closed(clue: Clue) -> Found | None:
    """`needs: [language, cultural`: the parser reads on into the next line and stops there. A
    line that ends with a comma means the list goes on below, so that is left to the parser."""
    flow = _FLOWS.get(clue.error.context or "")
    line, opened = clue.began
    text = clue.text(line)
    if flow is None or text[opened - 1 : opened] != flow[0]:
        return None
    opener, closer, opens, end = flow
    rest = text[opened:].rstrip()
    if closer in rest or rest.endswith(","):
        return None
    answer = text[opened - 1 :].rstrip() + closer
    fix = shape(text).fix(answer if len(answer) <= SHOWN else f"{opener}...{closer}")
    message = f"{opens} never closed; {end} with `{closer}` on the same line: `{fix}`"
    return line, opened, message


def _first_line_indented(clue: Clue) -> Found | None:
    """The first line of a file indented: YAML takes it as the margin, and the next line at
    the real margin seems to start a second document."""
    line = clue.at[0]
    if "<document start>" not in (clue.error.problem or ""):
        return None
    first = next((n for n in range(1, line) if _is_content(clue.text(n))), None)
    here = shape(clue.text(line))
    if first is None or here.indent != 0 or here.key is None:
        return None
    anchor = Anchor(0, line, f"`{here.key}:`", dash=False)
    return out_of_line(clue.text(first), first, anchor)


def _is_content(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("#")


def _tab_in_a_line(clue: Clue) -> Found | None:
    """A tab past the indentation, where only the pure-Python parser refuses one."""
    line, column = clue.at
    if clue.text(line)[column - 1 : column] != "\t":
        return None
    return line, column, "a tab here must be a space; replace it with a space"


Recogniser = Callable[[Clue], Found | None]

RECOGNISERS: tuple[Recogniser, ...] = (
    _tab_in_a_line,
    _quote_never_closed,
    _quote_closed_later,
    _apostrophe_ends_quote,
    _text_after_quote,
    _no_space_after_colon,
    _key_out_of_line,
    _colon_in_text,
    _line_out_of_line,
    _text_line_without_key,
    _hash_in_bracket_list,
    _bracket_never_closed,
    _first_line_indented,
)


def explain(error: yaml.MarkedYAMLError, lines: Sequence[str], last: Any, shown: str) -> Problem:
    """The first recogniser's reading of a parser error, or the parser's own words."""
    clue = Clue(error, lines, last)
    for recognise in RECOGNISERS:
        found = recognise(clue)
        if found is not None:
            return Problem(shown, *found)
    line, column = clue.at if error.problem_mark else clue.began
    context = f" {error.context}" if error.context else ""
    return Problem(
        shown, line, column, f"not valid YAML: {error.problem or 'syntax error'}{context}"
    )
