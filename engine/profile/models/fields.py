"""The profile models seen as data: every field with its path, kind, vocabulary and metadata.

The facts catalogue, the question table, the `init` template and the did-you-mean suggestions all
need to walk the models; they share this one walk instead of each reading pydantic internals.
"""

import datetime as dt
import re
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from engine.profile.models.meta import field_meta

ITEM = "*"  # path segment standing for "every item of a list"
_WORD = re.compile(r"(?<!^)(?=[A-Z])")


@dataclass(frozen=True)
class FieldSpec:
    """One field of the profile models, found at `path` (list items appear as `*`)."""

    path: tuple[str, ...]
    kind: str  # section, items, mapping, choice, choices, text, texts, integer, number, date
    description: str
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    vocabulary: tuple[str, ...] = ()
    model: type[BaseModel] | None = None

    @property
    def dotted(self) -> str:
        return ".".join(self.path)

    @property
    def question(self) -> str | None:
        value = self.meta.get("x-question")
        return str(value) if value is not None else None


def _strip(annotation: Any) -> Any:
    """Remove `| None` and `Annotated[...]` wrappers, keeping the type that carries meaning."""
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin is Annotated:
            annotation = get_args(annotation)[0]
        else:
            return annotation


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


_SIMPLE = {str: "text", int: "integer", float: "number", dt.date: "date"}


def _classify(annotation: Any) -> tuple[str, tuple[str, ...], type[BaseModel] | None]:
    """(kind, vocabulary, nested model) of a field's type."""
    inner = _strip(annotation)
    origin = get_origin(inner)
    if origin is dict:
        value = _strip(get_args(inner)[1])
        return "mapping", (), value if _is_model(value) else None
    if origin is list:
        item = _strip(get_args(inner)[0])
        if _is_model(item):
            return "items", (), item
        if get_origin(item) is Literal:
            return "choices", tuple(get_args(item)), None
        return "texts", (), None
    if _is_model(inner):
        return "section", (), inner
    if origin is Literal:
        return "choice", tuple(get_args(inner)), None
    return _SIMPLE[inner], (), None


@cache
def model_fields(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The direct fields of one model, in declaration order."""
    specs = []
    for name, info in model.model_fields.items():
        kind, vocab, sub = _classify(info.annotation)
        specs.append(
            FieldSpec(
                path=(info.alias or name,),
                kind=kind,
                description=info.description or "",
                meta=field_meta(model, name),
                vocabulary=vocab,
                model=sub,
            )
        )
    return tuple(specs)


def walk_fields(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> Iterator[FieldSpec]:
    """Every field below `model`, parents before children, with full paths."""
    for spec in model_fields(model):
        path = (*prefix, *spec.path)
        yield FieldSpec(path, spec.kind, spec.description, spec.meta, spec.vocabulary, spec.model)
        if spec.model is not None:
            child_prefix = (*path, ITEM) if spec.kind == "items" else path
            yield from walk_fields(spec.model, child_prefix)


def model_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model that holds the fields at `loc` (list indices allowed), or None."""
    model: type[BaseModel] | None = root
    keyed = False  # the previous field was a mapping, so this part is one of its keys
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        spec = next((s for s in model_fields(model) if s.path == (part,)), None)
        model = spec.model if spec is not None else None
        keyed = spec is not None and spec.kind == "mapping"
    return model


def is_per_element(model: type[BaseModel] | None) -> bool:
    """Whether a section is keyed by the ten elements of trustworthy data stewardship."""
    return bool(getattr(model, "per_element", False))


def entry_name(model: type[BaseModel]) -> str:
    """What one entry of a list of `model` is called (`StakeholderGroup`: `Stakeholder group`),
    read from the class name so that a new list is named with no change elsewhere: the
    workspace's form shows it, and the catalogues carry it (`engine.workflows.messages`)."""
    return _WORD.sub(" ", model.__name__).capitalize()
