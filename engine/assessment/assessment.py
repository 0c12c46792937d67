"""The assessment pipeline and its result: one validated profile in, one Assessment out.

The Assessment is plain data (a pydantic model) that every renderer reads; nothing here formats
text for a reader. Its JSON form is the machine contract, so field names never change within a
schema_version.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from engine import __version__
from engine.assessment import alignment, survey_summary, verdict
from engine.assessment.alignment import Alignment, analyse
from engine.assessment.survey_summary import enough_responses
from engine.errors import Problem, capped
from engine.profile.consistency import unknown_waiver_rules
from engine.profile.models import Profile
from engine.profile.positions import Node, blank_at
from engine.profile.questions import Question, answered_ids, questions
from engine.profile.validation import positioned
from engine.rules.applicability import not_applicable
from engine.rules.conditions import true_tests
from engine.rules.evaluator import DurableEvaluator
from engine.rules.fact_catalog import catalog
from engine.rules.facts import Evidence, Fact, evidence, extract
from engine.rules.rule_compiler import compile_rules
from engine.rules.ruleset import LoadedRule, RuleSet
from engine.runtime import validators

REPORT_SCHEMA_VERSION = 2


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class EvidenceItem(_Data):
    """An answer quoted back: the fact or field, its value (null when blank), and where it is."""

    fact: str
    value: Any
    line: int
    column: int


class CiteItem(_Data):
    source: str
    section: str


class FindingItem(_Data):
    """A rule that fired for this profile."""

    rule: str
    severity: Literal["blocker", "major", "minor", "advisory"]
    status: Literal["open", "waived", "expired-waiver", "superseded"]
    title: str
    area: str
    tip: str
    cite: CiteItem
    evidence: list[EvidenceItem]
    waiver: dict[str, Any] | None = None
    note: str | None = None
    superseded_by: list[str] = []  # open findings of the same cause, which count instead
    completeness: bool = False  # a critical question left blank: answering it is the only fix


class AreaItem(_Data):
    """A row of the summary table."""

    area: str
    title: str
    status: Literal["ready", "attention", "blocked", "not assessed"]
    open: dict[str, int]
    # Applicable questions of the area left blank: a "ready" area with blanks is answered only
    # in part, and reports never call it ready (the status keeps its findings-only meaning).
    unanswered: int = 0


class QuestionItem(_Data):
    """A question left blank, with where to answer it."""

    id: str
    question: str
    field: str
    critical: bool
    line: int
    column: int


class Completeness(_Data):
    answered: int
    total: int


class SourceItem(_Data):
    """A source document cited by at least one finding."""

    title: str
    publisher: str
    year: int
    section: str | None
    url: str | None
    licence: str


class Assessment(_Data):
    """The whole result for one profile."""

    schema_version: Literal[2] = 2
    profile: str
    name: str | None
    verdict: Literal["go", "conditional", "incomplete", "no-go"]
    completeness: Completeness
    findings: list[FindingItem]
    areas: list[AreaItem]
    unanswered: list[QuestionItem]
    # Follow-up questions that do not apply given the other answers, in worksheet order: neither
    # answered nor unanswered, and not counted in completeness.
    not_applicable: list[str] = Field(default_factory=list)
    alignment: Alignment | None
    unused_waivers: list[str]
    sources: dict[str, SourceItem]
    assessed_on: str
    rules_version: str
    tool_version: str

    @property
    def label(self) -> str:
        return verdict.LABELS[self.verdict]

    def open_findings(self) -> list[FindingItem]:
        return [f for f in self.findings if verdict.is_open(f.status)]


# Every model an assessment is made of, for `validators.prepare`: their validators come from the
# cache, built once (a model left out is built by pydantic when first used, as before).
MODELS: tuple[type[BaseModel], ...] = (
    EvidenceItem,
    CiteItem,
    FindingItem,
    AreaItem,
    QuestionItem,
    Completeness,
    SourceItem,
    *survey_summary.MODELS,
    *alignment.MODELS,
    Assessment,
)


@dataclass
class Assessor:
    """Assesses profiles against one compiled rule set; build once, reuse for every profile."""

    ruleset: RuleSet
    evaluator: DurableEvaluator
    today: dt.date
    use_waivers: bool = True

    @classmethod
    def build(cls, ruleset: RuleSet, today: dt.date, use_waivers: bool = True) -> Assessor:
        validators.prepare("assessment", MODELS)
        return cls(ruleset, DurableEvaluator(compile_rules(ruleset.rules)), today, use_waivers)

    def waiver_problems(self, profile: Profile, tree: Node, shown: str) -> list[Problem]:
        """Waivers naming rules the rule set lacks: a typo would otherwise waive nothing."""
        found, unlisted = unknown_waiver_rules(profile, self.ruleset.by_id())
        return capped(positioned(found, tree, shown), unlisted)

    def facts(self, profile: Profile) -> dict[str, Fact]:
        return extract(profile, self.today)

    def assess(self, profile: Profile, tree: Node, shown: str) -> Assessment:
        facts = self.facts(profile)
        rules = self.ruleset.by_id()
        fired = [rules[rule_id] for rule_id in self.evaluator.evaluate(facts)]
        waivers = {w.rule: w for w in profile.waivers or []}
        context = _Context(facts, {name: fact.value for name, fact in facts.items()}, profile, tree)
        findings = [self._finding(rule, waivers.get(rule.id), context) for rule in fired]
        findings = _fold(findings, rules)
        findings.sort(key=lambda f: verdict.SEVERITY_ORDER.index(f.severity))
        live = [f for f in findings if verdict.is_open(f.status)]
        blank = any(f.completeness for f in live)
        fired_ids = {rule.id for rule in fired}
        done, skipped = answered_ids(profile), not_applicable(context.values)
        answered_questions = [(q, q.id in done) for q in questions() if q.id not in skipped]
        answered = sum(flag for _, flag in answered_questions)
        return Assessment(
            profile=shown,
            name=profile.profile.name if profile.profile else None,
            verdict=verdict.verdict((f.severity for f in live), critical_blank=blank),
            completeness=Completeness(answered=answered, total=len(answered_questions)),
            findings=findings,
            areas=self._areas(findings, answered_questions, facts),
            unanswered=[_unanswered(q, tree) for q, flag in answered_questions if not flag],
            not_applicable=[q.id for q in questions() if q.id in skipped],
            alignment=analyse(profile, self.today, enough_responses(self.ruleset.rules)),
            unused_waivers=sorted(rule_id for rule_id in waivers if rule_id not in fired_ids),
            sources=self._sources(findings),
            assessed_on=self.today.isoformat(),
            rules_version=self.ruleset.label,
            tool_version=__version__,
        )

    def _finding(self, rule: LoadedRule, waiver: Any, context: _Context) -> FindingItem:
        decision = verdict.apply_waiver(
            rule.severity, waiver, self.today, self.use_waivers, rule.waivable
        )
        return FindingItem(
            rule=rule.id,
            severity=rule.severity,
            status=decision.status,
            title=rule.title,
            area=rule.area,
            tip=rule.tip,
            cite=CiteItem(source=rule.cite.source, section=rule.cite.section),
            evidence=_evidence(rule, context),
            waiver=waiver.model_dump(mode="json") if waiver is not None else None,
            note=decision.note,
            completeness=rule.completeness,
        )

    def _sources(self, findings: list[FindingItem]) -> dict[str, SourceItem]:
        cited = sorted({f.cite.source for f in findings})
        return {
            key: SourceItem(**dict(self.ruleset.sources[key]))  # flat: its fields as they are
            for key in cited
            if key in self.ruleset.sources
        }

    def _areas(
        self,
        findings: list[FindingItem],
        answered: list[tuple[Question, bool]],
        facts: dict[str, Fact],
    ) -> list[AreaItem]:
        # `answered` holds only the questions that apply, so a follow-up that does not apply
        # never holds an area back.
        done = {q.id for q, flag in answered if flag}
        blank = {q.id for q, flag in answered if not flag}
        rows = []
        for name, area in self.ruleset.areas.items():
            counts: Counter[str] = Counter(
                str(f.severity) for f in findings if f.area == name and verdict.is_open(f.status)
            )
            assessed = any(q in done for q in area.questions) or any(
                facts[fact].value is not None for fact in area.facts if fact in facts
            )
            rows.append(
                AreaItem(
                    area=name,
                    title=area.title,
                    status=_status(counts, assessed),
                    open={s: counts.get(s, 0) for s in verdict.SEVERITY_ORDER},
                    unanswered=sum(q in blank for q in area.questions),
                )
            )
        return rows


def _status(
    counts: Counter[str], assessed: bool
) -> Literal["ready", "attention", "blocked", "not assessed"]:
    if counts.get("blocker"):
        return "blocked"
    if counts.get("major") or counts.get("minor"):
        return "attention"
    return "ready" if assessed else "not assessed"


def _fold(findings: list[FindingItem], rules: dict[str, LoadedRule]) -> list[FindingItem]:
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
class _Context:
    """One profile's facts, their values, and where its answers are: what evidence needs."""

    facts: dict[str, Fact]
    values: dict[str, Any]
    profile: Profile
    tree: Node


