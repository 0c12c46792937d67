"""The shape of rule files (`rules/*.yaml`) and of the rule set's own `ruleset.yaml`.

Structure only; whether a rule's facts, operators and values make sense is checked against the
fact catalogue by `rule_loader`, which knows where each rule sits in its file.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from engine.printable import is_inert

SEVERITIES = ("blocker", "major", "minor", "advisory")
RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

Severity = Literal["blocker", "major", "minor", "advisory"]
Op = Literal[
    "eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "contains", "answered", "unanswered"
]


def _plain(text: str) -> str:
    """Rule-set text is read by people in reports, terminals and CI logs. A control or invisible
    character in it (a terminal escape, a bidi override that shows text reversed, a zero-width
    space) is never meant, so it is refused where it was written rather than escaped in every
    output; a line break, from a YAML block, is the one allowed."""
    if is_inert(text.replace("\n", " ")):
        return text
    bad = next(char for char in text if char != "\n" and not is_inert(char))
    raise ValueError(
        f"U+{ord(bad):04X} is a control or invisible character; rule-set text is plain text"
    )


_ADDRESS = re.compile(r"https?://[^\s<>\"'`\\|]+")


def _address(text: str) -> str:
    """A source's address is written into reports as a link, so it must be a web address and
    nothing that could end the link early or point elsewhere (`javascript:`)."""
    if _ADDRESS.fullmatch(text) and is_inert(text):
        return text
    raise ValueError(
        f"'{text}' is not an http:// or https:// address; write it in full, without spaces, "
        "quotes, backslashes or angle brackets"
    )


Words = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(_plain)]
Address = Annotated[str, Field(max_length=2000), AfterValidator(_address)]
OPS: tuple[str, ...] = get_args(Op)  # the operators a rule may write, in documentation order


class _Strict(BaseModel):
    # Built on first use: an assessment from the cached rule set validates no rule file, so the
    # validators of Rule, Examples and RuleSetInfo are never needed there.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Condition(_Strict):
    """`all:` / `any:` / `not:` of conditions, a test `{fact, op, value}`, or `use:` of a
    condition named in `ruleset.yaml` (so that one threshold is written once for every rule)."""

    all: list[Condition] | None = Field(default=None, min_length=1)
    any: list[Condition] | None = Field(default=None, min_length=1)
    not_: Condition | None = Field(default=None, alias="not")
    use: Annotated[str, Field(pattern=RULE_ID.pattern, max_length=80)] | None = None
    fact: str | None = None
    op: Op | None = None
    value: str | list[str] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = [
            self.all is not None,
            self.any is not None,
            self.not_ is not None,
            self.use is not None,
            self.fact is not None,
        ]
        if sum(forms) != 1:
            raise ValueError(
                "a condition is exactly one of `all:`, `any:`, `not:`, `use:` or `fact:` with `op:`"
            )
        if self.fact is not None and self.op is None:
            raise ValueError(f"the test on '{self.fact}' needs an `op:` ({', '.join(OPS)})")
        if self.fact is None and (self.op is not None or self.value is not None):
            raise ValueError("`op:` and `value:` belong with a `fact:`")
        return self


class Citation(_Strict):
    """Where in a source document the rule's concern comes from."""

    source: Words
    section: Words


class Examples(_Strict):
    """Small profiles on which the rule must fire, and must stay quiet."""

    fires: list[dict[str, Any]] = Field(min_length=1)
    quiet: list[dict[str, Any]] = Field(min_length=1)


class Escalation(_Strict):
    """A heavier severity for the same finding when its condition holds too (a gap that
    matters more at a larger scale): `{to: major, when: ...}`."""

    to: Severity
    when: Condition
    examples: Examples


CountSeverity = Literal["major", "minor", "advisory"]


def _minor() -> list[CountSeverity]:
    return ["minor"]


class Count(_Strict):
    """A finding raised by the others: at least `at_least` open findings of `severities` in
    `areas` (every area when none is listed). Findings folded under another, waived, decisive
    blanks and other counts are not counted."""

    at_least: int = Field(ge=2, le=100)
    severities: list[CountSeverity] = Field(default_factory=_minor, min_length=1)
    areas: list[Words] = Field(default_factory=list)


Kind = Literal["finding", "decisive-blank", "count"]


class Rule(_Strict):
    """One rule. A `finding` rule raises a finding when `when` holds. A `decisive-blank` rule
    says when leaving a question blank decides the verdict: its `when` tests the blank (and the
    answers that make it decisive), and while it holds the verdict is INCOMPLETE. A `count` rule
    raises a finding when other findings add up (`count:`)."""

    id: Annotated[str, Field(pattern=RULE_ID.pattern, max_length=80)]
    kind: Kind = "finding"
    title: Words
    area: Words
    severity: Severity | None = None
    when: Condition | None = None
    count: Count | None = None
    escalate: list[Escalation] = Field(default_factory=list, max_length=3)
    tip: Words
    lift: Words | None = None
    cite: Citation
    surfaces: list[str] = Field(default_factory=list)
    supersedes: list[Annotated[str, Field(pattern=RULE_ID.pattern, max_length=80)]] = Field(
        default_factory=list, max_length=50
    )
    examples: Examples | None = None

    @model_validator(mode="after")
    def _fits_its_kind(self) -> Rule:
        problem = _kind_problem(self)
        if problem:
            raise ValueError(problem)
        return self


def _kind_problem(rule: Rule) -> str | None:
    """What a rule of its kind lacks or must not have; None when it fits."""
    if rule.kind == "decisive-blank" and rule.severity is not None:
        return "a decisive-blank rule has no `severity`: while it holds, the verdict is INCOMPLETE"
    if rule.kind != "decisive-blank" and rule.severity is None:
        return "`severity` is required (blocker, major, minor or advisory)"
    if (rule.kind == "count") != (rule.count is not None):
        return "`count:` goes with `kind: count`, and a count rule needs it"
    if (rule.kind == "count") == (rule.when is not None):
        return "a count rule has `count:` instead of `when:`; every other rule needs `when:`"
    if rule.severity == "blocker" and rule.lift is None:
        return "a blocker needs `lift:`: the answer that would lift it, since it cannot be waived"
    if rule.escalate and rule.kind != "finding":
        return "only a finding rule can `escalate`"
    return None


class Source(_Strict):
    """A source document rules may cite."""

    title: Words
    publisher: Words
    year: int
    section: Words | None = None
    url: Address | None = None
    licence: Words


class Area(_Strict):
    """A worksheet area: a row of the report's summary table.

    The area counts as assessed once any of its questions, or any of its facts, is answered.
    """

    title: Words
    questions: list[str] = Field(default_factory=list)
    facts: list[str] = Field(default_factory=list)


class RuleSetInfo(_Strict):
    """`ruleset.yaml`: the rule set's name and version, and the catalogues rules refer to."""

    name: Words
    version: Words
    extends: Literal["core"] | None = None
    conditions: dict[str, Condition] = Field(default_factory=dict)
    sources: dict[str, Source] = Field(default_factory=dict)
    areas: dict[str, Area] = Field(default_factory=dict)
    tips: dict[str, Words] = Field(default_factory=dict)
