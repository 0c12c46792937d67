"""A loaded rule set: rules with typed conditions, and the catalogues they refer to.

Kept apart from the loader so that the completeness policy and the compiler can use these types
without importing the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.profile.models import Profile
from engine.profile.positions import Node
from engine.rules import conditions as c
from engine.rules.rule_model import Area, Citation, Source


@dataclass(frozen=True)
class Example:
    """An example profile from a rule file, and whether the rule must fire on it."""

    fires: bool
    profile: Profile
    tree: Node
    source: str
    line: int
    column: int


@dataclass(frozen=True)
class Escalation:
    """A heavier severity for a finding when `condition` holds too (the rule's own and this)."""

    severity: str
    condition: c.Cond
    examples: tuple[Example, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class CountSpec:
    """What a count rule counts: open findings of `severities` in `areas` (empty: all)."""

    at_least: int
    severities: tuple[str, ...]
    areas: tuple[str, ...] = ()


NEVER = c.AnyOf(())  # the condition of a count rule, which is decided on findings, not facts


@dataclass(frozen=True)
class LoadedRule:
    """A rule ready to compile: typed condition, and where it was written."""

    id: str
    title: str
    area: str
    severity: str  # a decisive blank is a "major" that makes the verdict INCOMPLETE
    tip: str
    cite: Citation
    condition: c.Cond
    origin: str
    surfaces: tuple[str, ...] = ()
    examples: tuple[Example, ...] = field(default=(), compare=False)
    supersedes: tuple[str, ...] = ()
    kind: str = "finding"  # finding | decisive-blank | count
    escalations: tuple[Escalation, ...] = ()
    count: CountSpec | None = None
    lift: str | None = None  # a blocker's: the answer that would lift it

    @property
    def completeness(self) -> bool:
        """A blank that decides the verdict: the finding makes it INCOMPLETE."""
        return self.kind == "decisive-blank"

    @property
    def waivable(self) -> bool:
        """A decisive blank is cleared by answering it, and a blocker by changing what makes
        engaging pointless; neither by a waiver."""
        return not self.completeness and self.severity != "blocker"

    @property
    def on_facts(self) -> bool:
        """Decided on the profile's facts by the rule engine (a count is decided on findings)."""
        return self.count is None

    @property
    def facts(self) -> tuple[str, ...]:
        return c.facts_in(self.condition)

    @property
    def heaviest(self) -> str:
        """The most severe the finding can be, escalations included."""
        order = ("blocker", "major", "minor", "advisory")
        return min((self.severity, *(e.severity for e in self.escalations)), key=order.index)


@dataclass(frozen=True)
class RuleSet:
    """Everything an assessment needs from the rules."""

    name: str
    version: str
    digest: str
    rules: tuple[LoadedRule, ...]
    sources: dict[str, Source]
    areas: dict[str, Area]
    tips: dict[str, str]
    conditions: dict[str, c.Cond] = field(default_factory=dict)  # named in ruleset.yaml

    @property
    def label(self) -> str:
        return f"{self.name} {self.version} (sha256:{self.digest[:12]})"

    def by_id(self) -> dict[str, LoadedRule]:
        return {rule.id: rule for rule in self.rules}