def _evidence(rule: LoadedRule, context: _Context) -> list[EvidenceItem]:
    """The answers behind the tests that hold, each once, in the order the rule reads them.

    Built with `model_construct`: these come from our own facts, already typed, and there are
    many of them in a batch.
    """
    items: dict[tuple[str, int, int], EvidenceItem] = {}
    kinds = catalog()
    for test in true_tests(rule.condition, context.values):
        fact = context.facts[test.fact]
        rows = [evidence(context.profile, context.tree, loc) for loc in fact.witnesses]
        if kinds[test.fact].kind == "derived":
            first = rows[0] if rows else None
            line, column = (first.line, first.column) if first else (1, 1)
            rows.insert(0, Evidence(test.fact, _plain(fact.value), line, column))
        for row in rows:
            key = (row.fact, row.line, row.column)
            item = EvidenceItem.model_construct(
                fact=row.fact, value=_plain(row.value), line=row.line, column=row.column
            )
            items.setdefault(key, item)
    return list(items.values())


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _unanswered(question: Question, tree: Node) -> QuestionItem:
    line, column = blank_at(tree, tuple(question.anchor.split(".")))
    return QuestionItem(
        id=question.id,
        question=question.text,
        field=question.primary[0],
        critical=question.critical,
        line=line,
        column=column,
    )
