"""The words for severities, shared by every place a reader meets them.

The JSON contract keeps the rule-file values (`blocker`, `major`, `minor`, `advisory`); people
read "condition" for `major`, because that is what a major finding is to a board: a condition to
meet before engaging. The catalogue, the reports, the CLI summaries and GitHub annotations all
take their words from here, so that no two of them name the same thing differently; reports
word them in their own language.
"""

from __future__ import annotations

from engine.i18n import N_, Nn_
from engine.i18n.text import _, n_

WORDS = {
    "blocker": N_("blocker"),
    "major": N_("condition"),
    "minor": N_("minor"),
    "advisory": N_("advisory"),
}
DECISIVE_BLANK = N_("decisive blank")  # a blank answer that decides the verdict
PLURALS = {
    "blocker": Nn_("%(n)d blocker", "%(n)d blockers"),
    "major": Nn_("%(n)d condition", "%(n)d conditions"),
    "minor": Nn_("%(n)d minor", "%(n)d minor"),
    "advisory": Nn_("%(n)d advisory", "%(n)d advisory"),
}


def word(severity: str) -> str:
    """The reader's word for a rule-file severity ('major' reads 'condition')."""
    return _(WORDS[severity]) if severity in WORDS else severity


def title(severity: str) -> str:
    """The word capitalised, for a heading or a table cell."""
    return word(severity).capitalize()


def counted(severity: str, count: int) -> str:
    """'1 blocker', '3 conditions', '2 minor'."""
    if severity not in PLURALS:
        return f"{count} {severity}"
    one, many = PLURALS[severity]
    return n_(one, many, count) % {"n": count}
