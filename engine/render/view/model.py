"""The report as a reader meets it, in reading order, for any renderer (Markdown, HTML).

Everything here is already worded (counts in words, severities in the reader's vocabulary, answers
as written, citations short) but NOT escaped: each renderer escapes for its own syntax. Text comes
from three places, and a renderer escapes each kind as it must:
- profile text (the name, answers, stakeholder names, waiver reasons): `EvidenceRow.answer`,
  `ReportView.name`, `StakeholderView.name`, next steps, `WaiverView.reason`/`approved_by`;
- rule-set text (titles, tips, area titles, citations, sources);
- our own words (the why paragraph, which also quotes rule titles and question texts, never
  profile text).
Anchors and links are safe by construction: anchors match `[a-z0-9-]+`, links are percent-encoded
and start with a validated http(s) base.

Each view is a NamedTuple rather than a frozen dataclass: both are immutable records, but these
sixteen classes are made at every cold start of `assess`, and before Python 3.13 a frozen
dataclass compiles six generated methods apiece (10 ms for this module, against 3 ms).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

TodoKind = Literal["blocker", "question", "condition"]


class Citation(NamedTuple):
    """A source and section: `short` in the body, the full document once in the appendix."""

    source: str  # the rule set's key, e.g. "nothing-to-hide"
    document: str  # short name: "Nothing to Hide"
    section: str  # "C.1 §3 Resources: capacity for change"

    @property
    def short(self) -> str:
        return f"{self.document}, {self.section}"


class EvidenceRow(NamedTuple):
    """One answer behind a finding: the question in short form and the answer as written.

    A derived fact (a combination of answers) has `derived` set: `question` is then a sentence
    saying what the answers add up to, and `answer` its value in words (empty for a plain yes).
    `path`, `line` and `column` locate the answer for links; they are never shown as text.
    """

    question: str
    question_id: str | None  # the worksheet number, e.g. "3.9"
    about: str | None  # whose answer, e.g. "stakeholder group 2", "Ethics and transparency"
    answer: str
    blank: bool  # `answer` is "not answered", or (derived) the fact counts blank answers
    derived: bool
    path: str
    line: int
    column: int
    link: str | None  # base URL + profile path + #L<line>, when --link-base was given


class FoldedView(NamedTuple):
    """A weaker finding of the same cause, counted once under the stronger one."""

    rule: str
    title: str
    severity_word: str


class WaiverView(NamedTuple):
    """A waiver the profile holds for a finding: accepted, or expired and so open again."""

    reason: str
    approved_by: str | None
    expires: str | None


class FindingView(NamedTuple):
    """One finding as the detail sections show it."""

    rule: str
    anchor: str  # the id the what-to-do list links to
    title: str
    severity: str  # the JSON value: blocker, major, minor, advisory
    severity_word: str  # the reader's word: blocker, condition, minor, advisory, critical question
    status: str
    completeness: bool
    area: str
    area_title: str
    tip: str
    citation: Citation
    evidence: list[EvidenceRow]
    note: str | None  # why a waiver does not apply, when it does not
    folded: list[FoldedView]
    waiver: WaiverView | None = None
    lift: str | None = None  # a blocker's: the answer that would lift it (rule-set text)


class TodoItem(NamedTuple):
    """One line of "What to do before engaging", in fix-first order."""

    number: int
    kind: TodoKind
    text: str  # a finding's title, or a critical question's text
    area_title: str
    anchor: str
    kind_word: str = ""  # the reader's word for `kind`


class AreaLine(NamedTuple):
    """A worksheet area: what is open in it, in words, and how far it is answered."""

    area: str
    title: str
    status: str  # the JSON status: ready, attention, blocked, not assessed
    counts: list[str]  # ["2 blockers", "1 condition"]: non-zero open counts, severity order
    unanswered: int  # applicable questions of the area left blank
    wording: str  # "ready", "answered in part", "needs attention", "blocked", "not answered yet"
    ready: bool  # nothing open above advisory and nothing blank: the only areas called ready


class QuestionView(NamedTuple):
    """A question left blank (applicable ones only; follow-ups that do not apply are apart)."""

    id: str
    text: str
    critical: bool
    path: str
    line: int
    column: int
    anchor: str
    link: str | None


class ElementView(NamedTuple):
    """One of the ten elements in a stakeholder's table."""

    title: str
    organisation_rank: int | None
    stakeholder_rank: int | None
    gap: int | None
    trust: str | None  # vocabulary words, spaces for underscores
    expectations_met: str | None
    next_step: str | None  # profile text
    concern: bool
    stakeholder_tied: bool = False  # a tie in a survey's consensus ranking: shown as "4="
    next_step_lang: str | None = None  # the step's language when it is not the report's


