"""The `readiness init` template: every question as a comment above a blank answer.

Generated from the models so that a new question appears in the template the moment its field
exists. Lists of entries are shown as a commented example entry, because an uncommented one would
count as an answer. The template must itself validate; a test checks that.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from pydantic import BaseModel

from engine.profile.models import SCHEMA_VERSION, Profile
from engine.profile.models.fields import FieldSpec, is_per_element, model_fields

WIDTH = 99


class Notes(NamedTuple):
    """What the rules layer says of the questions, by id: when each follow-up applies (in
    words), and which are critical (a blank always decides the verdict)."""

    applies: Mapping[str, str] = MappingProxyType({})
    critical: frozenset[str] = frozenset()


NO_NOTES = Notes()

HEADER = f"""\
# yaml-language-server: $schema=profile.schema.json
#
# ids-readiness engagement profile (schema version {SCHEMA_VERSION}).
#
# Answer what you can. Leave an answer blank when you do not know yet: a blank answer is
# reported as unanswered, never read as "no". Where an answer has a fixed vocabulary, the
# choices are listed in the comment above it. Questions marked [critical] must be answered
# before the engagement can get a GO.
#
# Check this file:     readiness validate THIS_FILE
# Assess readiness:    readiness assess THIS_FILE
# Editor completion:   readiness schema > profile.schema.json  (next to this file)

schema_version: {SCHEMA_VERSION}"""


def render_template(notes: Notes = NO_NOTES) -> str:
    """The full template text.

    `notes` says in words when each follow-up question applies (`2.1 is yes`), and which
    questions are critical, by question id; the rules layer says both, since only it can read
    the conditions and the decisive-blank rules.
    """
    lines = [HEADER]
    for spec in model_fields(Profile):
        if spec.path == ("schema_version",):
            continue
        lines.append("")
        lines.extend(_field(spec, indent=0, notes=notes))
    return "\n".join(lines) + "\n"


def _comment(text: str, indent: int, shift: int) -> list[str]:
    """Comment lines wrapped to fit once `shift` more columns are put in front of them."""
    lead = " " * indent + "# "
    return [f"{lead}{line}" for line in textwrap.wrap(text, WIDTH - len(lead) - shift)]


def _label(spec: FieldSpec, critical: frozenset[str]) -> str:
    tags: list[str] = []
    if spec.question and spec.meta.get("x-primary", True):
        tags.append(spec.question)
        if spec.question in critical:
            tags.append("critical")
    prefix = f"[{', '.join(tags)}] " if tags else ""
    return prefix + spec.description


def _hint(spec: FieldSpec) -> str | None:
    if spec.kind == "choice":
        return " | ".join(spec.vocabulary)
    if spec.kind == "choices":
        return "a list of: " + ", ".join(spec.vocabulary)
    return {
        "date": "a date, YYYY-MM-DD",
        "integer": "a whole number",
        "number": "a number",
        "texts": "a list of short texts",
    }.get(spec.kind)


def _applies(spec: FieldSpec, applies: Mapping[str, str]) -> str | None:
    """The follow-up note, on the field that carries the question's tag."""
    question = spec.question
    if question is None or question not in applies or not spec.meta.get("x-primary", True):
        return None
    return f"(a follow-up: answer only if {applies[question]})"


def _field(
    spec: FieldSpec,
    indent: int,
    brief: bool = False,
    shift: int = 0,
    notes: Notes = NO_NOTES,
) -> list[str]:
    lines = _comment(_label(spec, notes.critical), indent, shift) if spec.description else []
    hint = _hint(spec)
    if hint and "YYYY" not in spec.description:
        lines.extend(_comment(f"({hint})", indent, shift))
    note = _applies(spec, notes.applies)
    if note:
        lines.extend(_comment(note, indent, shift))
    lines.append(f"{' ' * indent}{spec.path[-1]}:")
    if spec.kind == "section" and spec.model is not None:
        lines.extend(_section(spec.model, indent + 2, brief, shift, notes))
    elif spec.kind == "items" and spec.model is not None:
        lines.extend(_example_item(spec.model, indent + 2, shift, notes))
    return lines


def _section(
    model: type[BaseModel],
    indent: int,
    brief: bool = False,
    shift: int = 0,
    notes: Notes = NO_NOTES,
) -> list[str]:
    specs = model_fields(model)
    if brief and is_per_element(model):
        others = ", ".join(s.path[0] for s in specs[1:])
        text = f"(one block like this per element; the others are: {others})"
        return _comment(text, indent, shift) + _field(specs[0], indent, brief, shift, notes)
    lines: list[str] = []
    for spec in specs:
        lines.extend(_field(spec, indent, brief, shift, notes))
    return lines


def _example_item(model: type[BaseModel], indent: int, shift: int, notes: Notes) -> list[str]:
    """A commented-out example entry; removing the leading `# ` of each line makes it real."""
    pad = " " * indent
    lines = [f"{pad}# One entry per item; remove the leading '# ' of these lines to use them:"]
    first = True
    for line in _section(model, 0, brief=True, shift=shift + indent + 4, notes=notes):
        if first and not line.startswith("#"):
            lines.append(f"{pad}# - {line}")
            first = False
        else:
            lines.append(f"{pad}#   {line}")
    return lines
