"""The why paragraph: the verdict's reasons in a few sentences a board reads first.

Built from our own words, rule titles and the worksheet's question texts; never from profile
text, so a renderer escapes it as rule-set prose.
"""

from __future__ import annotations

from engine.assessment.assessment import Assessment, FindingItem, QuestionItem
from engine.rules.critical import question_of


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def in_sentence(title: str) -> str:
    """'A stakeholder ...' reads 'a stakeholder ...'; a word in capitals ('IDS') keeps its case."""
    word = title.split(" ", 1)[0]
    if len(word) > 1 and not word[1:2].islower():
        return title
    return title[:1].lower() + title[1:]


def _titles(findings: list[FindingItem]) -> str:
    return "; ".join(in_sentence(f.title) for f in findings) + "."


def why(
    a: Assessment,
    blockers: list[FindingItem],
    questions: list[FindingItem],
    conditions: list[FindingItem],
    tips: int,
) -> list[str]:
    """The sentences of the why paragraph, for each verdict."""
    if a.verdict == "no-go":
        return _no_go(blockers, conditions, len(questions))
    if a.verdict == "incomplete":
        return _incomplete(_decisive(questions, a.unanswered), conditions)
    if a.verdict == "conditional":
        n = len(conditions)
        return [
            f"No blocker is open, but {_count(n, 'condition', 'conditions')} must be met before "
            f"engaging: {_titles(conditions)}"
        ]
    extra = f" {_count(tips, 'tip follows', 'tips follow')} that can make the engagement better."
    return ["No blocker and no condition is open." + (extra if tips else "")]


def _no_go(blockers: list[FindingItem], conditions: list[FindingItem], blanks: int) -> list[str]:
    one = len(blockers) == 1
    after = (
        f"; {_count(len(conditions), 'further condition applies', 'further conditions apply')} "
        "after that"
        if conditions
        else ""
    )
    blank = (
        f", and {_count(blanks, 'blank still decides', 'blanks still decide')} the verdict"
        if blanks
        else ""
    )
    return [
        f"{_count(len(blockers), 'blocker is', 'blockers are')} open: {_titles(blockers)}",
        f"{'It is' if one else 'Each is'} a case where going ahead would ask people for effort "
        "that cannot change anything, or make promises that cannot be kept, and so cost trust "
        f"instead of building it. Resolve {'it' if one else 'the blockers'} before "
        f"engaging{after}{blank}.",
    ]


def _decisive(questions: list[FindingItem], unanswered: list[QuestionItem]) -> list[str]:
    """Each decisive blank in a few words: a question that is always critical by its number and
    text; one that other answers make decisive by its rule's title, which names both."""
    texts = {q.id: q.question for q in unanswered}
    said = []
    for finding in questions:
        blank = [question_of(e.fact) for e in finding.evidence if e.value is None]
        named = [f"{qid} ({texts[qid]})" for qid in dict.fromkeys(blank) if qid in texts]
        alone = all(e.value is None for e in finding.evidence)
        said.append("; ".join(named) if alone and named else in_sentence(finding.title))
    return said


def _incomplete(blanks: list[str], conditions: list[FindingItem]) -> list[str]:
    one = len(blanks) == 1
    first = (
        f"{_count(len(blanks), 'blank answer decides', 'blank answers decide')} the verdict, so "
        "these answers cannot support one yet. "
        f"Answer {'it' if one else 'them'} to get one: {'; '.join(blanks)}."
    )
    if conditions:
        so_far = (
            f"Among the answers given so far, "
            f"{_count(len(conditions), 'condition is', 'conditions are')} open: "
            f"{_titles(conditions)}"
        )
    else:
        so_far = "None of the answers given so far opens a blocker or a condition."
    return [
        first,
        so_far + " The findings below are provisional: the blank answers could add to them.",
    ]
