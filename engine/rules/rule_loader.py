"""Loading a rule set: YAML rule files checked against the fact catalogue, with file:line errors.

A rule that names a fact that does not exist, compares a choice with a number, or misspells an
answer would otherwise never fire and nobody would notice; here it stops the rule set from loading,
pointing at the line, before any profile is read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from engine.errors import InputError, Problem
from engine.profile.loader import load_file
from engine.profile.positions import Loc, Mapping, Node, Scalar, Seq, locate
from engine.profile.suggestions import hint
from engine.profile.validation import validate_node, validate_tree
from engine.rules import conditions as c
from engine.rules import supersedes
from engine.rules.applicability import with_follow_ups
from engine.rules.condition_parser import Say, check_negations, parse
from engine.rules.digest import combined, file_digests
from engine.rules.rule_kinds import (
    BLANK_REQUIRED,
    heavier,
    in_worksheet_order,
    loaded_rule,
    locate_node,
    tests_a_blank,
)
from engine.rules.rule_model import Area, Rule, Source
from engine.rules.ruleset import NEVER, Escalation, Example, LoadedRule, RuleSet
from engine.rules.ruleset_info import META, display, read_info

MAX_ALTERNATIVES = 32


def default_rules_dir() -> Path:
    """The shipped rules: package data in an installed wheel, `rules/` in a checkout.

    Found beside this file rather than through `importlib.resources`, which a cold `assess`
    would import for this alone (3 ms); the rules are read as files, so the package is never
    run from a zip archive anyway.
    """
    engine, checkout = Path(__file__).resolve().parents[1:3]
    packaged = engine / "_rules"
    return packaged if packaged.is_dir() else checkout / "rules"


@cache
def load_ruleset(directory: Path | None = None) -> RuleSet:
    """Load (once per process) the core rules, or a custom set, with the completeness policy.

    A custom set always shares the core catalogues of sources, areas and tips (it may add to
    them, not change them), and takes the core rules too when its ruleset.yaml says
    `extends: core`. Every rule is guarded so that it never fires on the answers to a follow-up
    question that does not apply (`applicability`).
    """
    core = default_rules_dir()
    if directory is None or directory.resolve() == core.resolve():
        loaded, folders = _load(core, base=None), [core]
    elif not directory.is_dir():
        raise InputError([Problem(str(directory), 0, 0, "no such rules folder")])
    else:
        loaded, folders = _load(directory, base=_load(core, base=None)), [core, directory]
    digest = combined([file_digests(folder) for folder in folders])
    return with_follow_ups(in_worksheet_order(dataclasses.replace(loaded, digest=digest)))


def _rule_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.name != META)


def _load(directory: Path, base: RuleSet | None) -> RuleSet:
    problems: list[Problem] = []
    info, own_conditions = read_info(directory, base, problems)
    extends = base is not None and info.extends == "core"
    sources = {**(base.sources if base else {}), **info.sources}
    areas = {**(base.areas if base else {}), **info.areas}
    tips = {**(base.tips if base else {}), **info.tips}
    named = {**(base.conditions if base else {}), **own_conditions}
    checker = _Checker(_Catalogues(sources, areas, tips, named), problems)
    if base is not None:  # the core's decisive blanks hold for every rule set
        checker.adopt(base.rules if extends else tuple(r for r in base.rules if r.completeness))
    files = _rule_files(directory)
    if not files and not extends:
        problems.append(Problem(display(directory), 0, 0, "no rule files (*.yaml) in this folder"))
    for path in files:
        checker.read_file(path)
    if not problems:
        problems.extend(supersedes.check(checker.rules, checker.marks))
    if problems:
        raise InputError(problems)
    rules = tuple(checker.rules)
    return RuleSet(info.name, info.version, "", rules, sources, areas, tips, named)


@dataclass(frozen=True)
class _Catalogues:
    """What rules refer to by name: sources, areas, tips and named conditions."""

    sources: dict[str, Source]
    areas: dict[str, Area]
    tips: dict[str, str]
    conditions: dict[str, c.Cond]


class _Checker:
    """Validates rules one file at a time, collecting every problem."""

    def __init__(self, known: _Catalogues, problems: list[Problem]) -> None:
        self.known = known
        self.sources, self.areas, self.tips = known.sources, known.areas, known.tips
        self.problems = problems
        self.rules: list[LoadedRule] = []
        self.seen: dict[str, str] = {}
        self.marks: dict[str, list[supersedes.Where]] = {}

    def adopt(self, rules: tuple[LoadedRule, ...]) -> None:
        for rule in rules:
            self.rules.append(rule)
            self.seen[rule.id] = rule.origin

    def read_file(self, path: Path) -> None:
        shown = display(path)
        try:
            tree = load_file(path, shown)
        except InputError as error:
            self.problems.extend(error.problems)
            return
        if not isinstance(tree, Seq):
            self.problems.append(
                Problem(
                    shown,
                    tree.mark.line,
                    tree.mark.column,
                    "a rule file is a list of rules (`- id: ...`)",
                )
            )
            return
        for index, node in enumerate(tree.items):
            try:
                rule = validate_node(node, shown, Rule, prefix=(index,))
            except InputError as error:
                self.problems.extend(error.problems)
                continue
            self._check(rule, node, shown)

    def _problem(self, shown: str, node: Node, loc: Loc, message: str) -> None:
        mark = locate(node, loc)
        self.problems.append(Problem(shown, mark.line, mark.column, message))

    def _check(self, rule: Rule, node: Node, shown: str) -> None:
        before = len(self.problems)
        origin = f"{shown}:{node.mark.line}"

        def say(loc: Loc, text: str) -> None:
            self._problem(shown, node, loc, f"rule '{rule.id}': {text}")

        if rule.id in self.seen:
            say(("id",), f"the id is already used at {self.seen[rule.id]}; rule ids must be unique")
        self.seen.setdefault(rule.id, origin)
        self._check_names(rule, say)
        condition = self._condition(rule, say)
        examples = tuple(self._examples(node, shown))
        escalations = tuple(self._escalations(rule, node, shown, say))
        if condition is None or len(self.problems) > before:
            return
        self.marks[rule.id] = [
            (shown, mark.line, mark.column)
            for mark in (locate(node, ("supersedes", i)) for i in range(len(rule.supersedes)))
        ]
        self.rules.append(loaded_rule(rule, condition, origin, examples, escalations))

    def _check_names(self, rule: Rule, say: Say) -> None:
        """The area, source and tips a rule names, and the areas a count rule counts in."""
        if rule.area not in self.areas:
            say(("area",), f"unknown area '{rule.area}'{hint(rule.area, self.areas)}")
        if rule.cite.source not in self.sources:
            say(
                ("cite", "source"),
                f"unknown source '{rule.cite.source}'{hint(rule.cite.source, self.sources)}",
            )
        for index, tip in enumerate(rule.surfaces):
            if tip not in self.tips:
                say(("surfaces", index), f"unknown tip id '{tip}'{hint(tip, self.tips)}")
        for index, area in enumerate(rule.count.areas if rule.count else ()):
            if area not in self.areas:
                say(("count", "areas", index), f"unknown area '{area}'{hint(area, self.areas)}")

    def _condition(self, rule: Rule, say: Say) -> c.Cond | None:
        if rule.when is None:
            return NEVER
        condition = parse(rule.when, ("when",), say, self.known.conditions)
        if condition is not None:
            self._check_shape(condition, ("when",), say)
            if rule.kind == "decisive-blank" and not tests_a_blank(condition):
                say(("when",), BLANK_REQUIRED)
        return condition

    def _escalations(self, rule: Rule, node: Node, shown: str, say: Say) -> Iterator[Escalation]:
        for index, step in enumerate(rule.escalate):
            loc: Loc = ("escalate", index)
            if rule.severity is not None and not heavier(step.to, rule.severity):
                say((*loc, "to"), f"escalates to {step.to}, which is not above {rule.severity}")
            condition = parse(step.when, (*loc, "when"), say, self.known.conditions)
            if condition is not None:
                self._check_shape(condition, (*loc, "when"), say)
                examples = tuple(self._examples(locate_node(node, loc), shown))
                yield Escalation(step.to, condition, examples)

    def _check_shape(self, condition: c.Cond, loc: Loc, say: Say) -> None:
        check_negations(condition, loc, say)
        count = c.alternatives(condition)
        if count > MAX_ALTERNATIVES:
            say(
                loc,
                f"the condition has {count} alternatives once expanded (limit "
                f"{MAX_ALTERNATIVES}); split the rule",
            )

    def _examples(self, node: Node | None, shown: str) -> Iterator[Example]:
        examples = node.entries.get("examples") if isinstance(node, Mapping) else None
        if not isinstance(examples, Mapping):
            return
        for key, fires in (("fires", True), ("quiet", False)):
            listed = examples.entries.get(key)
            for index, fragment in enumerate(listed.items if isinstance(listed, Seq) else []):
                try:
                    profile = validate_tree(
                        _with_version(fragment), shown, ("examples", key, index)
                    )
                except InputError as error:
                    self.problems.extend(error.problems)
                    continue
                yield Example(
                    fires, profile, fragment, shown, fragment.mark.line, fragment.mark.column
                )


def _with_version(fragment: Node) -> Node:
    """An example is a partial profile; it gets the schema version a real file would carry."""
    if not isinstance(fragment, Mapping) or "schema_version" in fragment.entries:
        return fragment
    entries: dict[str, Node] = {"schema_version": Scalar("1", fragment.mark), **fragment.entries}
    marks = {"schema_version": fragment.mark, **fragment.key_marks}
    return Mapping(fragment.mark, entries, marks)
