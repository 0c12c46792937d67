"""Profile data into YAML text, editing the planner's file in place rather than rewriting it.

Why ruamel.yaml: its round-trip mode keeps comments, key order, quoting and block styles of every
value it is not asked to change, so saving from the browser changes only the lines that changed,
and a reviewer's diff shows just the answers. PyYAML (the project's reader) drops comments and
key order on the way through, so it cannot write a file a planner also edits by hand.

ruamel is set up to read and write as the project's own loader does (`engine.profile.loader`):
every scalar is text, and only the plain spellings of null (``, `~`, `null`) are blank. Reading,
that keeps `0123`, `NO` and `2026-11-19` as the text typed; writing, it quotes exactly the text
that would otherwise read back as blank, and writes `yes`, `12` or dates plain, as a planner
would. Text with line breaks becomes a literal block (`|`) unless a block cannot hold it exactly.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from engine.profile.loader import parse_text

_NULL_TAG = "tag:yaml.org,2002:null"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")  # the project's composer: `_NULLS`
_NULL_RESOLVERS = {start: [(_NULL_TAG, _NULL)] for start in ("", "~", "n", "N")}
# A line break YAML would fold or a character a block scalar cannot carry as typed.
_NOT_FOR_BLOCKS = re.compile(r"[\r\t\x85\u2028\u2029]|[ ]\n|[ ]$|^\n|^[ ]")


class TextResolver(VersionedResolver):
    """Resolves plain scalars as the project's loader does: null spellings blank, all else text."""

    @property
    def versioned_resolver(self) -> Any:
        return {start: list(resolvers) for start, resolvers in _NULL_RESOLVERS.items()}


def _yaml(mapping: int = 2, sequence: int = 4, offset: int = 2) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = TextResolver
    yaml.preserve_quotes = True
    yaml.width = 4096  # never wrap a long answer: a rewrapped line is a changed line in the diff
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def updated_text(original: str | None, data: Mapping[str, Any], shown: str = "profile") -> str:
    """`original` (a profile's text, or None for a new file) with the answers set to `data`.

    Keys of `data` are set where they are, new keys are added at the end of their section, and
    a key `data` leaves blank is kept as a blank answer (`key:`): the question comments above
    it stay where the planner or the template put them, and blank reads as unanswered anyway.
    """
    yaml, tree = _loaded(original, shown)
    _merge_map(tree, data)
    return _dumped(yaml, tree)


@dataclass(frozen=True)
class Whole:
    """A value `patched_text` writes whole, replacing what was there (a section a tool owns);
    with `flow`, each mapping of plain values is one line (`{high: 2, low: 1}`)."""

    value: Mapping[str, Any]
    flow: bool = False


def patched_text(
    original: str, loc: Sequence[str | int], changes: Mapping[str, Any], shown: str = "profile"
) -> str:
    """`original` with `changes` made to the section at `loc`, and nothing else touched.

    Unlike `updated_text`, which states every answer, this changes only the keys named: a
    mapping is patched key by key, None blanks an answer where it is (and adds none), a `Whole`
    replaces its section. Missing sections on the way to `loc` are made, and an index one past a
    list's end adds an entry, so that a tool can add to a file it did not write.
    """
    yaml, tree = _loaded(original, shown)
    _patch(_section_at(tree, loc), changes)
    return _dumped(yaml, tree)


def _loaded(original: str | None, shown: str) -> tuple[YAML, CommentedMap]:
    """A writer set up as the file is indented, and the file's tree (empty for no file).

    ruamel's round-trip loader builds only plain data (its constructor is the safe one), but it
    has no limits: the text reaches it only after the project's own loader has accepted it,
    within the limits on size, depth and aliases every command applies (InputError otherwise).
    The file may have changed on disk since a form was opened, so this is checked here, at the
    one place ruamel reads, rather than trusted from an earlier read.
    """
    if original is None or not original.strip():
        return _yaml(), CommentedMap()
    parse_text(original, shown)
    _, sequence, offset = load_yaml_guess_indent(original)
    mapping = _mapping_indent(original)
    if offset is None:  # no block list in the file (the template): the guess is a mapping's
        sequence, offset = mapping + 2, 2
    # A list's entries must sit right of its dashes, or `- a: 1` and `b: 2` part ways.
    yaml = _yaml(mapping, max(sequence or 0, offset + 2), offset)
    tree = yaml.load(original)
    return yaml, tree if isinstance(tree, CommentedMap) else CommentedMap()


def _dumped(yaml: YAML, tree: CommentedMap) -> str:
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def _section_at(tree: CommentedMap, loc: Sequence[str | int]) -> CommentedMap:
    node: Any = tree
    for step, following in zip(loc, [*loc[1:], None], strict=True):
        made: Any = CommentedSeq() if isinstance(following, int) else CommentedMap()
        if isinstance(step, int):
            if step == len(node):
                node.append(made)
            node = node[step]
            continue
        if not isinstance(node.get(step), (CommentedMap, CommentedSeq)):
            node[step] = made
        node = node[step]
    if not isinstance(node, CommentedMap):
        raise ValueError(f"no section at {'.'.join(map(str, loc))}")
    return node


