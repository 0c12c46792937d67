"""The form's input names: one stable, HTML-safe name per answer, and the way back to its path.

The scheme. A name is the answer's path in the profile, its parts joined with dots:

- a field is its field name: `objectives.team_agreement`;
- a list entry is its 0-based index: `environment.stakeholders.0.name`; a list of texts or
  choices names each item the same way: `resources.capacity_for_change.open_to_influence.2`,
  and a ranking names each position: `trust.organisation_ranking.0` is the most important;
- one of the ten elements is its key: `trust.relationships.1.feedback.privacy_security.trust`;
- a multi-choice answer (checkboxes) repeats one name, once per word checked.

Controls that are not answers end in a part that starts with `_`, which no profile field can
(pydantic keeps leading underscores for private attributes), so a control never shadows a field:

- `LIST._none` (`on`): the list was answered "there are none", an empty list, not a blank one;
- `LIST.N._entry` (`on`): entry N exists, so an entry whose answers are all blank is kept;
- `action`: `add:LIST` or `remove:LIST.N`, from the add and remove buttons.

Every part is a field name, an element key or digits, so a name is safe in an HTML attribute
and as an element id; the profile's text never reaches a name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Loc = Sequence[str | int]

NONE = "_none"
ENTRY = "_entry"
ACTION = "action"
ADD = "add:"
REMOVE = "remove:"
# A path as the CLI's messages print it (`environment.stakeholders[0].name`), at a message's start.
_PATH = re.compile(r"[a-z_][a-z0-9_]*(?:\[\d+\]|\.[a-z_][a-z0-9_]*)*")
_INDEX = re.compile(r"\[(\d+)\]")


def name_of(loc: Loc) -> str:
    """The form name of a profile location (`("environment", "stakeholders", 0)` → `...0`)."""
    return ".".join(str(part) for part in loc)


def loc_of(name: str) -> tuple[str | int, ...]:
    """The profile location a form name stands for; digits are list indices."""
    return tuple(int(part) if part.isdigit() else part for part in name.split("."))


def name_for_path(path: str) -> str:
    """The form name of a path as the CLI's messages write it: `a.b[0].c` → `a.b.0.c`."""
    return _INDEX.sub(r".\1", path)


def path_in_message(message: str) -> str | None:
    """The profile path a validation message starts with, or None for a message about the file.

    The CLI's messages name the answer first (`environment.stakeholders[0].name: expected text`,
    `waivers[0].rule is required`), so the path is read back rather than kept twice.
    """
    match = _PATH.match(message)
    if match is None:
        return None
    rest = message[match.end() :]
    return match.group() if rest.startswith((":", " is required")) else None


def ancestors(name: str) -> list[str]:
    """The name and every name above it, nearest first (`a.b.0` → `a.b.0`, `a.b`, `a`)."""
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(len(parts), 0, -1)]


def element_id(name: str, suffix: str = "") -> str:
    """The HTML id of the input for `name` (and of its help, error or option with a suffix)."""
    return f"f-{name}--{suffix}" if suffix else f"f-{name}"
