"""How one answer field is entered: its input, its choices, its current value as text.

Read from the field's type, the way the template and the schema read it, so that a new
vocabulary word or a new field is in the form the moment it is in the models. The words shown
(labels, hints) are the catalogues' messages, in the language of the rendering under way; the
values are the profile's own, the same in every language.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from annotated_types import MaxLen
from pydantic import BaseModel, TypeAdapter, ValidationError

from engine.i18n import N_
from engine.i18n.text import _, answer
from engine.profile.models.fields import FieldSpec
from engine.profile.models.vocab import ELEMENT_TITLES, Name, Ranking
from engine.web.form.model import Option

BLANK_LABEL = N_("Not answered yet")
MAX_RADIOS = 5  # longer vocabularies are a drop-down list
SHORT_TEXT = 200  # characters: text that may be no longer is typed on one line
HINTS = {
    "integer": N_("Write a whole number."),
    "number": N_("Write a number."),
}
# Dates are typed as text in the form the question names and the file holds. A browser's date
# picker (`type="date"`) shows the computer's own format (12/06/2026 under a label saying
# YYYY-MM-DD), and for a date it cannot read (half typed, 2026-02-30) it submits nothing at
# all: the planner's typing would vanish where the form must say what is wrong with it.
DATE_HINT = N_("For example, 2027-03-15.")


def _unwrapped(annotation: Any) -> list[Any]:
    """The annotation and every type inside its `| None`, `Annotated[...]` and `list[...]`."""
    found = [annotation]
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            if arg is not type(None):
                found.extend(_unwrapped(arg))
    elif origin is Annotated or origin is list:
        found.extend(_unwrapped(get_args(annotation)[0]))
    return found


def annotation(model: type[BaseModel], spec: FieldSpec) -> Any:
    return model.model_fields[spec.path[-1]].annotation


def is_ranking(model: type[BaseModel], spec: FieldSpec) -> bool:
    """An ordered list of the ten elements, most important first."""
    return Ranking in _unwrapped(annotation(model, spec))


def is_short(model: type[BaseModel], spec: FieldSpec) -> bool:
    """A name or a code (one line) rather than prose (a text area): a `Name`, or text that may
    be at most `SHORT_TEXT` characters long (a language code)."""
    info = model.model_fields[spec.path[-1]]
    limits = list(_text_limits(info.annotation))
    if info.annotation is str:  # a required field: pydantic keeps its limits beside the type
        limits += [m.max_length for m in info.metadata if isinstance(m, MaxLen)]
    return Name in _unwrapped(info.annotation) or any(limit <= SHORT_TEXT for limit in limits)


def _text_limits(annotation: Any) -> Iterator[int]:
    """The longest each text inside `annotation` may be, where a limit is declared."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated and args[0] is str:
        for extra in args[1:]:
            found = [extra, *getattr(extra, "metadata", ())]
            yield from (m.max_length for m in found if isinstance(m, MaxLen))
    elif origin in (Union, types.UnionType, list):
        for arg in args:
            yield from _text_limits(arg)


def text_input(model: type[BaseModel], spec: FieldSpec, value: str) -> str:
    """A one-line input for a name, a text area for prose, or for any answer with a line break
    (a one-line input would drop it)."""
    return "text" if is_short(model, spec) and "\n" not in value else "textarea"


def fixed_length(model: type[BaseModel], spec: FieldSpec) -> int | None:
    """The number of items of a list that always has that many (the two sides of a pair)."""
    info = model.model_fields[spec.path[-1]]
    lengths = [m.max_length for m in info.metadata if isinstance(m, MaxLen)]
    return lengths[0] if lengths else None


@cache
def _adapter(model: type[BaseModel], name: str, item: bool) -> TypeAdapter[Any]:
    kind: Any = model.model_fields[name].annotation
    if item:  # the item type of a list, with its normalising validator
        kind = next(get_args(t)[0] for t in _unwrapped(kind) if get_origin(t) is list)
    return TypeAdapter(kind)


def word(model: type[BaseModel], spec: FieldSpec, value: Any, item: bool = False) -> str:
    """A vocabulary answer as the models read it (`Yes` and YAML's `true` are `yes`), or the
    text as written when the models refuse it, so that it is shown and kept, never dropped."""
    if value is None:
        return ""
    try:
        return str(_adapter(model, spec.path[-1], item).validate_python(value))
    except ValidationError:
        return text(value)


def text(value: Any) -> str:
    """An answer as the planner sees it in a text input."""
    if value is None:
        return ""
    if isinstance(value, bool):  # a YAML 1.1 `yes` in a text answer: shown as the word it was
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def option_label(value: str) -> str:
    """A closed answer as the reader's words: an element's title, or the answer's own words."""
    return _(ELEMENT_TITLES[value]) if value in ELEMENT_TITLES else answer(value)


def options(
    vocabulary: tuple[str, ...], chosen: list[str], blank: bool = True
) -> tuple[Option, ...]:
    """The choices, the blank one first; an answer outside the vocabulary stays, marked."""
    found = [Option("", _(BLANK_LABEL), not any(chosen))] if blank else []
    found += [Option(v, option_label(v), v in chosen) for v in vocabulary]
    found += [
        Option(v, _("%(answer)s (not one of the answers)") % {"answer": v}, True)
        for v in dict.fromkeys(chosen)
        if v and v not in vocabulary
    ]
    return tuple(found)


def choice_input(vocabulary: tuple[str, ...], compact: bool) -> str:
    return "select" if compact or len(vocabulary) > MAX_RADIOS else "radio"
