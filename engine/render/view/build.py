"""An Assessment turned into the report's view: what a reader meets, in the order they meet it.

The what-to-do list is in fix-first order: blockers first (while one is open, nothing else makes
the engagement worth having); then the critical questions left blank (an answer could add a
blocker, so the rest of the plan may change); then the conditions. Within each group the order is
the worksheet's, area by area as the rule set lists them (objectives, environment, resources,
trust) and rule by rule within an area: later parts of the worksheet build on earlier answers.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from engine.assessment import vocabulary
from engine.assessment.assessment import Assessment, FindingItem, QuestionItem, SourceItem
from engine.assessment.verdict import SEVERITY_ORDER, is_open
from engine.i18n import N_
from engine.i18n.text import _, current, date, p_
from engine.render.view import sentences
from engine.render.view.alignment import alignment_view
from engine.render.view.evidence import link, row
from engine.render.view.model import (
    AreaLine,
    Citation,
    FindingView,
    FoldedView,
    QuestionView,
    ReportView,
    SourceView,
    TodoItem,
    WaiverView,
)

_UNSAFE_ANCHOR = re.compile(r"[^a-z0-9-]+")


def anchor(prefix: str, key: str) -> str:
    """An id safe in any renderer, whatever a custom rule set names its rules."""
    return f"{prefix}-{_UNSAFE_ANCHOR.sub('-', key.lower()).strip('-')}"


def document(key: str, sources: dict[str, SourceItem]) -> str:
    """A source's short name: its title before the subtitle or the parenthesis."""
    source = sources.get(key)
    if source is None:
        return key
    return re.split(r":|\s\(", source.title.strip(), maxsplit=1)[0].strip() or key


class _Builder:
    def __init__(self, a: Assessment, area_titles: dict[str, str], base: str | None) -> None:
        self.a, self.titles, self.base = a, area_titles, base
        self.order = {name: index for index, name in enumerate(area_titles)}
        self.by_rule = {f.rule: f for f in a.findings}

    def finding(self, f: FindingItem) -> FindingView:
        waiver = f.waiver or {}
        return FindingView(
            rule=f.rule,
            anchor=anchor("finding", f.rule),
            title=_(f.title),
            severity=f.severity,
            severity_word=_(vocabulary.DECISIVE_BLANK)
            if f.completeness
            else vocabulary.word(f.severity),
            status=f.status,
            completeness=f.completeness,
            area=f.area,
            area_title=_(self.titles.get(f.area, f.area)),
            tip=_(f.tip),
            citation=Citation(
                f.cite.source, document(f.cite.source, self.a.sources), _(f.cite.section)
            ),
            evidence=[row(e, self.base, self.a.profile) for e in f.evidence],
            note=_note(f.note),
            folded=[self._folded(g) for g in self._under(f.rule)],
            waiver=WaiverView(
                str(waiver.get("reason") or ""),
                waiver.get("approved_by"),
                date(waiver["expires"]) if waiver.get("expires") else None,
            )
            if f.waiver
            else None,
            lift=_(f.lift) if f.lift else None,
        )

    def _folded(self, g: FindingItem) -> FoldedView:
        return FoldedView(g.rule, _(g.title), vocabulary.word(g.severity))

    def _under(self, rule: str) -> list[FindingItem]:
        """Superseded findings shown under `rule`: each once, under a finding a reader sees."""
        return [f for f in self.a.findings if f.superseded_by and self._top(f) == rule]

    def _top(self, f: FindingItem) -> str:
        seen = {f.rule}
        while f.superseded_by and f.superseded_by[0] in self.by_rule:
            f = self.by_rule[f.superseded_by[0]]
            if f.rule in seen:
                break
            seen.add(f.rule)
        return f.rule

    def worksheet_order(self, findings: list[FindingItem]) -> list[FindingItem]:
        index = {f.rule: i for i, f in enumerate(self.a.findings)}
        return sorted(findings, key=lambda f: (self.order.get(f.area, 99), index[f.rule]))

    def question(self, q: QuestionItem) -> QuestionView:
        where = link(self.base, self.a.profile, q.line)
        return QuestionView(
            q.id,
            _(q.question),
            q.critical,
            q.field,
            q.line,
            q.column,
            anchor("question", q.id),
            where,
        )

    def area_lines(self) -> list[AreaLine]:
        lines = []
        # A blank critical question counts as a major in JSON; here it is a blank, not a
        # condition, and the area's unanswered count already says so.
        live = [f for f in self.a.findings if is_open(f.status) and not f.completeness]
        for item in self.a.areas:
            mine: list[str] = [f.severity for f in live if f.area == item.area]
            counts = [vocabulary.counted(s, n) for s in SEVERITY_ORDER if (n := mine.count(s))]
            blank = item.unanswered
            ready = item.status == "ready" and not blank
            lines.append(
                AreaLine(
                    item.area,
                    _(item.title),
                    item.status,
                    counts,
                    blank,
                    _wording(item.status, blank),
                    ready,
                )
            )
        return lines


def _wording(status: str, blank: int) -> str:
    if status == "blocked":
        return _("blocked")
    if status == "attention":
        return _("needs attention")
    if status == "not assessed":
        return _("not answered yet")
    return _("answered in part") if blank else _("ready")


