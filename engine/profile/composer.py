"""The event composer behind `loader`: parser events to a positioned tree, within the limits.

Iterative, so that deep nesting cannot exhaust the stack; it enforces the depth, node and alias
limits while it reads, and refuses tags beyond the plain YAML types.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple, Protocol

import yaml

from engine.errors import InputError, Problem
from engine.profile.limits import Limits
from engine.profile.positions import Mapping, Mark, Node, Scalar, Seq


class _EventSource(Protocol):
    """What the composer needs of a parser: libyaml's and PyYAML's both provide it."""

    def get_event(self) -> Any: ...

    def peek_event(self) -> Any: ...


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # YAML's plain spellings of null
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {_CORE + "map", _CORE + "seq"}


def line_col(before: str) -> tuple[int, int]:
    """1-based line and column just after `before`; the loader's decoding errors use it too.

    Lines end at LF, CRLF or a lone CR, as for the parser and the editors a planner uses.
    """
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return line, len(before) - start + 1


class _Resume(NamedTuple):
    """Where composing stopped: the text index after the last event, and the nesting there."""

    offset: int
    depth: int


_FLOW_MARKS = re.compile(r"""[\[\]{}'"#]""")
_QUOTE_ENDS = {"'": re.compile(r"'(?:[^']|'')*'"), '"': re.compile(r'"(?:[^"\\]|\\.)*"', re.S)}
_NODE_STARTS = frozenset("[{,:-? \t\r\n")


def _flow_depth_exceeded(text: str, start: int, end: int, depth: int, limit: int) -> int | None:
    """The index of the first bracket in text[start:end] that opens level limit + 1, if any.

    Quoted scalars and comments are skipped; a quote or `#` inside a plain scalar is text.
    Linear in the span: each character is looked at once.
    """
    position = start
    while (found := _FLOW_MARKS.search(text, position, end)) is not None:
        char, at = found.group(), found.start()
        position = at + 1
        before = text[at - 1] if at > start else " "
        if char in "[{":
            depth += 1
            if depth > limit:
                return at
        elif char in "]}":
            depth -= 1
        elif char == "#" and before in " \t\r\n":
            newline = text.find("\n", at, end)
            position = end if newline < 0 else newline
        elif char in "'\"" and before in _NODE_STARTS:
            closed = _QUOTE_ENDS[char].match(text, at, end)
            position = end if closed is None else closed.end()
    return None


class _Frame:
    """A collection under construction, with its pending mapping key."""

    __slots__ = ("anchor", "expect_key", "is_map", "key", "key_mark", "node", "size")

    def __init__(self, node: Mapping | Seq, anchor: str | None) -> None:
        self.node = node
        self.anchor = anchor
        self.size = 1
        self.key: str | None = None
        self.key_mark: Mark | None = None
        self.is_map = isinstance(node, Mapping)
        self.expect_key = self.is_map


_SCALAR = yaml.ScalarEvent
_MAP_START, _SEQ_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_ALIAS = yaml.AliasEvent
_PLAIN_STYLES = (None, "")


class Composer:
    """Builds the tree from parser events iteratively, so deep nesting cannot exhaust the stack.

    The loop is written for speed (it handles every event of every profile in a batch): type
    checks by identity, the common case of an untagged, unanchored scalar handled inline.
    """

    def __init__(self, shown: str, limits: Limits) -> None:
        self.shown = shown
        self.limits = limits
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Node, int]] = {}
        self.aliases = 0
        self.resume = _Resume(0, 0)
        self.last_event: Any = None  # the last event taken: what a parser error interrupted

    def compose(self, parser: _EventSource) -> Node | None:
        parser.get_event()  # StreamStart
        if isinstance(parser.peek_event(), yaml.StreamEndEvent):
            return None
        parser.get_event()  # DocumentStart
        root = self._document(parser)
        parser.get_event()  # DocumentEnd
        following = parser.get_event()
        if isinstance(following, yaml.DocumentStartEvent):
            mark = _mark(following)
            message = "the file holds more than one YAML document; keep one profile per file"
            self.problems.append(Problem(self.shown, mark.line, mark.column, message))
        return root

    def _document(self, parser: _EventSource) -> Node | None:
        stack: list[_Frame] = []
        taken: list[Any] = [None]
        try:
            return self._compose_events(parser, stack, taken)
        except yaml.MarkedYAMLError:
            last = taken[0]
            self.resume = _Resume(last.end_mark.index if last else 0, len(stack))
            raise
        finally:
            self.last_event = taken[0]

    def too_deep_ahead(self, text: str, error: yaml.MarkedYAMLError) -> Problem | None:
        """Our depth limit, for nesting the parser refused before we saw its events.

        libyaml scans ahead while a flow collection may still turn out to be a key, and newer
        builds (PyYAML 6.0.4) stop at their own nesting limit there, before our check sees the
        collections. What lies between the last event we took and the parser's error is flow
        content, so the depth of our limit is found by walking its brackets.
        """
        mark = error.problem_mark or error.context_mark
        if mark is None:  # pragma: no cover - both parsers always set marks
            return None
        start, depth = self.resume
        found = _flow_depth_exceeded(text, start, mark.index + 1, depth, self.limits.max_depth)
        if found is None:
            return None
        line, column = line_col(text[:found])
        return Problem(self.shown, line, column, self._too_deep_message())

    def _too_deep_message(self) -> str:
        return f"nesting is deeper than {self.limits.max_depth} levels; no profile needs that"

    def _compose_events(  # noqa: C901, PLR0912, PLR0915 - one hot loop
        self, parser: _EventSource, stack: list[_Frame], taken: list[Any]
    ) -> Node | None:
        """`taken[0]` is the last event composed, so that an error can say where we got to."""
        get = parser.get_event
        nulls = _NULLS
        max_nodes = self.limits.max_nodes
        while True:
            event: Any = get()  # dispatched on by identity below, which mypy cannot narrow
            taken[0] = event
            kind = event.__class__
            if kind is _SCALAR:
                start = event.start_mark
                mark = Mark(start.line + 1, start.column + 1)
                tag = event.tag
                if tag or event.anchor:
                    done = (self._scalar(event, mark), 1)
                    self._remember(event.anchor, done)
                    node: Node = done[0]
                else:
                    value = event.value
                    if value in nulls and event.style in _PLAIN_STYLES:
                        value = None
                    node = Scalar(value, mark)
                size = 1
            elif kind is _MAP_START or kind is _SEQ_START:
                self._check_collection(event, len(stack))
                start = event.start_mark
                mark = Mark(start.line + 1, start.column + 1)
                stack.append(
                    _Frame(Mapping(mark) if kind is _MAP_START else Seq(mark), event.anchor)
                )
                continue
            elif kind is _MAP_END or kind is _SEQ_END:
                frame = stack.pop()
                node, size = frame.node, frame.size
                if frame.anchor:
                    self._remember(frame.anchor, (node, size))
            elif kind is _ALIAS:
                node, size = self._alias(event)
            else:  # pragma: no cover - the parser emits nothing else inside a document
                continue
            if not stack:
                return node
            parent = stack[-1]
            parent.size += size
            if parent.size > max_nodes:
                self._too_many(event)
            if not parent.is_map:
                parent.node.items.append(node)  # type: ignore[union-attr]
            elif parent.expect_key:
                self._take_key(parent, node)
            else:
                parent.expect_key = True
                if parent.key is not None:
                    parent.node.entries[parent.key] = node  # type: ignore[union-attr]
                    parent.node.key_marks[parent.key] = parent.key_mark or node.mark  # type: ignore[union-attr]

    def _too_many(self, event: yaml.Event) -> None:
        mark = _mark(event)
        message = (
            f"the document expands to more than {self.limits.max_nodes} values; no profile needs "
            "that many (aliases repeating a section count each time)"
        )
        raise InputError([Problem(self.shown, mark.line, mark.column, message)])

    def _check_collection(self, event: yaml.NodeEvent, depth: int) -> None:
        if depth >= self.limits.max_depth:
            mark = _mark(event)
            message = self._too_deep_message()
            raise InputError([Problem(self.shown, mark.line, mark.column, message)])
        tag = getattr(event, "tag", None)
        if tag and tag not in _COLLECTION_TAGS and tag != "!":
            self._bad_tag(tag, _mark(event))

    def _scalar(self, event: yaml.ScalarEvent, mark: Mark) -> Scalar:
        tag = event.tag
        if tag and tag not in _SCALAR_TAGS and tag != "!":
            self._bad_tag(tag, mark)
        plain = event.style in _PLAIN_STYLES
        if tag == _CORE + "null" or (plain and not tag and event.value in _NULLS):
            return Scalar(None, mark)
        return Scalar(event.value, mark)

    def _alias(self, event: yaml.AliasEvent) -> tuple[Node, int]:
        mark = _mark(event)
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            message = (
                f"more than {self.limits.max_aliases} aliases (*name); refusing to expand them"
            )
            raise InputError([Problem(self.shown, mark.line, mark.column, message)])
        found = self.anchors.get(event.anchor or "")
        if found is None:
            message = f"alias *{event.anchor} refers to no finished anchor &{event.anchor} above it"
            self.problems.append(Problem(self.shown, mark.line, mark.column, message))
            return Scalar(None, mark), 1
        return found

    def _remember(self, anchor: str | None, done: tuple[Node, int]) -> None:
        if anchor:
            self.anchors[anchor] = done

    def _take_key(self, frame: _Frame, node: Node) -> None:
        frame.expect_key = False
        frame.key, frame.key_mark = None, node.mark
        if not isinstance(node, Scalar) or node.value is None:
            message = "a key must be plain text"
            self.problems.append(Problem(self.shown, node.mark.line, node.mark.column, message))
            return
        if node.value == "<<":
            message = "merge keys (<<) are not supported; write the entries out"
            self.problems.append(Problem(self.shown, node.mark.line, node.mark.column, message))
            return
        assert isinstance(frame.node, Mapping)
        if node.value in frame.node.entries:
            first = frame.node.key_marks[node.value]
            message = f"duplicate key '{node.value}' (first given on line {first.line})"
            self.problems.append(Problem(self.shown, node.mark.line, node.mark.column, message))
            return
        frame.key = node.value

    def _bad_tag(self, tag: str, mark: Mark) -> None:
        shown_tag = tag.replace(_CORE, "!!")
        message = f"the tag {shown_tag} is not allowed; use plain text, numbers, lists and sections"
        self.problems.append(Problem(self.shown, mark.line, mark.column, message))


def _mark(event: yaml.Event) -> Mark:
    start = event.start_mark
    if start is None:  # pragma: no cover - both parsers always set marks
        return Mark(0, 0)
    return Mark(start.line + 1, start.column + 1)
