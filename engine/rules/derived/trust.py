"""Derived facts about stakeholder trust (ODI Activity 6): rankings, feedback and next steps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from engine.profile.models.trust import ElementFeedback, NextStep, Relationship
from engine.profile.models.vocab import ELEMENTS
from engine.rules import ranking
from engine.rules.derived.base import (
    UNANSWERED,
    Context,
    Item,
    Loc,
    Result,
    any_of,
    count_of,
    derived,
    dig,
    is_in,
)
from engine.rules.derived.relationships import (
    RELATIONSHIPS,
    comparable,
    organisation_ranking,
    ranking_loc,
    relationships,
    stakeholder_points,
)

FOUNDATIONS = ("legal_compliance", "privacy_security")
OPEN_STATUSES = ("planned", "in_progress")


def _feedback(relationship: Relationship) -> list[tuple[str, ElementFeedback]]:
    if relationship.feedback is None:
        return []
    return [(e, f) for e in ELEMENTS if (f := getattr(relationship.feedback, e)) is not None]


def _per_element(
    context: Context, field: str, risky: tuple[str, ...], only: tuple[str, ...] = ELEMENTS
) -> list[Item] | None:
    items_of = relationships(context)
    if items_of is None:
        return None
    items: list[Item] = []
    for index, relationship in enumerate(items_of):
        given = dict(_feedback(relationship))
        for element in only:
            # An element with no entry is unanswered for this stakeholder, not reassuring.
            feedback = given.get(element)
            value = is_in(getattr(feedback, field), risky) if feedback else None
            items.append((value, (*RELATIONSHIPS, index, "feedback", element, field)))
    return items


@derived(
    "derived.trust.lowest_rank_agreement",
    "number",
    "The lowest agreement (Kendall's tau-b, -1 to 1) between the organisation's ranking of the "
    "ten elements and a stakeholder's.",
    (
        "trust.organisation_ranking",
        "trust.relationships[*].organisation_ranking",
        "trust.relationships[*].stakeholder_ranking",
    ),
    bound="upper",
)
def lowest_rank_agreement(context: Context) -> Result:
    scored = []
    for index, relationship in enumerate(relationships(context) or []):
        tau = ranking.tau_b(
            organisation_ranking(context, relationship),
            relationship.stakeholder_ranking,
            stakeholder_points(relationship),
        )
        if tau is not None:
            scored.append((tau, index))
    if not scored:
        return UNANSWERED
    tau, index = min(scored)
    return Result(
        round(tau, 4),
        ((*RELATIONSHIPS, index, "stakeholder_ranking"), ranking_loc(context, index)),
    )


@derived(
    "derived.trust.any_neglected_priority",
    "boolean",
    "A stakeholder's top-three element sits in the bottom half of the organisation's ranking.",
    ("trust.organisation_ranking", "trust.relationships[*].stakeholder_ranking"),
)
def any_neglected_priority(context: Context) -> Result:
    return _per_ranking(
        context,
        lambda org, theirs, points: bool(ranking.neglected_priorities(org, theirs, points)),
    )


RankingTest = Callable[[list[str], list[str], ranking.Points | None], bool]


def _per_ranking(context: Context, test: RankingTest) -> Result:
    """Kleene OR of a test on each relationship's pair of rankings (unknown when too short)."""
    items_of = relationships(context)
    if items_of is None:
        return UNANSWERED
    items: list[Item] = []
    for index, relationship in enumerate(items_of):
        org = organisation_ranking(context, relationship)
        theirs = relationship.stakeholder_ranking
        value = None
        if org is not None and theirs is not None and comparable(org, theirs):
            value = test(org, list(theirs), stakeholder_points(relationship))
        items.append((value, (*RELATIONSHIPS, index, "stakeholder_ranking")))
    return any_of(items)


@derived(
    "derived.trust.any_large_rank_gap",
    "boolean",
    "Some element is ranked three or more places apart by the organisation and a stakeholder.",
    ("trust.organisation_ranking", "trust.relationships[*].stakeholder_ranking"),
)
def any_large_rank_gap(context: Context) -> Result:
    return _per_ranking(
        context,
        lambda org, theirs, points: any(g >= 3 for g in ranking.gaps(org, theirs, points).values()),
    )


