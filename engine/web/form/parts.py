"""The questionnaire in parts: one page for each section of the worksheet.

Why these parts. The worksheet divides itself, and the report's areas (`rules/ruleset.yaml`)
follow the same lines, so a planner who reads "Budget needs attention" finds a page called
Budget: C.1 §1 objectives; §2 environment in three (previous and other engagements 2.1-2.5,
stakeholders 2.6-2.10, issue sensitivity 2.11-2.14); §3 resources in four (timeline 3.1-3.7,
staff 3.8-3.12, budget 3.13-3.19, capacity for change 3.20-3.23); ODI's trust activity in two
(the organisation's own ranking and practices, then each stakeholder's feedback). Before them
comes what the assessment is about, after them the waivers. Each is a few phone screens; the
worksheet's §2 or §3 as one page was ten or more.

Every check across answers that validation makes (the groups named in a pair, the two
durations, a rule waived twice, a survey's counts) compares answers inside one part, so saving
one part never makes another part wrong.

A part owns form names by prefix, the longest prefix winning: a field added to the models is in
the part of its section without a change here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from engine.i18n import N_
from engine.profile.questions import questions
from engine.web.form.model import AnyNode, Field, Form, Group, ListField, Node, walk


@dataclass(frozen=True)
class Part:
    """One page of the editor: its address (`slug`), its heading, the names it holds. The heading
    is the English message (`N_`): the page translates it where it shows it."""

    slug: str
    title: str
    owns: tuple[str, ...]


PARTS: tuple[Part, ...] = (
    Part("about", N_("About this assessment"), ("profile",)),
    Part("objectives", N_("Objectives"), ("objectives",)),
    Part("engagements", N_("Previous and other engagements"), ("environment",)),
    Part(
        "stakeholders",
        N_("Stakeholders"),
        (
            "environment.stakeholders",
            "environment.antagonisms",
            "environment.conflict_plan",
            "environment.alignments",
        ),
    ),
    Part(
        "sensitivity",
        N_("Issue sensitivity"),
        ("environment.sensitivity", "environment.acknowledgement_plan"),
    ),
    Part("timeline", N_("Timeline"), ("resources",)),
    Part("staff", N_("Staff"), ("resources.staff",)),
    Part("budget", N_("Budget"), ("resources.budget",)),
    Part("capacity", N_("Capacity for change"), ("resources.capacity_for_change",)),
    Part("practices", N_("Trust: your ranking and practices"), ("trust",)),
    Part("feedback", N_("Trust: what stakeholders say"), ("trust.relationships",)),
    Part("waivers", N_("Waivers"), ("waivers",)),
)
FIRST = PARTS[0]


def find(slug: str) -> Part | None:
    """The part at an address, or None."""
    return next((part for part in PARTS if part.slug == slug), None)


def owner(name: str) -> Part | None:
    """The part a form name (`environment.stakeholders.0.name`) belongs to, if any."""
    best: tuple[int, Part] | None = None
    for part in PARTS:
        for prefix in part.owns:
            if (name == prefix or name.startswith(prefix + ".")) and (
                best is None or len(prefix) > best[0]
            ):
                best = (len(prefix), part)
    return best[1] if best else None


def neighbours(part: Part) -> tuple[Part | None, Part | None]:
    """The parts before and after `part`."""
    index = PARTS.index(part)
    before = PARTS[index - 1] if index else None
    return before, PARTS[index + 1] if index + 1 < len(PARTS) else None


def nodes_in(form: Form, part: Part) -> list[AnyNode]:
    """The part's questions, in worksheet order: the children of sections it owns."""
    return [
        child for section in form.sections for child in section.children
        if owner(child.name) == part
    ]  # fmt: skip


@dataclass(frozen=True)
class Progress:
    """How many of a part's questions have an answer."""

    answered: int
    total: int


def progress(form: Form, part: Part) -> Progress:
    """The part's worksheet questions counted as the report counts them (a follow-up that does
    not apply is not asked), and its answers that no question number carries (the
    assessment's name, a ranking, a practice) one each."""
    numbered = [
        q.id for q in questions() if owner(q.anchor) == part and q.id not in form.skipped
    ]  # fmt: skip
    others = [n for child in nodes_in(form, part) for n in _unnumbered(child)]
    answered = sum(q in form.answered_ids for q in numbered) + sum(n.answered for n in others)
    return Progress(answered, len(numbered) + len(others))


def _unnumbered(node: Node) -> Iterator[Node]:
    """The answers below `node` no worksheet question counts: its own fields and rankings; not
    lists (their entries' questions are counted, and a list of extras is optional)."""
    if node.question is not None or isinstance(node, ListField):
        return
    if isinstance(node, Group) and not node.positions:
        for child in node.children:
            yield from _unnumbered(child)
    elif isinstance(node, (Field, Group)):
        yield node


def source(form: Form, part: Part) -> str:
    """The worksheet section the part's questions come from (its first question's)."""
    outline = (n for child in nodes_in(form, part) for n in walk(child, templates=True))
    return next((node.source for node in outline if node.leads and node.source), "")
