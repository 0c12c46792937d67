"""The one chart the HTML report draws: each stakeholder's order of the ten elements beside yours.

The trust table lists the elements in your order, so a reader sees their rank only as a column of
numbers. A slope chart sets the two orders side by side as two ranked lists joined by one line per
element: a list the table cannot show (theirs, in order) and the shape of the disagreement (lines
crossing into an X when one side puts first what the other puts last). Everything else the table
already says in words, so nothing else is charted.

Only geometry is computed here; the template draws it, so that its autoescaping covers every label.
Colours are fixed by meaning in the stylesheet, not by position: a line for an element ranked
`LARGE_GAP` or more places apart is thick and red (the same elements the text names), others thin
and grey, so the meaning survives without colour too.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.render.view.model import StakeholderView

ROW = 22  # px between ranks
TOP = 34  # room for the two column headings
LABEL = 270  # px for an element's title and rank on each side
MIDDLE = 140  # px the lines run across
WIDTH = 2 * LABEL + MIDDLE


@dataclass(frozen=True)
class Label:
    """One element's title at its rank on one side."""

    y: int
    rank: int
    title: str
    large: bool
    tied: str = ""  # "=" after a rank the survey's consensus ties with others


@dataclass(frozen=True)
class Line:
    """One element's rank on your side joined to its rank on theirs."""

    y1: int
    y2: int
    title: str
    large: bool


@dataclass(frozen=True)
class SlopeChart:
    width: int
    height: int
    left: int  # x where the lines start
    right: int  # x where they end
    yours: list[Label]
    theirs: list[Label]
    lines: list[Line]


def _y(rank: int) -> int:
    return TOP + (rank - 1) * ROW + ROW // 2


def _their_slots(stakeholder: StakeholderView) -> dict[str, int]:
    """Each element's row on their side: its rank, except that tied elements (equal places in a
    survey's consensus) take the rows after it, in title order, so no label covers another."""
    ranked = sorted(
        (e for e in stakeholder.elements if e.stakeholder_rank),
        key=lambda e: (e.stakeholder_rank or 0, e.title),
    )
    return {e.title: slot for slot, e in enumerate(ranked, start=1)}


def slope_chart(stakeholder: StakeholderView) -> SlopeChart | None:
    """The chart for one stakeholder, or None when fewer than two elements are ranked by both
    sides (a line or none says nothing the table does not)."""
    large = set(stakeholder.large_gaps)
    slots = _their_slots(stakeholder)
    yours, theirs, lines = [], [], []
    for e in stakeholder.elements:
        gap = e.title in large
        if e.organisation_rank:
            yours.append(Label(_y(e.organisation_rank), e.organisation_rank, e.title, gap))
        if e.stakeholder_rank:
            tied = "=" if e.stakeholder_tied else ""
            theirs.append(Label(_y(slots[e.title]), e.stakeholder_rank, e.title, gap, tied))
        if e.organisation_rank and e.stakeholder_rank:
            y1, y2 = _y(e.organisation_rank), _y(slots[e.title])
            lines.append(Line(y1, y2, e.title, gap))
    if len(lines) < 2:
        return None
    ranks = [label.rank for label in yours] + list(slots.values())
    # Thin lines first, so that the thick ones that carry the meaning are drawn on top.
    lines.sort(key=lambda line: line.large)
    return SlopeChart(
        width=WIDTH,
        height=TOP + max(ranks) * ROW + 4,
        left=LABEL,
        right=LABEL + MIDDLE,
        yours=sorted(yours, key=lambda label: label.rank),
        theirs=sorted(theirs, key=lambda label: label.y),
        lines=lines,
    )
