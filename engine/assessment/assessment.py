"""The assessment pipeline: one validated profile in, one Assessment (`result`) out."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

from engine import __version__
from engine.assessment import judgement, verdict
from engine.assessment.alignment import analyse
from engine.assessment.findings import Context, evidence_for, fold
from engine.assessment.result import (
    MODELS,
    REPORT_SCHEMA_VERSION,
    AreaItem,
    Assessment,
    CiteItem,
    Completeness,
    EvidenceItem,
    FindingItem,
    QuestionItem,
    SourceItem,
)
from engine.assessment.survey_summary import enough_responses
from engine.errors import Problem, capped
from engine.profile.consistency import unknown_waiver_rules
from engine.profile.models import Profile
from engine.profile.positions import Node, blank_at
from engine.profile.questions import Question, answered_ids, questions
from engine.profile.validation import positioned
from engine.rules import conditions as c
from engine.rules.applicability import not_applicable
from engine.rules.critical import blank_questions
from engine.rules.evaluator import DurableEvaluator
from engine.rules.facts import Fact, extract
from engine.rules.rule_compiler import compile_rules
from engine.rules.ruleset import LoadedRule, RuleSet
from engine.runtime import validators

__all__ = [  # the result's models, where the renderers have always found them
    "MODELS",
    "REPORT_SCHEMA_VERSION",
    "AreaItem",
    "Assessment",
    "Assessor",
    "CiteItem",
    "Completeness",
    "EvidenceItem",
    "FindingItem",
    "QuestionItem",
    "SourceItem",
]


@dataclass
class Assessor:
    """Assesses profiles against one compiled rule set; build once, reuse for every profile."""

    ruleset: RuleSet
    evaluator: DurableEvaluator
    today: dt.date
    use_waivers: bool = True
    enough_from: int | None = None  # the survey threshold the rules set, read once

    @classmethod
    def build(cls, ruleset: RuleSet, today: dt.date, use_waivers: bool = True) -> Assessor:
        validators.prepare("assessment", MODELS)
        on_facts = [rule for rule in ruleset.rules if rule.on_facts]
        compiled = compile_rules([*on_facts, *judgement.shadows(on_facts)])
        evaluator = DurableEvaluator(compiled)
        return cls(ruleset, evaluator, today, use_waivers, enough_responses(ruleset.rules))

    def waiver_problems(self, profile: Profile, tree: Node, shown: str) -> list[Problem]:
        """Waivers naming rules the rule set lacks: a typo would otherwise waive nothing."""
        found, unlisted = unknown_waiver_rules(profile, self.ruleset.by_id())
        return capped(positioned(found, tree, shown), unlisted)

    def facts(self, profile: Profile) -> dict[str, Fact]:
        return extract(profile, self.today)

    def fired(self, facts: dict[str, Fact]) -> list[str]:
        """The ids of the rules whose condition holds on these facts (counts aside)."""
        return [name for name in self.evaluator.evaluate(facts) if not judgement.is_shadow(name)]

    def assess(self, profile: Profile, tree: Node, shown: str) -> Assessment:
        facts = self.facts(profile)
        rules = self.ruleset.by_id()
        names = self.evaluator.evaluate(facts)
        heavier = judgement.escalated(names, rules)
        waivers = {w.rule: w for w in profile.waivers or []}
        context = Context(facts, {name: fact.value for name, fact in facts.items()}, profile, tree)
        findings = [
            self._finding(rules[name], waivers.get(name), context, heavier.get(name, ()))
            for name in names
            if not judgement.is_shadow(name)
        ]
        findings = fold(findings, rules)
        findings += self._counts(findings, waivers)
        findings.sort(key=lambda f: verdict.SEVERITY_ORDER.index(f.severity))
        live = [f for f in findings if verdict.is_open(f.status)]
        decisive = blank_questions(e.fact for f in live if f.completeness for e in f.evidence)
        done, skipped = answered_ids(profile), not_applicable(context.values)
        answered_questions = [(q, q.id in done) for q in questions() if q.id not in skipped]
        answered = sum(flag for _, flag in answered_questions)
        return Assessment(
            profile=shown,
            name=profile.profile.name if profile.profile else None,
            verdict=verdict.verdict(
                (f.severity for f in live), critical_blank=any(f.completeness for f in live)
            ),
            completeness=Completeness(answered=answered, total=len(answered_questions)),
            findings=findings,
            areas=self._areas(findings, answered_questions, facts),
            unanswered=[
                _unanswered(q, tree, q.id in decisive) for q, flag in answered_questions if not flag
            ],
            not_applicable=[q.id for q in questions() if q.id in skipped],
            alignment=analyse(profile, self.today, self.enough_from),
            unused_waivers=sorted(w for w in waivers if w not in {f.rule for f in findings}),
            sources=self._sources(findings),
            assessed_on=self.today.isoformat(),
            rules_version=self.ruleset.label,
            tool_version=__version__,
        )

    def _finding(
        self, rule: LoadedRule, waiver: Any, context: Context, steps: tuple[int, ...]
    ) -> FindingItem:
        """The finding of a fired rule, at the heaviest severity its escalations reach."""
        if not steps:
            return self._made(rule, rule.severity, waiver, evidence_for(rule.condition, context))
        raised = [rule.escalations[index] for index in steps]
        severity = min((rule.severity, *(s.severity for s in raised)), key=_rank)
        condition = c.AllOf((rule.condition, *(s.condition for s in raised)))
        return self._made(rule, severity, waiver, evidence_for(condition, context))

    def _made(
        self, rule: LoadedRule, severity: str, waiver: Any, evidence: list[EvidenceItem]
    ) -> FindingItem:
        waivable = rule.waivable and severity != "blocker"
        decision = verdict.apply_waiver(
            severity, waiver, self.today, self.use_waivers, waivable=waivable, lift=rule.lift
        )
        return FindingItem(
            rule=rule.id,
            severity=severity,
            status=decision.status,
            title=rule.title,
            area=rule.area,
            tip=rule.tip,
            cite=CiteItem(source=rule.cite.source, section=rule.cite.section),
            evidence=evidence,
            waiver=waiver.model_dump(mode="json") if waiver is not None else None,
            note=decision.note,
            completeness=rule.completeness,
            lift=rule.lift,
        )

    def _counts(self, findings: list[FindingItem], waivers: dict[str, Any]) -> list[FindingItem]:
        """The count rules' findings: each quotes the findings it counted, where they are."""
        made = []
        for rule in self.ruleset.rules:
            chosen = judgement.counted(rule, findings)
            if chosen:
                evidence = [_counted_row(f) for f in chosen]
                made.append(self._made(rule, rule.severity, waivers.get(rule.id), evidence))
        return made

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
            if not area.questions and not area.facts:  # an area of findings about findings
                assessed = bool(done)
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


def _rank(severity: str) -> int:
    return verdict.SEVERITY_ORDER.index(severity)


def _counted_row(finding: FindingItem) -> EvidenceItem:
    """A counted finding as evidence: its rule and title, at its first answer's place."""
    first = finding.evidence[0] if finding.evidence else None
    line, column = (first.line, first.column) if first else (1, 1)
    return EvidenceItem(
        fact=f"finding:{finding.rule}", value=finding.title, line=line, column=column
    )


def _status(
    counts: Counter[str], assessed: bool
) -> Literal["ready", "attention", "blocked", "not assessed"]:
    if counts.get("blocker"):
        return "blocked"
    if counts.get("major") or counts.get("minor"):
        return "attention"
    return "ready" if assessed else "not assessed"


def _unanswered(question: Question, tree: Node, decisive: bool) -> QuestionItem:
    line, column = blank_at(tree, tuple(question.anchor.split(".")))
    return QuestionItem(
        id=question.id,
        question=question.text,
        field=question.primary[0],
        critical=decisive,
        line=line,
        column=column,
    )