def _patch(node: CommentedMap, changes: Mapping[str, Any]) -> None:
    for key, value in changes.items():
        if isinstance(value, Whole):
            node[key] = _merged(None, value.value)
            if value.flow:
                _flow_leaves(node[key])
        elif value is None:
            if key in node:
                node[key] = None
        elif isinstance(value, Mapping):
            if not isinstance(node.get(key), CommentedMap):
                if not _sets_anything(value):
                    continue  # a section of blanks that is not there already: nothing to blank
                node[key] = CommentedMap()
            _patch(node[key], value)
        else:
            node[key] = _merged(node.get(key), value)


def _sets_anything(changes: Mapping[str, Any]) -> bool:
    return any(
        _sets_anything(value) if isinstance(value, Mapping) else value is not None
        for value in changes.values()
    )


def _flow_leaves(node: Any) -> None:
    if not isinstance(node, (CommentedMap, CommentedSeq)):
        return
    values = list(node.values() if isinstance(node, CommentedMap) else node)
    if all(not isinstance(value, (CommentedMap, CommentedSeq)) for value in values):
        if all("\n" not in str(value) for value in values):  # block text cannot go in a flow
            node.fa.set_flow_style()
        return
    for value in values:
        _flow_leaves(value)


_NESTED_KEY = re.compile(
    r"^[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n((?:[ \t]*(?:#[^\n]*)?\n)*)( +)[^\s#-]", re.M
)


def _mapping_indent(text: str) -> int:
    """How far the file indents a section's keys (ruamel writes every level alike)."""
    found = _NESTED_KEY.search(text)
    return len(found.group(2)) if found else 2


def _merge_map(node: CommentedMap, data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        if _blank(value):
            if key in node and not _blank(node[key]):
                node[key] = None
            continue
        node[key] = _merged(node.get(key), value)
    for key in list(node):
        if key in data or _blank(node[key]):
            continue
        if isinstance(node[key], CommentedMap):
            _merge_map(node[key], {})  # blank every answer, keep the section and its comments
        else:
            node[key] = None


def _merged(old: Any, new: Any) -> Any:
    """The node to store for `new`, reusing `old` (and its comments and style) where it fits."""
    if isinstance(new, Mapping):
        target = old if isinstance(old, CommentedMap) else CommentedMap()
        _merge_map(target, new)
        return target
    if isinstance(new, Sequence) and not isinstance(new, str):
        return _merged_seq(old, new)
    text = leaf_text(new)
    if isinstance(old, str) and str(old) == text:
        return old  # unchanged: keep its quoting or block style exactly
    return styled(text)


def _merged_seq(old: Any, new: Sequence[Any]) -> CommentedSeq:
    # A blank item (an entry added to a list of texts, not yet typed) is no answer: left out.
    new = [item for item in new if not _blank(item)]
    target = old if isinstance(old, CommentedSeq) else CommentedSeq()
    if (
        isinstance(old, CommentedSeq)
        and old.fa.flow_style()
        and not all(isinstance(item, str) and "\n" not in item for item in new)
    ):
        target.fa.set_block_style()  # a flow list cannot hold sections or block text
    for index, item in enumerate(new):
        if index < len(target):
            target[index] = _merged(target[index], item)
        else:
            target.append(_merged(None, item))
    del target[len(new) :]
    return target


def _blank(value: Any) -> bool:
    """Blank as the loader reads it: nothing, or empty text (an empty list is an answer)."""
    return value is None or (isinstance(value, str) and value == "") or only_blank_items(value)


def only_blank_items(value: Any) -> bool:
    """Entries added to a list of texts but none typed yet: the list is still unanswered, not
    answered "there are none" (`[]`), which only the planner's own tick says."""
    return isinstance(value, list) and bool(value) and all(_blank(item) for item in value)


def leaf_text(value: Any) -> str:
    """An answer as the text the loader will read back: every scalar is text in a profile."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


def styled(text: str) -> str:
    """Multi-line text as a literal block where a block holds it exactly, else double-quoted.

    A literal block keeps every character of the lines it holds, but not a carriage return, a
    tab at the start, trailing spaces or leading blank lines: those go in double quotes, where
    each is an escape and reads back the same.
    """
    if "\n" not in text and not _NOT_FOR_BLOCKS.search(text):
        return text
    if "\n" in text and not _NOT_FOR_BLOCKS.search(text):
        block: str = LiteralScalarString(text)
        return block
    quoted: str = DoubleQuotedScalarString(text)
    return quoted
