"""Evidence in the planner's words: the question an answer belongs to, and the answer as written.

The JSON keeps the field path (`resources.staff.facilitation`) and line for tools; a board reads
the worksheet's question instead, numbered as in the worksheet, and a derived fact as the sentence
its catalogue entry says. The short question is the field's own description cut to its first
sentence, so that a field cannot exist without a label and the labels cannot drift from the
questions the planner answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel

from engine.assessment.assessment import EvidenceItem
from engine.i18n import N_
from engine.i18n.text import _, answer, colon, field, number, semicolons
from engine.profile.models import Profile
from engine.profile.models.fields import FieldSpec, is_per_element, model_fields, walk_fields
from engine.profile.models.vocab import ELEMENT_TITLES
from engine.render.view.model import EvidenceRow
from engine.rules.fact_catalog import catalog

NOT_ANSWERED = N_("not answered")
COUNTED = "finding:"  # the evidence of a count rule: the findings it counted
GENERIC = 30  # descriptions this short say too little on their own
_PART = re.compile(r"^([^\[\]]+)(?:\[(\d+)\])?$")
_ASIDE = re.compile(r"\s*\([^()]*\)")
_SENTENCE_END = re.compile(r"(?<=[?.;])\s|;$")
_SINGULAR = {
    "activities": N_("activity"),
    "next_steps": N_("step"),
    "statements": N_("objective"),
    "stakeholders": N_("group"),
    "relationships": N_("stakeholder"),
}


@dataclass(frozen=True)
class Label:
    """What a field asks, in short, and whose answer it is: `parts` in path order, each a list
    entry by its noun and position (`group`, 2) or one of the ten elements (its title, 0)."""

    question: str
    question_id: str | None
    parts: tuple[tuple[str, int], ...] = ()
    container: str | None = None  # the list a generic question belongs to ("Digital events")

    def about(self, names: list[str | None] | None = None) -> str | None:
        """Whose answer, with list entries by the names the profile gives them where it does."""
        given = iter(names or ())
        shown = [
            (next(given, None) or _("%(noun)s %(n)d") % {"noun": _(text), "n": n}) if n else _(text)
            for text, n in self.parts
        ]
        return ", ".join(shown) or None

    def asked(self) -> str:
        """The question, in the reader's language."""
        if self.container is None:
            return _(self.question)
        question = _(self.question)
        part = {"part": _(self.container), "question": question[:1].lower() + question[1:]}
        return _("%(part)s: %(question)s") % part


def short_question(description: str) -> str:
    """The first sentence of a field's description, without asides in parentheses."""
    text = _ASIDE.sub("", description).strip()
    first = _SENTENCE_END.split(text, maxsplit=1)[0].strip().rstrip(";")
    return (first or text).removesuffix(".")


def humane(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _item(name: str, index: int) -> tuple[str, int]:
    """A list entry's noun and position (from 1), for when the profile gives it no name."""
    noun = _SINGULAR.get(name, name[:-1] if name.endswith("s") else name).replace("_", " ")
    return noun, index + 1


def _step(model: type[BaseModel] | None, part: str) -> FieldSpec | None:
    if model is None:
        return None
    return next((s for s in model_fields(model) if s.path == (part,)), None)


@cache
def label(path: str) -> Label | None:
    """The short question for a concrete answer path (`a.b[1].c`), or None when not a field."""
    model: type[BaseModel] | None = Profile
    about: list[tuple[str, int]] = []
    asked: str | None = None
    container: str | None = None  # the list or section holding the field, below the top level
    spec: FieldSpec | None = None
    keyed = False
    for part in path.split("."):
        if keyed:  # a key of a mapping or a per-element section: one of the ten elements
            about.append((ELEMENT_TITLES.get(part, humane(part)), 0))
            keyed = False
            if is_per_element(model):  # the elements are fields: step into the chosen one
                element = _step(model, part)
                model = element.model if element is not None else model
            continue
        match = _PART.match(part)
        spec = _step(model, match[1]) if match else None
        if spec is None or match is None:
            return None
        asked = spec.question or asked
        if spec.kind in ("section", "mapping", "items") and model is not Profile:
            container = match[1]
        if match[2] is not None:
            about.append(_item(match[1], int(match[2])))
        model = spec.model
        keyed = spec.kind == "mapping" or is_per_element(model)
    if spec is None:
        return None
    text = short_question(spec.description)
    # A short generic description ("Is it funded?") needs the line of the list it belongs to.
    if spec.question is None and container is not None and len(text) <= GENERIC:
        return Label(text, asked, tuple(about), humane(container))
    return Label(text, asked, tuple(about))


def words(value: Any) -> str:
    """An answer as written: lists joined, blanks as 'not answered', yes/no in words,
    vocabulary values as words of the reader's language, the ten elements by their titles;
    free text exactly as the planner wrote it."""
    if value is None:
        return _(NOT_ANSWERED)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return number(value, 2)
    if isinstance(value, list):
        return ", ".join(words(item) for item in value) if value else _("none listed")
    if isinstance(value, dict):
        return semicolons(f"{field(str(k))}{colon()} {words(v)}" for k, v in value.items())
    text = str(value)
    if text in ELEMENT_TITLES:
        return _(ELEMENT_TITLES[text])
    if text in vocabulary_words():
        return answer(text)
    return text.replace("_", " ") if re.fullmatch(r"[a-z]+(_[a-z]+)+", text) else text


@cache
def vocabulary_words() -> frozenset[str]:
    """Every word of the profile's closed vocabularies: an answer that is one is shown as words."""
    return frozenset(
        word for spec in walk_fields(Profile) for word in spec.vocabulary if isinstance(word, str)
    )


def link(base: str | None, profile: str, line: int) -> str | None:
    """Where an answer is, online: the base URL, the profile path as given, and the line."""
    if base is None or line <= 0:
        return None
    path = profile.removeprefix("./").lstrip("/")
    return f"{base}{quote(path, safe='/')}#L{line}"


COUNT_PREFIX = "How many entries: "


def _fact_sentence(description: str, kind: str) -> str:
    """What a derived fact (or a list's length) says, as a sentence of the reader's language."""
    if kind == "count" and description.startswith(COUNT_PREFIX):
        asked = _(description.removeprefix(COUNT_PREFIX)).rstrip(".")
        return _("How many entries: %(question)s") % {"question": asked}
    return _(description).rstrip(".")


def row(item: EvidenceItem, base: str | None, profile: str) -> EvidenceRow:
    """One piece of evidence in words, whatever kind of fact it is."""
    where = link(base, profile, item.line)
    position = (item.line, item.column)
    spec = catalog().get(item.fact)
    if spec is not None and spec.kind in ("derived", "count"):
        sentence = _fact_sentence(spec.description, spec.kind)
        shown = "" if item.value is True else words(item.value)
        return EvidenceRow(
            sentence,
            spec.question,
            None,
            shown,
            spec.about_blanks,
            True,
            item.fact,
            item.line,
            item.column,
            where,
        )
    if item.fact.startswith(COUNTED):  # a finding a count rule counted: its title
        rule = item.fact.removeprefix(COUNTED)
        title = _(str(item.value))
        return EvidenceRow(title, None, rule, "", False, True, item.fact, *position, where)
    found = label(item.fact) or Label(humane(item.fact.rsplit(".", 1)[-1]), None)
    return EvidenceRow(
        found.asked(),
        found.question_id,
        found.about(item.items),
        words(item.value),
        item.value is None,
        False,
        item.fact,
        item.line,
        item.column,
        where,
    )
