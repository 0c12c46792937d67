"""Saving a profile from the browser: checked, verified, atomic, and never over someone's edit.

Every save goes the same way, and writes nothing unless every step passes:
1. the data becomes YAML by editing the file's own text (`roundtrip`), so comments and key order
   survive;
2. that text is read back by the project's own loader and validator, exactly as `readiness
   validate` and `assess` will read the file; their problems (the CLI's messages) are returned
   by field, for display next to the field, and nothing is written;
3. the profile read back must equal the data as validated directly: a mismatch is a bug in the
   writer, and the file is left alone rather than saved as something the form did not show;
4. the file on disk must still be the one the form was opened from (its sha256): otherwise the
   planner is shown both versions and chooses (`Conflict`);
5. the text goes to a temporary file in the same folder, then `os.replace` puts it in place, so
   a reader (CI, an editor) sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.errors import InputError, Problem
from engine.profile.loader import parse_text
from engine.profile.models import Profile
from engine.profile.positions import Mapping as MapNode
from engine.profile.positions import Node, Seq, dotted, to_data
from engine.profile.roundtrip import leaf_text, only_blank_items, updated_text
from engine.profile.validation import validate_tree

# Checks beyond the schema that `assess` makes (waivers naming unknown rules), supplied by the
# workspace, which holds the rule set.
ExtraCheck = Callable[[Profile, Node, str], list[Problem]]
WHOLE_FILE = ""  # the problems key for problems that belong to no single field


def digest(data: bytes) -> str:
    """The sha256 a form carries of the file it was opened from."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class Checked:
    """Profile data as YAML text, with the problems the CLI would report for it (by field)."""

    text: str
    problems: dict[str, list[str]] = field(default_factory=dict)
    profile: Profile | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.profile is not None


@dataclass(frozen=True)
class Conflict:
    """The file changed on disk since the form was opened: both versions, for the planner."""

    theirs: str
    theirs_sha: str
    ours: str


class WriterMismatchError(Exception):
    """The text written would not read back as the data given: a bug, so nothing is saved."""


def check(
    original: str | None, data: Mapping[str, Any], shown: str, extra: ExtraCheck | None = None
) -> Checked:
    """The text `data` would be saved as, read back the way every command reads a profile."""
    try:
        text = updated_text(original, data, shown)
    except InputError as error:  # the file on disk is no longer one the loader accepts
        return Checked(original or "", by_field(error.problems, None))
    return check_text(text, shown, extra, expected=data)


def written(original: str | None, data: Mapping[str, Any], shown: str) -> str:
    """The text `data` is saved as: `original` edited in place, proven to read back as `data`.

    Unlike `check`, this holds for a profile that is not valid yet (one part saved while
    another still has a problem, an unknown key kept on purpose): the proof compares the data,
    answer by answer, as the loader reads it back. InputError when `original` is no longer a
    file the loader accepts; WriterMismatchError (a bug) when the text would not read back.
    """
    text = updated_text(original, data, shown)
    if not same_data(to_data(parse_text(text, shown)), data):
        raise WriterMismatchError("the YAML written does not read back as the data given")
    return text


def same_data(first: object, second: object) -> bool:
    """The same answers as the loader reads them: every answer as its text, blanks left out."""
    return _plain(first) == _plain(second)


def _plain(value: object) -> object:
    if isinstance(value, Mapping):
        inside = {str(key): _plain(item) for key, item in value.items()}
        return {key: item for key, item in inside.items() if item is not None and item != {}}
    if isinstance(value, list):
        if only_blank_items(value):
            return None
        return [_plain(item) for item in value if item is not None and item != ""]
    return None if value is None or value == "" else leaf_text(value)


def saved_data(original: str | None, shown: str) -> object:
    """The answers in the file as it is, or None when it is new or does not read as YAML."""
    if original is None:
        return None
    try:
        return to_data(parse_text(original, shown))
    except InputError:
        return None