@derived(
    "derived.trust.shared_neglected_priorities",
    "integer",
    "How many elements two or more stakeholders rank in their top three while the organisation "
    "ranks them in its bottom half.",
    ("trust.organisation_ranking", "trust.relationships[*].stakeholder_ranking"),
    bound="lower",
)
def shared_neglected_priorities(context: Context) -> Result:
    org = dig(context.profile, "trust", "organisation_ranking")
    items_of = relationships(context)
    if org is None or items_of is None or len(org) < ranking.MIN_RANKED:
        return UNANSWERED
    neglected = {
        index: set(
            ranking.neglected_priorities(
                org, relationship.stakeholder_ranking, stakeholder_points(relationship)
            )
        )
        for index, relationship in enumerate(items_of)
        if relationship.stakeholder_ranking
    }
    votes = Counter(element for found in neglected.values() for element in found)
    shared = {element for element, count in votes.items() if count >= 2}
    where = [
        (*RELATIONSHIPS, i, "stakeholder_ranking")
        for i, found in neglected.items()
        if found & shared
    ]
    return Result(len(shared), (("trust", "organisation_ranking"), *where) if shared else ())


@derived(
    "derived.trust.any_trust_not_improved",
    "boolean",
    "Some stakeholder does not feel better able to trust you after seeing your evidence.",
    ("trust.relationships[*].trust_improved",),
)
def any_trust_not_improved(context: Context) -> Result:
    items_of = relationships(context)
    if items_of is None:
        return UNANSWERED
    return any_of(
        (is_in(r.trust_improved, ("no",)), (*RELATIONSHIPS, i, "trust_improved"))
        for i, r in enumerate(items_of)
    )


@derived(
    "derived.trust.any_expectations_unmet",
    "boolean",
    "In some element, the steps you take do not meet a stakeholder's expectations.",
    ("trust.relationships[*].feedback.*.expectations_met",),
)
def any_expectations_unmet(context: Context) -> Result:
    return any_of(_per_element(context, "expectations_met", ("no",)))


@derived(
    "derived.trust.any_low_trust",
    "boolean",
    "In some element, a stakeholder reports low or no trust.",
    ("trust.relationships[*].feedback.*.trust",),
)
def any_low_trust(context: Context) -> Result:
    return any_of(_per_element(context, "trust", ("none", "low")))


@derived(
    "derived.trust.low_trust_in_foundations",
    "boolean",
    "A stakeholder reports low or no trust in legal compliance or in privacy and security, the "
    "foundations of trustworthy data stewardship.",
    (
        "trust.relationships[*].feedback.legal_compliance.trust",
        "trust.relationships[*].feedback.privacy_security.trust",
    ),
)
def low_trust_in_foundations(context: Context) -> Result:
    return any_of(_per_element(context, "trust", ("none", "low"), FOUNDATIONS))


def _concerns(relationship: Relationship) -> list[tuple[str, str]]:
    """(element, field) pairs where the stakeholder reports low trust or unmet expectations."""
    found = []
    for element, feedback in _feedback(relationship):
        if feedback.trust in ("none", "low"):
            found.append((element, "trust"))
        elif feedback.expectations_met == "no":
            found.append((element, "expectations_met"))
    return found


@derived(
    "derived.trust.unaddressed_concerns",
    "integer",
    "How many elements with low trust or unmet expectations have no next step agreed for them.",
    ("trust.relationships[*].feedback", "trust.relationships[*].next_steps[*].element"),
    bound="lower",
)
def unaddressed_concerns(context: Context) -> Result:
    items_of = relationships(context)
    if items_of is None:
        return UNANSWERED
    witnesses: list[Loc] = []
    for index, relationship in enumerate(items_of):
        steps = relationship.next_steps
        if steps is None or any(step.element is None for step in steps):
            continue
        covered = {step.element for step in steps}
        witnesses.extend(
            (*RELATIONSHIPS, index, "feedback", element, field)
            for element, field in _concerns(relationship)
            if element not in covered
        )
    return Result(len(witnesses), tuple(witnesses))


