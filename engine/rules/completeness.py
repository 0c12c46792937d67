"""The completeness policy: a critical question left blank is a major finding of its own.

These rules belong to the verdict policy rather than to a rule set, so they are generated here
from the `critical` flag on the fields, added to every rule set (core or custom), and their ids are
reserved. A profile can then never be GO while a critical question is blank.
"""

from __future__ import annotations

import yaml

from engine.profile.loader import parse_text
from engine.profile.questions import Question, questions
from engine.profile.validation import validate_tree
from engine.rules import conditions as c
from engine.rules.fact_catalog import catalog
from engine.rules.rule_model import Area, Citation
from engine.rules.ruleset import Example, LoadedRule, RuleSet

ORIGIN = "built-in completeness policy"
POLICY_PREFIX = "unanswered-"
_NAMES = {"1.1": "objectives"}  # where the field name alone would not say what is missing


def rule_id(question: Question) -> str:
    name = _NAMES.get(question.id) or question.anchor.rsplit(".", 1)[-1]
    return POLICY_PREFIX + name.replace("_", "-")


def _fact(question: Question) -> str:
    anchor = question.anchor
    return (
        anchor if anchor in catalog() and catalog()[anchor].kind == "answer" else f"{anchor}.count"
    )


def _area(question: Question, areas: dict[str, Area]) -> str:
    return next((name for name, area in areas.items() if question.id in area.questions), "")


def _how_to_answer(question: Question) -> str:
    """What an honest answer can be, offering only answers the schema accepts."""
    spec = catalog().get(question.anchor)
    if spec is None or spec.type != "choice":
        return (
            "List what applies; an empty list (`[]`) says there is none, and is assessed as "
            "that answer."
        )
    if "unsure" in spec.vocabulary:
        return (
            "If the honest answer is that you do not know yet, answer `unsure`, which is "
            "assessed as an answer."
        )
    choices = ", ".join(f"`{value}`" for value in spec.vocabulary)
    return f"Choose the answer that is true today: {choices}."


def _example(question: Question, answered: bool) -> Example:
    data: dict[str, object] = {"schema_version": 1}
    if answered:
        spec = catalog().get(question.anchor)
        value: object = [{}]
        if spec is not None:
            value = spec.vocabulary[0] if spec.type == "choice" else ["an example aspect"]
        target = data
        *parents, last = question.anchor.split(".")
        for part in parents:
            target = target.setdefault(part, {})  # type: ignore[assignment]
        target[last] = value
    text = yaml.safe_dump(data, sort_keys=False)
    tree = parse_text(text, ORIGIN)
    return Example(not answered, validate_tree(tree, ORIGIN), tree, ORIGIN, 0, 0)


def policy_rules(areas: dict[str, Area]) -> tuple[LoadedRule, ...]:
    """One major rule per critical question."""
    return tuple(
        LoadedRule(
            id=rule_id(q),
            title=f"Critical question {q.id} is unanswered",
            area=_area(q, areas),
            severity="major",
            tip=(
                f"Answer question {q.id} ({q.text}) before engaging: whether engagement can go "
                f"ahead turns on it. {_how_to_answer(q)}"
            ),
            cite=Citation(source=q.source, section=q.section),
            condition=c.Test(_fact(q), "unanswered"),
            origin=ORIGIN,
            completeness=True,
            examples=(_example(q, answered=False), _example(q, answered=True)),
        )
        for q in questions()
        if q.critical
    )


def with_policy(ruleset: RuleSet) -> RuleSet:
    """The rule set with the completeness rules added (once), in worksheet order."""
    present = {rule.id for rule in ruleset.rules}
    extra = tuple(r for r in policy_rules(ruleset.areas) if r.id not in present)
    # Worksheet order (the order of the areas), then the order the rules were written in.
    position = {name: index for index, name in enumerate(ruleset.areas)}
    rules = sorted(ruleset.rules + extra, key=lambda rule: position.get(rule.area, len(position)))
    return RuleSet(
        ruleset.name,
        ruleset.version,
        ruleset.digest,
        tuple(rules),
        ruleset.sources,
        ruleset.areas,
        ruleset.tips,
    )
