"""C.1 §1: what the engagement is for, and whether the team agrees on it."""

from engine.profile.models.meta import NTH_OBJECTIVES, Section, answer
from engine.profile.models.vocab import (
    Agreement,
    Date,
    Name,
    ObjectiveCategory,
    Preparation,
    Principle,
    Text,
    YesNo,
)


class Objective(Section):
    """One thing the team wants the engagement to achieve."""

    text: Text | None = answer(
        "The objective, in a sentence.", question="1.1", section=NTH_OBJECTIVES
    )
    category: ObjectiveCategory | None = answer(
        "Which kind of objective this is (the worksheet's examples, or other).",
        question="1.1",
        section=NTH_OBJECTIVES,
        primary=False,
    )
    smart: YesNo | None = answer(
        "Does it pass the SMART test (specific, measurable, owned, realistic, with a deadline)?",
        question="1.1",
        section=NTH_OBJECTIVES,
        primary=False,
        risk=(("yes",), ("unsure",), ("no",)),
    )
    measure: Text | None = answer(
        "How you will know it was achieved.", question="1.1", section=NTH_OBJECTIVES, primary=False
    )
    owner: Name | None = answer(
        "Who is responsible for it.", question="1.1", section=NTH_OBJECTIVES, primary=False
    )
    due: Date | None = answer(
        "By when (YYYY-MM-DD).", question="1.1", section=NTH_OBJECTIVES, primary=False
    )


class Objectives(Section):
    """What the planning team wants from engaging stakeholders on data and privacy."""

    preparation: list[Preparation] | None = answer(
        "How the team worked out these answers: discussion rounds, background research, "
        "informal liaison, talking with past participants.",
        question=None,
        section=NTH_OBJECTIVES,
    )
    statements: list[Objective] | None = answer(
        "What does the team want this engagement to achieve? List one or more objectives.",
        question="1.1",
        section=NTH_OBJECTIVES,
    )
    team_agreement: Agreement | None = answer(
        "Has the planning team agreed on these objectives?",
        question="1.2",
        section=NTH_OBJECTIVES,
        risk=(("agreed",), ("partly_agreed",), ("not_discussed",)),
    )
    internal_buy_in_needed: YesNo | None = answer(
        "Does the engagement itself still need buy-in inside your organisations?",
        question="1.3",
        section=NTH_OBJECTIVES,
        risk=(("no",), ("unsure",), ("yes",)),
    )
    guiding_principles: list[Principle] | None = answer(
        "Which guiding principles does the IDS hold to? They shape how you engage.",
        question="1.4",
        section=NTH_OBJECTIVES,
    )
    guiding_principles_notes: Text | None = answer(
        "The principles in your own words, especially any listed as other.",
        question="1.4",
        section=NTH_OBJECTIVES,
        primary=False,
    )
