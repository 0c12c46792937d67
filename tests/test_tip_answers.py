"""No rule's tip suggests an answer that the profile schema would refuse.

A planner who follows a tip to the letter must end up with a profile that validates. The
convention for suggesting an answer in a tip (documented in the README, "How to add a rule"):

- a suggested answer is written in backticks, either bare (`unsure`) or with the field it goes
  in (`funded: partly`, `environment.records.regime: mixed`);
- `field: value` names the field by its dotted path, in full or by its last parts; it is looked up
  first among the fields the rule reads, then in the whole profile, and must name one field;
- a bare suggestion is any backticked word of one of our closed vocabularies, or one of the
  synonyms planners use for them (`unknown`, `partial`); the tip does not say where it goes, so it
  must be a valid answer to every field the rule reads (when it is not, name the field);
- other backticked text (a field name, a command) is not a suggestion.

Each suggestion is written into a profile as YAML text, as a planner would type it, and goes
through the real loader and validation (`engine.profile.validation.validate_tree`). Only a word
of a list of choices (`needs`) is wrapped as a one-item list, since choosing it means listing it.
The rules checked are the loaded rule set, generated completeness rules included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pytest
import yaml

from engine.errors import InputError
from engine.profile.loader import parse_text
from engine.profile.models import Profile
from engine.profile.models.fields import (
    ITEM,
    FieldSpec,
    is_per_element,
    model_fields,
    walk_fields,
)
from engine.profile.models.vocab import ELEMENTS, SYNONYMS
from engine.profile.validation import validate_tree
from engine.rules import conditions as c
from engine.rules.fact_catalog import catalog
from engine.rules.ruleset import LoadedRule
from tests.engine_support import ruleset

BACKTICKED = re.compile(r"`([^`\n]+)`")
FIELD_VALUE = re.compile(r"^([A-Za-z_][\w.]*):\s*(.+)$")
PLACEHOLDER = "__suggested_answer__"
SHOWN = "tip suggestion"


@dataclass(frozen=True)
class Target:
    """Where a suggested answer goes: the path through the models, and the field at its end."""

    parts: tuple[str, ...]  # names, with ITEM for a list item and an element key where keyed
    spec: FieldSpec


@dataclass(frozen=True)
class Suggestion:
    text: str  # as written in the tip, for messages
    value: str  # the answer as a planner would type it
    targets: tuple[Target, ...]


@cache
def answer_words() -> frozenset[str]:
    """Every word a closed vocabulary accepts, and the synonyms we suggest in their place."""
    words = {word for spec in walk_fields(Profile) for word in spec.vocabulary}
    return frozenset(words | set(SYNONYMS))


def resolve(dotted: str) -> Target | None:
    """A dotted path (`[*]`, `.*` or `.?` for items and element keys) to its target, or None."""
    names = dotted.replace("[*]", ".*").replace("[0]", ".*").replace(".?", ".*").split(".")
    parts: list[str] = []
    model: type | None = Profile
    spec: FieldSpec | None = None
    for raw in names:
        name = ELEMENTS[0] if raw == ITEM and is_per_element(model) else raw  # any one element
        if name == ITEM:
            continue  # the list that needs it was handled with its field
        found = next((s for s in model_fields(model) if s.path == (name,)), None) if model else None
        if found is None:
            return None
        if spec is not None and spec.kind == "items":
            parts.append(ITEM)  # a field inside one item of the list before it
        elif spec is not None and spec.kind == "mapping":
            parts.append(ELEMENTS[0])  # a field inside one element's entry
        spec = found
        parts.append(name)
        model = found.model
    return Target(tuple(parts), spec) if spec is not None else None


def read_by(rule: LoadedRule) -> tuple[Target, ...]:
    """The answer fields a rule reads, directly or through the inputs of a derived fact."""
    paths: list[str] = []
    for name in c.facts_in(rule.condition):
        fact = catalog()[name]
        paths.extend(fact.inputs if fact.kind == "derived" else [".".join(fact.path)])
    targets = [resolve(path) for path in dict.fromkeys(paths)]
    return tuple(target for target in targets if target is not None)


def _named(field: str, rule: LoadedRule) -> tuple[Target, ...]:
    def ends(target: Target) -> bool:
        names = tuple(p for p in target.parts if p != ITEM and p not in ELEMENTS)
        return names[-len(field.split(".")) :] == tuple(field.split("."))

    local = tuple(t for t in read_by(rule) if ends(t))
    if local:
        return local
    every = (resolve(spec.dotted) for spec in walk_fields(Profile) if spec.kind != "section")
    return tuple(t for t in every if t is not None and ends(t))


def suggestions(rule: LoadedRule) -> list[Suggestion]:
    """The answers the rule's tip suggests, by the convention above."""
    found = []
    for span in BACKTICKED.findall(rule.tip):
        pair = FIELD_VALUE.match(span.strip())
        if pair:
            found.append(Suggestion(span, pair[2].strip(), _named(pair[1], rule)))
        elif span.strip().lower() in answer_words():
            found.append(Suggestion(span, span.strip(), read_by(rule)))
    return found


