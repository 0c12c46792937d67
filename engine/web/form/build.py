"""The questionnaire form, built by walking the profile models with a profile's current answers.

Nothing here is written per question: labels are the fields' descriptions, question ids, sources
and the critical flag come from the field metadata (`engine.profile.models.meta.answer`), choices
from the vocabularies, and follow-up conditions from `engine.rules.applicability`. A new question
is in the form the moment its field is in the models. Labels, sources and hints are shown in the
language of the rendering under way (the catalogues carry the models' texts); names and values
are the profile's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel

from engine.i18n.text import _
from engine.profile.models import SCHEMA_VERSION, Profile
from engine.profile.models.fields import FieldSpec, entry_name, is_per_element, model_fields
from engine.profile.models.vocab import ELEMENT_TITLES
from engine.rules.applicability import wordings
from engine.rules.critical import core_critical
from engine.web.form import widgets as w
from engine.web.form.applies import answered_and_skipped
from engine.web.form.errors import attach_errors
from engine.web.form.model import (
    AnyNode,
    Column,
    Entry,
    Field,
    FollowUp,
    Form,
    Group,
    ListField,
    MappingField,
    Row,
    Section,
)
from engine.web.form.names import Loc, name_of


def build_form(
    data: Mapping[str, Any] | Profile | None = None,
    errors: Mapping[str, Sequence[str]] | None = None,
    today: dt.date | None = None,
) -> Form:
    """The form for a profile's answers (None: a new, blank profile), with `errors` by name.

    `data` is the profile as plain data (what the YAML holds, or what `parse_submission`
    returned) and may be invalid: every answer is shown as written so it can be corrected.
    """
    raw = _as_data(data)
    answered, skipped = answered_and_skipped(raw, today)
    context = _Context(skipped, wordings())
    sections = [
        _section(spec, raw.get(spec.path[0]), context)
        for spec in model_fields(Profile)
        if spec.path != ("schema_version",)
    ]
    known = {spec.path[0] for spec in model_fields(Profile)}
    context.keep(*((name,) for name in raw if name not in known))
    form = Form(
        sections,
        hidden=(("schema_version", str(SCHEMA_VERSION)),),
        unrepresented=[name_of(loc) for loc in context.unrepresented],
        kept=list(context.unrepresented),
        answered_ids=answered,
        skipped=skipped,
    )
    attach_errors(form, errors or {})
    return form


def _as_data(data: Mapping[str, Any] | Profile | None) -> dict[str, Any]:
    if data is None:
        return {}
    if isinstance(data, Profile):
        return data.model_dump(mode="json", exclude_none=True, by_alias=True)
    return dict(data)


@dataclass(frozen=True)
class _Context:
    skipped: frozenset[str]  # follow-up questions that do not apply
    wordings: Mapping[str, str]  # when each follow-up applies, in words
    unrepresented: list[tuple[str | int, ...]] = field(default_factory=list)  # no input for these

    def keep(self, *locs: Loc) -> None:
        """Note data the form has no input for, by location (a key may hold a dot)."""
        self.unrepresented.extend(tuple(loc) for loc in locs)

    def shape(self, loc: Loc, value: Any, kind: type | tuple[type, ...]) -> Any:
        """`value` if it has the shape the models expect, else nothing (and it is noted)."""
        if value is None or isinstance(value, kind):
            return value
        self.keep(loc)
        return None

    def follow_up(self, question: str | None) -> FollowUp | None:
        if question is None or question not in self.wordings:
            return None
        return FollowUp(question, self.wordings[question], question not in self.skipped)


@cache
def _critical() -> frozenset[str]:
    """The questions always critical (read once: the rule set's declaration does not change)."""
    return frozenset(core_critical())


@cache
def _owners() -> dict[str, tuple[type[BaseModel], str]]:
    """Where each question is asked: the first field, in worksheet order, that declares it."""
    found: dict[str, tuple[type[BaseModel], str]] = {}

    def visit(model: type[BaseModel]) -> None:
        for spec in model_fields(model):
            if spec.question is not None:
                found.setdefault(spec.question, (model, spec.path[0]))
            if spec.model is not None:
                visit(spec.model)

    visit(Profile)
    return found


def _section(spec: FieldSpec, value: Any, context: _Context) -> Section:
    name = spec.path[0]
    node = _node(Profile, spec, (name,), value, context, inherited=None)
    children: list[AnyNode] = node.children if isinstance(node, Group) else [node]
    title = "About this assessment" if name == "profile" else name.replace("_", " ").capitalize()
    # A section that is one list (waivers) has the description as the list's own legend.
    said = _restates(spec.description, title) or not isinstance(node, Group)
    description = "" if said else shown(spec.description)
    return Section(name=name, label=_(title), description=description, children=children)


def shown(text: str) -> str:
    """A text of the models (a question, a source) in the language of the rendering under way;
    "" stays "" (gettext would give the catalogue's header for it)."""
    return _(text) if text else ""


def _restates(text: str, title: str) -> bool:
    """Whether a description only repeats its heading (read twice, once by a screen reader)."""
    return text.rstrip(". ").casefold() == title.casefold()


def _common(
    model: type[BaseModel], spec: FieldSpec, loc: Loc, context: _Context, inherited: str | None
) -> dict[str, Any]:
    question = spec.question or inherited
    leads = question is not None and _owners().get(question) == (model, spec.path[0])
    return {
        "name": name_of(loc),
        "label": shown(spec.description),
        "question": question,
        "source": shown(str(spec.meta.get("x-section", ""))),
        "critical": leads and question in _critical(),
        "leads": leads,
        "follow_up": context.follow_up(question),
    }


def _node(  # noqa: PLR0911 - one branch per kind of answer
    model: type[BaseModel],
    spec: FieldSpec,
    loc: Loc,
    value: Any,
    context: _Context,
    *,
    inherited: str | None,
    compact: bool = False,
) -> AnyNode:
    common = _common(model, spec, loc, context, inherited)
    if spec.kind == "section" and spec.model is not None:
        if is_per_element(spec.model) and _tabular(spec.model):
            return _mapping(spec.model, loc, value, context, common)
        return _group(spec.model, loc, value, context, common)
    if spec.kind == "items" and spec.model is not None:
        return _items(spec.model, loc, value, context, common)
    if spec.kind in ("texts", "choices"):
        value = context.shape(loc, value, list)
    else:
        value = context.shape(loc, value, (str, int, float, dt.date))
    if spec.kind == "texts":
        length = w.fixed_length(model, spec)
        if length is not None:
            return _positions(model, spec, loc, value, length=length, common=common)
        return _texts(model, spec, loc, value, common)
    if spec.kind == "choices":
        if w.is_ranking(model, spec):
            return _positions(model, spec, loc, value, length=len(spec.vocabulary), common=common)
        chosen = [w.word(model, spec, v, item=True) for v in _list(value)]
        options = w.options(spec.vocabulary, chosen, blank=False)
        return Field(**common, input="checkboxes", options=options, none=value == [])
    if spec.kind == "choice":
        chosen = [w.word(model, spec, value)]
        kind = w.choice_input(spec.vocabulary, compact)
        return Field(**common, input=kind, options=w.options(spec.vocabulary, chosen))
    return _scalar(model, spec, value, common)


_SINGLE = ("choice", "text", "integer", "number", "date")
FOLD_RUN = 3  # like sections in a row that fold to one line each


def _section_like(node: AnyNode) -> bool:
    return isinstance(node, Group) and not node.positions


def _tabular(model: type[BaseModel]) -> bool:
    """Whether each element's answers are single inputs, so that they fit a table's cells (a
    list inside an element, such as its translations, makes each element a section instead)."""
    inner = next((spec.model for spec in model_fields(model) if spec.model is not None), None)
    return inner is not None and all(spec.kind in _SINGLE for spec in model_fields(inner))


def _scalar(model: type[BaseModel], spec: FieldSpec, value: Any, common: dict[str, Any]) -> Field:
    text = w.text(value)
    if spec.kind == "text":
        return Field(**common, input=w.text_input(model, spec, text), value=text)
    if spec.kind == "date":
        # A text box, not the browser's date picker: the question says "(YYYY-MM-DD)", and the
        # box shows what is typed in that form (see `widgets.DATE_HINT` for why).
        return Field(**common, input="date", value=text, hint=_(w.DATE_HINT))
    if spec.kind in ("integer", "number"):
        return Field(**common, input=spec.kind, value=text, hint=_(w.HINTS[spec.kind]))
    raise TypeError(f"{common['name']}: no form input for a {spec.kind} answer")


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _children(
    model: type[BaseModel], loc: Loc, value: Any, context: _Context, question: str | None
) -> list[AnyNode]:
    data = _dict(context.shape(loc, value, dict))
    specs = model_fields(model)
    known = {spec.path[0] for spec in specs}
    context.keep(*((*loc, key) for key in data if key not in known))
    return [
        _node(
            model, spec, (*loc, spec.path[0]), data.get(spec.path[0]), context, inherited=question
        )
        for spec in specs
    ]


def _group(
    model: type[BaseModel], loc: Loc, value: Any, context: _Context, common: dict[str, Any]
) -> Group:
    children = _children(model, loc, value, context, common["question"])
    if len(children) >= FOLD_RUN and all(_section_like(child) for child in children):
        for child in children:
            assert isinstance(child, Group)
            child.fold = True
    shared = {child.follow_up for child in children}
    if common["follow_up"] is None and len(shared) == 1 and None not in shared:
        # Every answer here is one follow-up question's: the whole group shows or hides.
        common = {**common, "follow_up": shared.pop()}
        for child in children:
            child.follow_up = None
    return Group(**common, children=children)


def _items(
    model: type[BaseModel], loc: Loc, value: Any, context: _Context, common: dict[str, Any]
) -> ListField:
    label = _(entry_name(model))
    items = _list(context.shape(loc, value, list))

    def entry(index: int, item: Any) -> Entry:
        children = _children(model, (*loc, index), item, context, common["question"])
        return Entry(
            name=name_of((*loc, index)),
            label=_("%(item)s %(n)d") % {"item": label, "n": index + 1},
            index=index,
            children=children,
        )

    entries = [entry(i, item) for i, item in enumerate(items)]
    return ListField(
        **common,
        entries=entries,
        template=entry(len(items), {}),
        item_label=label,
        none=value == [],
    )


def _texts(
    model: type[BaseModel], spec: FieldSpec, loc: Loc, value: Any, common: dict[str, Any]
) -> ListField:
    def entry(index: int, item: Any) -> Entry:
        name = name_of((*loc, index))
        value = w.text(item)
        kind = w.text_input(model, spec, value)
        field = Field(name=name, label=_("Item %(n)d") % {"n": index + 1}, input=kind, value=value)
        return Entry(name=name, label=field.label, index=index, children=[field], texts=True)

    items = _list(value)
    entries = [entry(i, item) for i, item in enumerate(items)]
    return ListField(
        **common,
        entries=entries,
        template=entry(len(items), None),
        item_label=_("Item"),
        none=value == [],
        texts=True,
    )


def _positions(
    model: type[BaseModel],
    spec: FieldSpec,
    loc: Loc,
    value: Any,
    *,
    length: int,
    common: dict[str, Any],
) -> Group:
    """A fixed number of slots, in order: a ranking's ranks, a pair's two sides."""
    items = _list(value)
    slots = []
    for index in range(max(length, len(items))):
        item = items[index] if index < len(items) else None
        name = name_of((*loc, index))
        if spec.vocabulary:
            chosen = [w.word(model, spec, item, item=True)]
            rank = _("Rank %(n)d (most important)") if index == 0 else _("Rank %(n)d")
            label = rank % {"n": index + 1}
            options = w.options(spec.vocabulary, chosen)
            slots.append(Field(name=name, label=label, input="select", options=options))
        else:
            label = _("Item %(n)d of %(count)d") % {"n": index + 1, "count": length}
            value = w.text(item)
            kind = w.text_input(model, spec, value)
            slots.append(Field(name=name, label=label, input=kind, value=value))
    none = value == [] if spec.vocabulary else None  # a ranking may be answered "none"
    return Group(**common, children=list(slots), positions=True, none=none)


def _mapping(
    model: type[BaseModel], loc: Loc, value: Any, context: _Context, common: dict[str, Any]
) -> MappingField:
    """The ten elements as rows; each column is one question about an element."""
    elements = model_fields(model)
    inner = next(spec.model for spec in elements if spec.model is not None)
    question = common["question"]
    columns = []
    for spec in model_fields(inner):
        column = _common(inner, spec, (*loc, f"_{spec.path[0]}"), context, question)
        columns.append(Column(**column))
    data = _dict(context.shape(loc, value, dict))
    context.keep(*((*loc, k) for k in data if k not in ELEMENT_TITLES))
    rows = []
    for element in elements:
        key = element.path[0]
        if key in ELEMENT_TITLES:
            title = _(ELEMENT_TITLES[key])
        else:
            title = shown(element.description).rstrip(".")
        cells = []
        for spec in model_fields(inner):
            where = (*loc, key, spec.path[0])
            answer = _dict(data.get(key)).get(spec.path[0])
            cell = _node(inner, spec, where, answer, context, inherited=question, compact=True)
            assert isinstance(cell, Field), "a per-element answer is one input"
            asked = {"element": title, "question": shown(spec.description)}
            cell.label, cell.leads = _("%(element)s: %(question)s") % asked, False
            cells.append(cell)
        rows.append(Row(key=key, title=title, fields=cells))
    return MappingField(**common, columns=columns, rows=rows)