def _source(key: str, source: SourceItem, sources: dict[str, SourceItem]) -> SourceView:
    return SourceView(
        key,
        document(key, sources),
        source.title.strip(),
        source.publisher,
        source.year,
        _(source.section) if source.section else None,
        _(source.licence),
        source.url,
    )


def build_view(
    assessment: Assessment, area_titles: dict[str, str], link_base: str | None = None
) -> ReportView:
    """The report's view of one assessment; `link_base` makes each answer link to its line."""
    a, b = assessment, _Builder(assessment, area_titles, link_base)
    live = [f for f in a.findings if is_open(f.status)]
    blockers = b.worksheet_order([f for f in live if f.severity == "blocker"])
    questions = b.worksheet_order([f for f in live if f.completeness])
    conditions = b.worksheet_order(
        [f for f in live if f.severity == "major" and not f.completeness]
    )
    tips = [f for s in ("minor", "advisory") for f in live if f.severity == s]
    views = {f.rule: b.finding(f) for f in [*blockers, *questions, *conditions, *tips]}
    lines = b.area_lines()
    return ReportView(
        lang=current(),
        name=a.name or PurePath(a.profile).name,
        profile=a.profile,
        verdict=a.verdict,
        label=p_("verdict", a.label),
        answered=a.completeness.answered,
        total=a.completeness.total,
        unanswered_count=len(a.unanswered),
        assessed_on=date(a.assessed_on),
        why=sentences.why(a, blockers, questions, conditions, len(tips)),
        todo=_todo(
            [views[f.rule] for f in blockers],
            [views[f.rule] for f in questions],
            [views[f.rule] for f in conditions],
        ),
        attention=[line for line in lines if not line.ready],
        ready=[line for line in lines if line.ready],
        blockers=[views[f.rule] for f in blockers],
        questions=[views[f.rule] for f in questions],
        conditions=[views[f.rule] for f in conditions],
        alignment=alignment_view(a.alignment),
        tips=[views[f.rule] for f in tips],
        waived=[b.finding(f) for f in a.findings if f.status == "waived"],
        expired=[b.finding(f) for f in a.findings if f.status == "expired-waiver"],
        unused_waivers=list(a.unused_waivers),
        unanswered=[b.question(q) for q in a.unanswered],
        not_applicable=list(a.not_applicable),
        sources=[_source(k, s, a.sources) for k, s in a.sources.items()],
        rules_version=a.rules_version,
        tool_version=a.tool_version,
        schema_version=a.schema_version,
        counts={
            s: sum(f.severity == s and not f.completeness for f in live) for s in SEVERITY_ORDER
        },
    )


def _todo(
    blockers: list[FindingView], questions: list[FindingView], conditions: list[FindingView]
) -> list[TodoItem]:
    items: list[TodoItem] = []
    for kind, group in (("blocker", blockers), ("question", questions), ("condition", conditions)):
        for f in group:
            text = _to_answer(f) if kind == "question" else f.title
            number = len(items) + 1
            items.append(TodoItem(number, kind, text, f.area_title, f.anchor, _(KIND_WORDS[kind])))  # type: ignore[arg-type]
    return items


def _to_answer(f: FindingView) -> str:
    """A blank critical question as the thing to do: answer it, by number and text."""
    asked = next((r for r in f.evidence if r.question_id and r.blank), None)
    if asked is None:
        return f.title
    return _("Answer %(id)s: %(question)s") % {"id": asked.question_id, "question": asked.question}


KIND_WORDS = {
    "blocker": N_("blocker"),
    "question": N_("decisive blank"),
    "condition": N_("condition"),
}
# What a waiver's note says, as `verdict.apply_waiver` words it in the JSON, matched back to one
# message each so that a report in another language words it whole (its dates put back in).
NOTES = (
    (
        re.compile(r"a blocker cannot be waived: (?P<lift>.+)"),
        N_("a blocker cannot be waived: %(lift)s"),
    ),
    (re.compile(r"the waiver expired on (?P<date>\S+)"), N_("the waiver expired on %(date)s")),
    (
        re.compile(r"a waiver needs `expires`, at most (?P<days>\d+) days ahead \((?P<date>\S+)\)"),
        N_("a waiver needs `expires`, at most %(days)s days ahead (%(date)s)"),
    ),
    (
        re.compile(
            r"a waiver lasts at most (?P<days>\d+) days; this one runs to (?P<end>\S+): set "
            r"`expires` on or before (?P<date>\S+)"
        ),
        N_(
            "a waiver lasts at most %(days)s days; this one runs to %(end)s: set `expires` on or "
            "before %(date)s"
        ),
    ),
)
PLAIN_NOTES = (
    N_("a waiver exists but --no-waivers is set"),
    N_("a blank that decides the verdict cannot be waived; answer it"),
    N_("a blocker cannot be waived"),
)


def _note(note: str | None) -> str | None:
    """A waiver's note in the reader's language."""
    if note is None:
        return None
    for pattern, message in NOTES:
        found = pattern.fullmatch(note)
        if found:
            parts = found.groupdict()
            if "lift" in parts:
                parts["lift"] = _(parts["lift"])
            return _(message) % parts
    return _(note)
