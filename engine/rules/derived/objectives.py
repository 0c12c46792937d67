"""Derived facts about the objectives (C.1 §1)."""

from __future__ import annotations

from engine.rules.derived.base import UNANSWERED, Context, Result, any_of, derived, dig, is_in


@derived(
    "derived.objectives.any_not_smart",
    "boolean",
    "At least one objective is known not to be written SMART.",
    ("objectives.statements[*].smart",),
)
def any_not_smart(context: Context) -> Result:
    statements = dig(context.profile, "objectives", "statements")
    if statements is None:
        return UNANSWERED
    return any_of(
        (is_in(item.smart, ("no",)), ("objectives", "statements", index, "smart"))
        for index, item in enumerate(statements)
    )
