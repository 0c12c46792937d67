"""`ruleset.yaml`: a rule set's name, version and catalogues, checked before any rule is read.

A custom set shares the core catalogues of sources, areas and tips, which core rules cite and
every report counts by. It may add entries, and may repeat a core entry unchanged (a copy of the
core file is a natural start), but changing one would silently rewrite what core findings cite or
where they are counted, so that is an error where it is written. Catalogue keys are shown in
reports as they are, so they must be identifiers; an area's questions and facts must exist, or
the area could never count as assessed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from engine.errors import InputError, Problem
from engine.profile.loader import load_file
from engine.profile.positions import Loc, Mapping, Node, dotted, locate
from engine.profile.questions import questions
from engine.profile.suggestions import hint
from engine.profile.validation import validate_node
from engine.rules import conditions as c
from engine.rules.condition_parser import parse
from engine.rules.fact_catalog import catalog
from engine.rules.rule_model import RULE_ID, RuleSetInfo
from engine.rules.ruleset import RuleSet

META = "ruleset.yaml"
KEY = re.compile(r"[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*")
CATALOGUES = {"sources": "source", "areas": "area", "tips": "tip"}


def display(path: Path) -> str:
    """A path as the user would type it from here."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


Named = dict[str, c.Cond]


def read_info(
    directory: Path, base: RuleSet | None, problems: list[Problem]
) -> tuple[RuleSetInfo, Named]:
    """The folder's ruleset.yaml, validated, and its named conditions parsed; problems are
    added to `problems`."""
    path = directory / META
    shown = display(path)
    if not path.exists():
        if base is None:
            problems.append(Problem(shown, 0, 0, "the rule set has no ruleset.yaml"))
        return RuleSetInfo(name=directory.name, version="unversioned"), {}
    try:
        tree = load_file(path, shown)
    except InputError as error:
        problems.extend(error.problems)
        return RuleSetInfo(name=directory.name, version="invalid"), {}
    problems.extend(_key_problems(tree, shown))
    try:
        info = validate_node(tree, shown, RuleSetInfo)
    except InputError as error:
        problems.extend(error.problems)
        return RuleSetInfo(name=directory.name, version="invalid"), {}
    problems.extend(_area_problems(info, tree, shown))
    if base is not None:
        problems.extend(_core_problems(info, base, tree, shown))
    return info, _conditions(info, base, tree, shown, problems)


def _ignore(loc: Loc, text: str) -> None:
    """A restated core condition that does not parse is simply not the core's."""


def _conditions(
    info: RuleSetInfo, base: RuleSet | None, tree: Node, shown: str, problems: list[Problem]
) -> Named:
    """The named conditions, each parsed once; a custom set's may use the core's."""
    inherited = dict(base.conditions) if base else {}
    found: Named = {}
    for name, written in info.conditions.items():
        if name in inherited and parse(written, (), _ignore, inherited) == inherited[name]:
            continue  # a core condition restated unchanged (a copy of the core file)
        clash = name in inherited or not RULE_ID.fullmatch(name)
        if clash:
            mark = locate(tree, ("conditions", name), key=True)
            message = (
                f"conditions: '{name}' is a core condition; restate it unchanged, or use a new name"
                if name in inherited
                else f"conditions: '{name}' is not a name `use:` can take (kebab-case)"
            )
            problems.append(Problem(shown, mark.line, mark.column, message))
            continue

        def say(loc: Loc, text: str, name: str = name) -> None:
            mark = locate(tree, ("conditions", name, *loc))
            problems.append(Problem(shown, mark.line, mark.column, f"conditions: '{name}': {text}"))

        parsed = parse(written, (), say, inherited)
        if parsed is not None:
            found[name] = parsed
    return found


def _key_problems(tree: Node, shown: str) -> list[Problem]:
    found = []
    for kind in CATALOGUES:
        entries = tree.entries.get(kind) if isinstance(tree, Mapping) else None
        for key, mark in entries.key_marks.items() if isinstance(entries, Mapping) else ():
            if not KEY.fullmatch(key):
                message = f"{kind}: '{key}' is not a key: use letters, digits, and . - _ between"
                found.append(Problem(shown, mark.line, mark.column, message))
    return found


def _area_problems(info: RuleSetInfo, tree: Node, shown: str) -> list[Problem]:
    known = {"questions": {question.id for question in questions()}, "facts": set(catalog())}
    found = []
    for name, area in info.areas.items():
        for field, allowed in known.items():
            for index, item in enumerate(getattr(area, field)):
                if item not in allowed:
                    loc = ("areas", name, field, index)
                    mark = locate(tree, loc)
                    message = f"{dotted(loc)}: unknown {field[:-1]} '{item}'{hint(item, allowed)}"
                    found.append(Problem(shown, mark.line, mark.column, message))
    return found


def _core_problems(info: RuleSetInfo, base: RuleSet, tree: Node, shown: str) -> list[Problem]:
    found = []
    for kind, singular in CATALOGUES.items():
        core: dict[str, object] = getattr(base, kind)
        for key, entry in getattr(info, kind).items():
            if key in core and core[key] != entry:
                mark = locate(tree, (kind, key), key=True)
                message = (
                    f"{kind}: '{key}' is a core {singular}; a custom rule set may add {kind} "
                    "but not change the core's (use a new key, or remove this entry)"
                )
                found.append(Problem(shown, mark.line, mark.column, message))
    return found
