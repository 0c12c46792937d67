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
    """`all:` / `any:` / `not:` of conditions, or a test `{fact, op, value}`."""

    all: list[Condition] | None = Field(default=None, min_length=1)
    any: list[Condition] | None = Field(default=None, min_length=1)
    not_: Condition | None = Field(default=None, alias="not")
    fact: str | None = None
    op: Op | None = None
    value: str | list[str] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        forms = [
            self.all is not None,
            self.any is not None,
            self.not_ is not None,
            self.fact is not None,
        ]
        if sum(forms) != 1:
            raise ValueError(
                "a condition is exactly one of `all:`, `any:`, `not:` or `fact:` with `op:`"
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


class Rule(_Strict):
    """One rule: when its condition holds for a profile, it raises a finding."""

    id: Annotated[str, Field(pattern=RULE_ID.pattern, max_length=80)]
    title: Words
    area: Words
    severity: Severity
    when: Condition
    tip: Words
    cite: Citation
    surfaces: list[str] = Field(default_factory=list)
    supersedes: list[Annotated[str, Field(pattern=RULE_ID.pattern, max_length=80)]] = Field(
        default_factory=list, max_length=50
    )
    examples: Examples | None = None


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
    sources: dict[str, Source] = Field(default_factory=dict)
    areas: dict[str, Area] = Field(default_factory=dict)
    tips: dict[str, Words] = Field(default_factory=dict)