def profile_text(target: Target, value: str) -> str:
    """A profile holding only the suggested answer, typed as YAML text in its place."""
    if target.spec.kind == "choices" and not value.startswith(("[", "-")):
        value = f"[{value}]"
    data: dict[str, object] = {"schema_version": 1}
    holder: object = data
    parts = target.parts
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        child: object = PLACEHOLDER if last else ([] if parts[index + 1] == ITEM else {})
        if part == ITEM:
            continue
        if isinstance(holder, list):
            holder.append({part: child})
            holder = holder[-1]
        assert isinstance(holder, dict)
        holder[part] = child
        holder = child
        if isinstance(child, list):
            child.append({})
            holder = child[-1]
    text = yaml.safe_dump(data, sort_keys=False, default_flow_style=False)
    return text.replace(PLACEHOLDER, value)


def refusal(suggestion: Suggestion) -> str | None:
    """Why validation refuses the suggestion somewhere it may go, or None when it never does."""
    if not suggestion.targets:
        return f"`{suggestion.text}` names no field of the profile"
    for target in suggestion.targets:
        try:
            validate_tree(parse_text(profile_text(target, suggestion.value), SHOWN), SHOWN)
        except InputError as error:
            return f"`{suggestion.text}` in {'.'.join(target.parts)}: {error}"
    return None


RULES = [pytest.param(rule, id=rule.id) for rule in ruleset().rules]


@pytest.mark.parametrize("rule", RULES)
def test_every_answer_a_tip_suggests_validates(rule: LoadedRule) -> None:
    problems = [p for p in map(refusal, suggestions(rule)) if p is not None]
    assert problems == [], rule.id


def test_the_convention_finds_suggestions_in_the_shipped_tips() -> None:
    """If nothing is found, the convention has drifted from the tips and checks nothing."""
    assert any(suggestions(rule) for rule in ruleset().rules)


def _rule(tip: str, when: c.Cond) -> LoadedRule:
    shipped = ruleset().by_id()["records-regime-unclear"]
    return LoadedRule(
        id="probe",
        title="probe",
        area=shipped.area,
        severity="minor",
        tip=tip,
        cite=shipped.cite,
        condition=when,
        origin="test",
    )


REGIME = c.Test("environment.records.regime", "eq", "undetermined")
NEEDS = c.Test("derived.stakeholders.any_language_need", "eq", True)
INFLUENCE = c.Test("resources.capacity_for_change.open_to_influence.count", "unanswered")


@pytest.mark.parametrize(
    ("tip", "when", "refused"),
    [
        ("Answer `mixed` if parts differ.", REGIME, False),
        ("Answer `unsure` for now.", REGIME, True),  # the regime has `undetermined`, not `unsure`
        ("Set `environment.records.regime: public` and say so.", REGIME, False),
        ("Set `participants_informed: maybe`.", REGIME, True),  # a synonym, not an answer
        ("Set `funded: partly` on the line.", REGIME, False),  # found outside the rule's fields
        ("Set `no_such_field: yes`.", REGIME, True),
        ("List `language` for the group.", NEEDS, False),  # a word of a list of choices
        ("Say `unsure` if you do not know.", INFLUENCE, True),  # a list of texts
        ("Run `readiness validate` first.", REGIME, False),  # not an answer at all
    ],
)
def test_the_convention_on_probe_tips(tip: str, when: c.Cond, refused: bool) -> None:
    problems = [refusal(s) for s in suggestions(_rule(tip, when))]
    assert any(p is not None for p in problems) is refused, problems


def test_every_field_a_rule_reads_is_found() -> None:
    """A path the resolver cannot follow would silently shrink what bare suggestions must fit."""
    lost = {
        path
        for rule in ruleset().rules
        for name in c.facts_in(rule.condition)
        for path in (catalog()[name].inputs or [".".join(catalog()[name].path)])
        if resolve(path) is None
    }
    assert lost == set()
