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
class LoadedRule:
    """A rule ready to compile: typed condition, and where it was written."""

    id: str
    title: str
    area: str
    severity: str
    tip: str
    cite: Citation
    condition: c.Cond
    origin: str
    surfaces: tuple[str, ...] = ()
    examples: tuple[Example, ...] = field(default=(), compare=False)
    supersedes: tuple[str, ...] = ()
    completeness: bool = False  # the completeness policy: a critical question left blank

    @property
    def waivable(self) -> bool:
        """A blank critical question is cleared by answering it, never by a waiver."""
        return not self.completeness

    @property
    def facts(self) -> tuple[str, ...]:
        return c.facts_in(self.condition)


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

    @property
    def label(self) -> str:
        return f"{self.name} {self.version} (sha256:{self.digest[:12]})"

    def by_id(self) -> dict[str, LoadedRule]:
        return {rule.id: rule for rule in self.rules}
