"""Findings as the assessment makes them: the evidence behind each, and one cause counted once.

Evidence quotes the answers behind the tests that hold, with where they are in the file, so a
reader can check every finding against the profile; folding marks a finding that another open
finding of the same cause supersedes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from engine.assessment import verdict
from engine.assessment.result import EvidenceItem, FindingItem
from engine.profile.models import Profile
from engine.profile.positions import Node
from engine.rules import conditions as c
from engine.rules.conditions import true_tests
from engine.rules.fact_catalog import catalog
from engine.rules.facts import Evidence, Fact, evidence
from engine.rules.ruleset import LoadedRule


def fold(findings: list[FindingItem], rules: dict[str, LoadedRule]) -> list[FindingItem]:
    """Mark findings another open finding supersedes, so that one cause counts once.

    The rule's `supersedes` says the two can share a cause; the answers say whether they do
    here: the weaker folds only when every answer behind it is also behind the stronger. An
    unfunded interpretation line is then one finding, while an unfunded venue beside it still
    counts on its own. Only an open superseder folds: when the stronger finding is waived, the
    weaker stands alone, since the board accepted the stronger risk, not all that follows it.
    """
    live = {f.rule: f for f in findings if verdict.is_open(f.status)}
    by: dict[str, list[str]] = {}
    for stronger in live.values():
        for target in rules[stronger.rule].supersedes:
            weaker = live.get(target)
            if weaker is not None and _answers(weaker) <= _answers(stronger):
                by.setdefault(target, []).append(stronger.rule)
    return [
        f.model_copy(update={"status": verdict.SUPERSEDED, "superseded_by": by[f.rule]})
        if by.get(f.rule)
        else f
        for f in findings
    ]


def _answers(finding: FindingItem) -> set[str]:
    """The answers behind a finding (derived facts stand for answers already listed)."""
    kinds = catalog()
    return {
        e.fact for e in finding.evidence if e.fact not in kinds or kinds[e.fact].kind != "derived"
    }


@dataclass(frozen=True)
class Context:
    """One profile's facts, their values, and where its answers are: what evidence needs."""

    facts: dict[str, Fact]
    values: dict[str, Any]
    profile: Profile
    tree: Node


def evidence_for(condition: c.Cond, context: Context) -> list[EvidenceItem]:
    """The answers behind the tests that hold, each once, in the order the rule reads them.

    Built with `model_construct`: these come from our own facts, already typed, and there are
    many of them in a batch.
    """
    items: dict[tuple[str, int, int], EvidenceItem] = {}
    kinds = catalog()
    for test in true_tests(condition, context.values):
        fact = context.facts[test.fact]
        rows = [evidence(context.profile, context.tree, loc) for loc in fact.witnesses]
        if kinds[test.fact].kind == "derived":
            first = rows[0] if rows else None
            line, column = (first.line, first.column) if first else (1, 1)
            rows.insert(0, Evidence(test.fact, _plain(fact.value), line, column))
        for row in rows:
            key = (row.fact, row.line, row.column)
            item = EvidenceItem.model_construct(
                fact=row.fact,
                value=_plain(row.value),
                line=row.line,
                column=row.column,
                items=item_names(context.profile, row.fact),
            )
            items.setdefault(key, item)
    return list(items.values())


# What each list's entries are called in the profile, so that a reader meets "Mesa Verde
# Tenants' Association" rather than "group 2" (the file location stays with the line number).
NAMED_BY = {
    "stakeholders": "name",
    "activities": "name",
    "concurrent_engagements": "organiser",
    "relationships": "stakeholder",
    "statements": "text",
    "next_steps": "action",
    "antagonisms": "between",
    "alignments": "between",
    "waivers": "rule",
}
MAX_NAME = 80
_INDEX = re.compile(r"([A-Za-z_]+)\[(\d+)\]")


def item_names(profile: Profile, path: str) -> list[str | None] | None:
    """The names of the list entries an answer sits in, outermost first (None for an entry
    without a name); None when the answer is in no list."""
    if "[" not in path:
        return None
    current: Any = profile
    names: list[str | None] = []
    for part in path.split("."):
        match = _INDEX.fullmatch(part)
        current = getattr(current, match[1] if match else part, None)
        if match is None or current is None:
            continue
        entries: list[Any] = current
        current = entries[int(match[2])] if int(match[2]) < len(entries) else None
        names.append(_name(current, match[1]))
    return names or None


def _name(entry: Any, listed_in: str) -> str | None:
    value = getattr(entry, NAMED_BY.get(listed_in, "name"), None)
    if isinstance(value, list):
        value = " and ".join(str(v) for v in value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = " ".join(value.split())
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1].rstrip() + "…"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
