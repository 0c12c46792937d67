"""Comparing two rankings of the ten elements of trustworthy data stewardship.

The measure is Kendall's tau-b. Why tau-b rather than Spearman's rho: it reads as a share of
element pairs ("of the 45 pairs of elements, how much more often do both sides put them in the
same order than in opposite orders"), it is robust with only ten items, and tau-b corrects for
ties, which partial rankings produce.

Partial rankings: a party may rank only its top few elements (a short survey often asks for a top
three). The elements it did not list are taken as tied with each other, below every listed one.
A ranking of fewer than MIN_RANKED elements says too little to compare, and gives no measure.
Identical rankings give 1, exactly reversed full rankings give -1, and the measure is symmetric.

Ties: a stakeholder's ranking from a survey is a consensus (Borda points, `engine.survey`), and
elements with equal points are tied. Given those points, tied elements share the mean of their
places in every measure here, as unlisted ones do, so a tie the respondents left stays a tie:
tau-b counts the pair as tied, a gap is measured from the shared place, and an element is in the
top three only if its shared place is (a tie for third between two elements puts both at 3.5).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import combinations, pairwise

from engine.profile.models.vocab import ELEMENTS

MIN_RANKED = 3
BOTTOM_HALF = len(ELEMENTS) / 2
TOP = 3


Points = Mapping[str, float]  # Borda points of a consensus ranking, by element


def positions(ranking: Sequence[str], points: Points | None = None) -> dict[str, float]:
    """Rank of every element: listed ones 1, 2, ...; unlisted ones share the mean remaining rank;
    with `points`, listed elements of equal points share the mean of their places."""
    placed = {element: float(index + 1) for index, element in enumerate(ranking)}
    if points:
        _share_ties(ranking, points, placed)
    rest = [element for element in ELEMENTS if element not in placed]
    if rest:
        shared = (len(placed) + 1 + len(ELEMENTS)) / 2
        placed.update({element: shared for element in rest})
    return placed


def _share_ties(ranking: Sequence[str], points: Points, placed: dict[str, float]) -> None:
    tied: dict[float, list[str]] = {}
    for element in ranking:
        if element in points:
            tied.setdefault(points[element], []).append(element)
    for members in tied.values():
        shared = sum(placed[element] for element in members) / len(members)
        placed.update(dict.fromkeys(members, shared))


def agrees(ranking: Sequence[str], points: Points) -> bool:
    """Whether `points` give every listed element and never rank one above an element listed
    before it: points that no longer match the list (edited by hand) say nothing about it."""
    if not all(element in points for element in ranking):
        return False
    scores = [points[element] for element in ranking]
    return all(before >= after for before, after in pairwise(scores))


def tau_b(
    first: Sequence[str] | None, second: Sequence[str] | None, points: Points | None = None
) -> float | None:
    """Kendall's tau-b between two (possibly partial) rankings, or None if either is too short;
    `points` are the second ranking's, when it is a consensus with ties."""
    if first is None or second is None or min(len(first), len(second)) < MIN_RANKED:
        return None
    a, b = positions(first), positions(second, points)
    concordant = discordant = tied_a = tied_b = 0
    for x, y in combinations(ELEMENTS, 2):
        da, db = a[x] - a[y], b[x] - b[y]
        if da == 0 and db == 0:
            tied_a += 1
            tied_b += 1
        elif da == 0:
            tied_a += 1
        elif db == 0:
            tied_b += 1
        elif (da > 0) == (db > 0):
            concordant += 1
        else:
            discordant += 1
    pairs = len(ELEMENTS) * (len(ELEMENTS) - 1) // 2
    denominator = math.sqrt((pairs - tied_a) * (pairs - tied_b))
    return (concordant - discordant) / denominator if denominator else None


def gaps(
    first: Sequence[str], second: Sequence[str], points: Points | None = None
) -> dict[str, int]:
    """Rank difference for each element both rankings list, |first - second|, in whole places."""
    a, b = positions(first), positions(second, points)
    both = [e for e in ELEMENTS if e in first and e in second]
    return {element: int(abs(a[element] - b[element])) for element in both}


def neglected_priorities(
    organisation: Sequence[str], stakeholder: Sequence[str], points: Points | None = None
) -> list[str]:
    """The stakeholder's top-three elements that the organisation ranks in its bottom half."""
    org, theirs = positions(organisation), positions(stakeholder, points)
    top = [element for element in stakeholder[:3] if theirs[element] <= TOP]
    return [element for element in top if org[element] > BOTTOM_HALF]
