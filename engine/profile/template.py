"""The `readiness init` template: every question as a comment above a blank answer.

Generated from the models so that a new question appears in the template the moment its field
exists. Lists of entries are shown as a commented example entry, because an uncommented one would
count as an answer. The template must itself validate; a test checks that.
"""

from __future__ import annotations

import textwrap

from pydantic import BaseModel

from engine.profile.models import SCHEMA_VERSION, Profile
from engine.profile.models.fields import FieldSpec, is_per_element, model_fields

WIDTH = 99

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


def render_template() -> str:
    """The full template text."""
    lines = [HEADER]
    for spec in model_fields(Profile):
        if spec.path == ("schema_version",):
            continue
        lines.append("")
        lines.extend(_field(spec, indent=0))
    return "\n".join(lines) + "\n"


def _comment(text: str, indent: int, shift: int) -> list[str]:
    """Comment lines wrapped to fit once `shift` more columns are put in front of them."""
    lead = " " * indent + "# "
    return [f"{lead}{line}" for line in textwrap.wrap(text, WIDTH - len(lead) - shift)]


def _label(spec: FieldSpec) -> str:
    tags = []
    if spec.question and spec.meta.get("x-primary", True):
        tags.append(spec.question)
    if spec.meta.get("x-critical"):
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


def _field(spec: FieldSpec, indent: int, brief: bool = False, shift: int = 0) -> list[str]:
    lines = _comment(_label(spec), indent, shift) if spec.description else []
    hint = _hint(spec)
    if hint and "YYYY" not in spec.description:
        lines.extend(_comment(f"({hint})", indent, shift))
    lines.append(f"{' ' * indent}{spec.path[-1]}:")
    if spec.kind == "section" and spec.model is not None:
        lines.extend(_section(spec.model, indent + 2, brief, shift))
    elif spec.kind == "items" and spec.model is not None:
        lines.extend(_example_item(spec.model, indent + 2, shift))
    return lines


def _section(model: type[BaseModel], indent: int, brief: bool = False, shift: int = 0) -> list[str]:
    specs = model_fields(model)
    if brief and is_per_element(model):
        others = ", ".join(s.path[0] for s in specs[1:])
        text = f"(one block like this per element; the others are: {others})"
        return _comment(text, indent, shift) + _field(specs[0], indent, brief, shift)
    lines: list[str] = []
    for spec in specs:
        lines.extend(_field(spec, indent, brief, shift))
    return lines


def _example_item(model: type[BaseModel], indent: int, shift: int) -> list[str]:
    """A commented-out example entry; removing the leading `# ` of each line makes it real."""
    pad = " " * indent
    lines = [f"{pad}# One entry per item; remove the leading '# ' of these lines to use them:"]
    first = True
    for line in _section(model, 0, brief=True, shift=shift + indent + 4):
        if first and not line.startswith("#"):
            lines.append(f"{pad}# - {line}")
            first = False
        else:
            lines.append(f"{pad}#   {line}")
    return lines
