"""The words for severities, shared by every place a reader meets them.

The JSON contract keeps the rule-file values (`blocker`, `major`, `minor`, `advisory`); people
read "condition" for `major`, because that is what a major finding is to a board: a condition to
meet before engaging. The catalogue, the reports, the CLI summaries and GitHub annotations all
take their words from here, so that no two of them name the same thing differently.
"""

from __future__ import annotations

WORDS = {"blocker": "blocker", "major": "condition", "minor": "minor", "advisory": "advisory"}
PLURALS = {"blocker": "blockers", "major": "conditions", "minor": "minor", "advisory": "advisory"}
DECISIVE_BLANK = "decisive blank"  # a blank answer that decides the verdict


def word(severity: str) -> str:
    """The reader's word for a rule-file severity ('major' reads 'condition')."""
    return WORDS.get(severity, severity)


def title(severity: str) -> str:
    """The word capitalised, for a heading or a table cell."""
    return word(severity).capitalize()


def counted(severity: str, count: int) -> str:
    """'1 blocker', '3 conditions', '2 minor'."""
    return f"{count} {word(severity) if count == 1 else PLURALS.get(severity, severity)}"
