"""The why paragraph: the verdict's reasons in a few sentences a board reads first.

Built from our own words, rule titles and the worksheet's question texts; never from profile
text, so a renderer escapes it as rule-set prose. Worded in the language of the rendering under
way (`engine.i18n.text`): each sentence is one message, with the counts and titles put in.
"""

from __future__ import annotations

from engine.assessment.assessment import Assessment, FindingItem, QuestionItem
from engine.i18n.text import _, n_, semicolons
from engine.rules.critical import question_of


def in_sentence(title: str) -> str:
    """'A stakeholder ...' reads 'a stakeholder ...'; a word in capitals ('IDS') keeps its case."""
    word = title.split(" ", 1)[0]
    if len(word) > 1 and not word[1:2].islower():
        return title
    return title[:1].lower() + title[1:]


def _titles(findings: list[FindingItem]) -> str:
    return semicolons(in_sentence(_(f.title)) for f in findings) + "."


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
        text = n_(
            "No blocker is open, but %(n)d condition must be met before engaging: %(titles)s",
            "No blocker is open, but %(n)d conditions must be met before engaging: %(titles)s",
            n,
        )
        return [text % {"n": n, "titles": _titles(conditions)}]
    if not tips:
        return [_("No blocker and no condition is open.")]
    more = n_(
        "No blocker and no condition is open. %(n)d tip follows that can make the engagement "
        "better.",
        "No blocker and no condition is open. %(n)d tips follow that can make the engagement "
        "better.",
        tips,
    )
    return [more % {"n": tips}]


def _no_go(blockers: list[FindingItem], conditions: list[FindingItem], blanks: int) -> list[str]:
    n = len(blockers)
    first = n_("%(n)d blocker is open: %(titles)s", "%(n)d blockers are open: %(titles)s", n)
    second = n_(
        "It is a case where going ahead would ask people for effort that cannot change "
        "anything, or make promises that cannot be kept, and so cost trust instead of building "
        "it. Resolve it before engaging.",
        "Each is a case where going ahead would ask people for effort that cannot change "
        "anything, or make promises that cannot be kept, and so cost trust instead of building "
        "it. Resolve the blockers before engaging.",
        n,
    )
    sentences = [first % {"n": n, "titles": _titles(blockers)}, second]
    if conditions:
        after = n_(
            "%(n)d further condition applies after that.",
            "%(n)d further conditions apply after that.",
            len(conditions),
        )
        sentences.append(after % {"n": len(conditions)})
    if blanks:
        still = n_(
            "%(n)d blank still decides the verdict.",
            "%(n)d blanks still decide the verdict.",
            blanks,
        )
        sentences.append(still % {"n": blanks})
    return sentences


def _decisive(questions: list[FindingItem], unanswered: list[QuestionItem]) -> list[str]:
    """Each decisive blank in a few words: a question that is always critical by its number and
    text; one that other answers make decisive by its rule's title, which names both."""
    texts = {q.id: q.question for q in unanswered}
    said = []
    for finding in questions:
        blank = [question_of(e.fact) for e in finding.evidence if e.value is None]
        named = [f"{qid} ({_(texts[qid])})" for qid in dict.fromkeys(blank) if qid in texts]
        alone = all(e.value is None for e in finding.evidence)
        said.append(semicolons(named) if alone and named else in_sentence(_(finding.title)))
    return said


def _incomplete(blanks: list[str], conditions: list[FindingItem]) -> list[str]:
    n = len(blanks)
    first = n_(
        "%(n)d blank answer decides the verdict, so these answers cannot support one yet. "
        "Answer it to get one: %(blanks)s.",
        "%(n)d blank answers decide the verdict, so these answers cannot support one yet. "
        "Answer them to get one: %(blanks)s.",
        n,
    )
    if conditions:
        so_far = n_(
            "Among the answers given so far, %(n)d condition is open: %(titles)s",
            "Among the answers given so far, %(n)d conditions are open: %(titles)s",
            len(conditions),
        ) % {"n": len(conditions), "titles": _titles(conditions)}
    else:
        so_far = _("None of the answers given so far opens a blocker or a condition.")
    provisional = _("The findings below are provisional: the blank answers could add to them.")
    return [first % {"n": n, "blanks": semicolons(blanks)}, f"{so_far} {provisional}"]