def _steps(context: Context) -> list[tuple[Loc, NextStep]] | None:
    items_of = relationships(context)
    if items_of is None:
        return None
    return [
        ((*RELATIONSHIPS, i, "next_steps", j), step)
        for i, relationship in enumerate(items_of)
        for j, step in enumerate(relationship.next_steps or [])
    ]


@derived(
    "derived.trust.steps_missing_action_or_timeframe",
    "integer",
    "How many next steps do not say what will be done or by when.",
    (
        "trust.relationships[*].next_steps[*].action",
        "trust.relationships[*].next_steps[*].timeframe",
    ),
    bound="lower",
    about_blanks=True,
)
def steps_missing_action_or_timeframe(context: Context) -> Result:
    steps = _steps(context)
    if steps is None:
        return UNANSWERED
    items: list[Item] = []
    for loc, step in steps:
        missing = [f for f in ("action", "timeframe") if getattr(step, f) is None]
        items.append((bool(missing), (*loc, missing[0]) if missing else loc))
    return count_of(items)


@derived(
    "derived.trust.steps_missing_owner",
    "integer",
    "How many next steps have nobody responsible for them.",
    ("trust.relationships[*].next_steps[*].owner",),
    bound="lower",
    about_blanks=True,
)
def steps_missing_owner(context: Context) -> Result:
    steps = _steps(context)
    if steps is None:
        return UNANSWERED
    return count_of((step.owner is None, (*loc, "owner")) for loc, step in steps)


@derived(
    "derived.trust.overdue_steps",
    "integer",
    "How many next steps are past their timeframe and neither done nor dropped.",
    (
        "trust.relationships[*].next_steps[*].timeframe",
        "trust.relationships[*].next_steps[*].status",
    ),
    bound="lower",
)
def overdue_steps(context: Context) -> Result:
    steps = _steps(context)
    if steps is None:
        return UNANSWERED
    items: list[Item] = []
    for loc, step in steps:
        due, status = step.timeframe, step.status
        late = due is not None and status in OPEN_STATUSES and due < context.today
        items.append((late, (*loc, "timeframe")))
    return count_of(items)


@derived(
    "derived.trust.any_self_check_misaligned",
    "boolean",
    "You judge your practice in some relationship misaligned with your own ranking (Y2) or with "
    "the hierarchy of trustworthy data stewardship (Y3).",
    (
        "trust.relationships[*].ranking_matches_practice",
        "trust.relationships[*].practice_matches_hierarchy",
    ),
)
def any_self_check_misaligned(context: Context) -> Result:
    items_of = relationships(context)
    if items_of is None:
        return UNANSWERED
    items: list[Item] = []
    for index, relationship in enumerate(items_of):
        for field in ("ranking_matches_practice", "practice_matches_hierarchy"):
            items.append(
                (
                    is_in(getattr(relationship, field), ("misaligned",)),
                    (*RELATIONSHIPS, index, field),
                )
            )
    return any_of(items)


@derived(
    "derived.trust.foundations_undocumented",
    "boolean",
    "The worksheet documents steps for some elements but not for legal compliance or for privacy "
    "and security.",
    ("trust.practices.*.steps",),
    about_blanks=True,
)
def foundations_undocumented(context: Context) -> Result:
    practices = dig(context.profile, "trust", "practices")
    if practices is None:
        return UNANSWERED
    documented = {e for e in ELEMENTS if dig(practices, e, "steps") is not None}
    if not documented:
        return UNANSWERED
    missing = [e for e in FOUNDATIONS if e not in documented]
    return Result(bool(missing), tuple(("trust", "practices", e) for e in missing))


@derived(
    "derived.trust.any_no_response",
    "boolean",
    "Some stakeholder you sent your worksheet to has not responded.",
    ("trust.relationships[*].response_received",),
)
def any_no_response(context: Context) -> Result:
    items_of = relationships(context)
    if items_of is None:
        return UNANSWERED
    return any_of(
        (is_in(r.response_received, ("no",)), (*RELATIONSHIPS, i, "response_received"))
        for i, r in enumerate(items_of)
    )
