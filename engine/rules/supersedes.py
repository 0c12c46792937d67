"""`supersedes:` checked when a rule set loads: one cause, one finding.

A rule may say that when it fires, some other rule's finding is a consequence of the same cause
(fixing the one fixes the other). The report then folds the weaker finding under the stronger and
counts it once. Three things could make that wrong, and each stops the rule set from loading:
- a name that is not a rule, since the relation would silently do nothing;
- a rule superseding one that can be more severe than itself (escalated at scale, too), since a
  riskier answer could then make the stronger finding disappear under a weaker one;
- a cycle, since each finding would hide the other and neither would be counted;
and decisive blanks are never superseded: a blank that decides the verdict is cleared only by
answering it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from engine.errors import Problem
from engine.profile.suggestions import hint
from engine.rules.ruleset import LoadedRule

SEVERITY_RANK = {"blocker": 0, "major": 1, "minor": 2, "advisory": 3}
Where = tuple[str, int, int]  # file as shown, line, column of one `supersedes` entry


def check(rules: Sequence[LoadedRule], marks: Mapping[str, Sequence[Where]]) -> list[Problem]:
    """Every problem with the `supersedes` lists of the rules that have `marks` (this load's)."""
    by_id = {rule.id: rule for rule in rules}
    problems = [
        Problem(*where, f"rule '{rule.id}': {message}")
        for rule in rules
        for where, message in _entries(rule, by_id, marks.get(rule.id, ()))
    ]
    if not problems:
        problems.extend(_cycles(rules, marks))
    return problems


def _entries(
    rule: LoadedRule, by_id: Mapping[str, LoadedRule], marks: Sequence[Where]
) -> Iterator[tuple[Where, str]]:
    seen: set[str] = set()
    for target, where in zip(rule.supersedes, marks, strict=False):
        message = _entry_problem(rule, target, by_id, seen)
        seen.add(target)
        if message is not None:
            yield where, message


def _entry_problem(
    rule: LoadedRule, target: str, by_id: Mapping[str, LoadedRule], seen: set[str]
) -> str | None:
    if target in seen:
        return f"supersedes '{target}' twice; list it once"
    if target == rule.id:
        return "a rule cannot supersede itself"
    if target not in by_id:
        return f"supersedes unknown rule '{target}'{hint(target, by_id)}"
    if by_id[target].completeness:
        return (
            f"'{target}' is a decisive blank; it cannot be superseded, because a blank that "
            "decides the verdict is cleared only by answering it"
        )
    weaker = by_id[target].heaviest  # at its heaviest, escalations included
    if SEVERITY_RANK[rule.severity] > SEVERITY_RANK[weaker]:
        return (
            f"a {rule.severity} cannot supersede '{target}', a {weaker}: a riskier answer "
            "could then hide a more severe finding"
        )
    return None


def _cycles(rules: Sequence[LoadedRule], marks: Mapping[str, Sequence[Where]]) -> list[Problem]:
    """One problem per cycle, at the entry that closes it (found by an iterative search)."""
    edges = {rule.id: rule.supersedes for rule in rules}
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    problems = []
    for start in sorted(edges):
        for source, index, path in _walk(start, edges, state):
            cycle = " -> ".join([*path, path[0]])
            where = marks.get(source, [("", 0, 0)] * (index + 1))[index]
            problems.append(
                Problem(*where, f"rule '{source}': supersedes forms a cycle ({cycle}); break it")
            )
    return problems


def _walk(
    start: str, edges: Mapping[str, Iterable[str]], state: dict[str, int]
) -> Iterator[tuple[str, int, list[str]]]:
    """(rule, index of its entry, cycle) for every back edge reachable from `start`."""
    if state.get(start):
        return
    path = [start]
    stack = [iter(enumerate(edges.get(start, ())))]
    state[start] = 1
    while stack:
        step = next(stack[-1], None)
        if step is None:
            state[path.pop()] = 2
            stack.pop()
            continue
        index, target = step
        if state.get(target) == 1:
            yield path[-1], index, path[path.index(target) :]
        elif not state.get(target):
            state[target] = 1
            path.append(target)
            stack.append(iter(enumerate(edges.get(target, ()))))