def check_text(
    text: str,
    shown: str,
    extra: ExtraCheck | None = None,
    expected: Mapping[str, Any] | None = None,
) -> Checked:
    """Validate YAML text as a profile; with `expected`, also prove it reads back as that data."""
    tree: Node | None = None
    try:
        tree = parse_text(text, shown)
        profile = validate_tree(tree, shown)
        problems = extra(profile, tree, shown) if extra else []
    except InputError as error:
        return Checked(text, by_field(error.problems, tree))
    if problems:
        return Checked(text, by_field(problems, tree))
    if expected is not None:
        _same_as_data(profile, expected)
    return Checked(text, {}, profile)


def _same_as_data(profile: Profile, data: Mapping[str, Any]) -> None:
    try:
        direct = Profile.model_validate(without_blank_items(data))
    except ValidationError as error:
        raise WriterMismatchError(f"the data does not validate on its own: {error}") from None
    if not same_answers(direct, profile):
        raise WriterMismatchError("the YAML written does not read back as the data given")


def without_blank_items(value: Any) -> Any:
    """The data without blank list items, which the writer leaves out (`roundtrip`)."""
    if isinstance(value, Mapping):
        return {key: without_blank_items(item) for key, item in value.items()}
    if only_blank_items(value):
        return None
    if isinstance(value, list):
        return [without_blank_items(item) for item in value if item is not None and item != ""]
    return value


def same_answers(first: Profile, second: Profile) -> bool:
    """The same answers, where a section with every answer blank is the same as no section.

    The writer keeps a section whose answers were all cleared (`profile:` with blank keys, as the
    template has it), so that its question comments stay; blank means unanswered, with or without
    its section, and the facts and the assessment are the same either way.
    """
    same: bool = _answers(first.model_dump(mode="json")) == _answers(second.model_dump(mode="json"))
    return same


def _answers(value: Any) -> Any:
    """Data without blanks: None dropped, then sections left empty dropped (lists kept)."""
    if isinstance(value, dict):
        kept = {key: _answers(item) for key, item in value.items() if item is not None}
        return {key: item for key, item in kept.items() if item != {}}
    if isinstance(value, list):
        return [_answers(item) for item in value]
    return value


def by_field(problems: list[Problem], tree: Node | None) -> dict[str, list[str]]:
    """Problems keyed by the dotted path (`a.b[2].c`) of the field at their line and column.

    The messages are the CLI's own, without the `file:line:col: error:` prefix; a problem that
    points at no field (a syntax error, a missing schema_version) goes under `WHOLE_FILE`.
    """
    found: dict[str, list[str]] = {}
    for problem in problems:
        where = _path_at(tree, problem.line, problem.column) if tree is not None else None
        found.setdefault(dotted(where) if where else WHOLE_FILE, []).append(problem.message)
    return found


def _path_at(node: Node, line: int, column: int) -> list[str | int] | None:
    """The path of the key or value at (line, column) in the tree, if any is there."""
    if isinstance(node, MapNode):
        for key, child in node.entries.items():
            mark = node.key_marks[key]
            if (mark.line, mark.column) == (line, column):
                return [key]
            below = _path_at(child, line, column)
            if below is not None:
                return [key, *below]
    elif isinstance(node, Seq):
        for index, item in enumerate(node.items):
            below = _path_at(item, line, column)
            if below is not None:
                return [index, *below]
    if (node.mark.line, node.mark.column) == (line, column):
        return []
    return None


def read_current(path: Path) -> tuple[str | None, str | None]:
    """The file's text and sha256 now, or (None, None) when it does not exist."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None
    return data.decode("utf-8", "replace"), digest(data)


def conflict(path: Path, opened_sha: str | None, ours: str) -> Conflict | None:
    """A Conflict when the file on disk is no longer the one the form was opened from."""
    theirs, sha = read_current(path)
    if sha == opened_sha:
        return None
    return Conflict(theirs or "", sha or "", ours)