class StepView(NamedTuple):
    """An agreed next step (ODI Column E); blanks stay None so a renderer can mark them."""

    element: str | None  # element title
    action: str | None  # profile text
    owner: str | None  # profile text
    timeframe: str | None
    overdue: bool
    status: str | None
    action_lang: str | None = None  # the action's language when it is not the report's


class SpreadView(NamedTuple):
    """How respondents answered about one element where they disagree: counts only."""

    title: str  # element title
    trust: str  # "high 2, low 1"; "" when none answered
    expectations_met: str
    split: bool  # some trust you here and some do not


class SurveyView(NamedTuple):
    """A surveyed stakeholder in numbers (never a respondent's own answers)."""

    responses: int | None
    ranked_by: int | None
    collected_on: str | None
    enough_from: int | None  # the rule set's threshold
    too_few: bool
    better_able_to_trust: str  # "yes 2, somewhat 1"; "" when not recorded
    disagreements: list[SpreadView]


class StakeholderView(NamedTuple):
    name: str  # profile text
    agreement: str  # "strong", "opposed", ...
    tau: float | None
    trust_improved: str | None
    large_gaps: list[str]  # element titles
    concerns: list[str]
    neglected_priorities: list[str]
    concerns_without_step: list[str]
    elements: list[ElementView]
    next_steps: list[StepView]
    survey: SurveyView | None = None
    steps_note: str | None = None  # says steps are shown untranslated, when some are


class AlignmentView(NamedTuple):
    stakeholders: list[StakeholderView]
    shared_neglected: list[str]  # element titles
    least_agreement: list[str]
    least_agreement_mean_gap: float | None


class SourceView(NamedTuple):
    """A source cited in full, once, in the appendix."""

    key: str
    document: str  # the short name used in the body
    title: str
    publisher: str
    year: int
    section: str | None
    licence: str
    url: str | None


class ReportView(NamedTuple):
    """The whole report, section by section in reading order (design.md, Report 1-8)."""

    # 1. Title, verdict, why
    lang: str  # the language the report is worded in (BCP 47), for <html lang>
    name: str  # the profile's name, or its file name
    profile: str  # the path as given
    verdict: str  # go, conditional, incomplete, no-go
    label: str  # GO, GO WITH CONDITIONS, INCOMPLETE, NO-GO
    answered: int
    total: int
    unanswered_count: int
    assessed_on: str
    why: list[str]  # sentences of one paragraph: our words and rule-set titles only
    # 2. What to do before engaging
    todo: list[TodoItem]
    # 3. Areas
    attention: list[AreaLine]
    ready: list[AreaLine]
    # 4. Detail
    blockers: list[FindingView]
    questions: list[FindingView]  # completeness findings: critical questions left blank
    conditions: list[FindingView]
    # 5. Alignment
    alignment: AlignmentView | None
    # 6. Tips and waivers
    tips: list[FindingView]  # minor, then advisory
    waived: list[FindingView]
    expired: list[FindingView]
    unused_waivers: list[str]  # rule ids
    # 7. Unanswered
    unanswered: list[QuestionView]
    not_applicable: list[str]  # question ids
    # 8. Appendix
    sources: list[SourceView]
    rules_version: str
    tool_version: str
    schema_version: int
    counts: dict[str, int]  # open findings by JSON severity
