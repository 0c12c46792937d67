"""Kendall's tau-b between rankings of the ten elements, and the helpers built on positions.

Why properties: the rank-agreement rule fires on a threshold (tau < 0.3), so the measure must keep
the promises its module docstring makes (1 for identical, -1 for reversed, symmetric, bounded,
unlisted elements tied below listed ones) for every ranking a planner can write, not just the
examples. The hand-computed cases pin the arithmetic itself.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.profile.models.vocab import ELEMENTS
from engine.rules.ranking import (
    MIN_RANKED,
    agrees,
    gaps,
    neglected_priorities,
    positions,
    tau_b,
)

E = ELEMENTS
PAIRS = len(E) * (len(E) - 1) // 2  # 45

FULL_RANKINGS = st.permutations(E)
RANKINGS = st.tuples(FULL_RANKINGS, st.integers(MIN_RANKED, len(E))).map(lambda t: t[0][: t[1]])
SHORT_RANKINGS = st.tuples(FULL_RANKINGS, st.integers(0, MIN_RANKED - 1)).map(
    lambda t: t[0][: t[1]]
)
PARTIAL_RANKINGS = st.tuples(FULL_RANKINGS, st.integers(MIN_RANKED, len(E) - 2)).map(
    lambda t: t[0][: t[1]]
)
FEW = settings(max_examples=40, deadline=None)


def _extend(partial: list[str], rest_order: list[str]) -> list[str]:
    """A full ranking that starts with `partial`, the other elements in `rest_order`'s order."""
    return [*partial, *(e for e in rest_order if e not in partial)]


# --- the promises of the module docstring ---


@FEW
@given(RANKINGS)
def test_identical_rankings_agree_fully(ranking: list[str]) -> None:
    """Full or partial (3 to 10 listed), a ranking agrees with itself exactly."""
    assert tau_b(ranking, list(ranking)) == 1.0


@FEW
@given(FULL_RANKINGS)
def test_reversed_full_ranking_disagrees_fully(ranking: list[str]) -> None:
    assert tau_b(ranking, ranking[::-1]) == -1.0


@FEW
@given(RANKINGS, RANKINGS)
def test_symmetric(first: list[str], second: list[str]) -> None:
    assert tau_b(first, second) == tau_b(second, first)


@FEW
@given(RANKINGS, RANKINGS)
def test_bounded_and_defined(first: list[str], second: list[str]) -> None:
    """Every pair of long-enough rankings gets a measure, and it lies in [-1, 1]."""
    tau = tau_b(first, second)
    assert tau is not None
    assert -1.0 <= tau <= 1.0


@FEW
@given(RANKINGS, SHORT_RANKINGS)
def test_too_short_gives_no_measure(ranking: list[str], short: list[str]) -> None:
    """Fewer than MIN_RANKED elements say too little to compare, whichever side is short."""
    assert tau_b(ranking, short) is None
    assert tau_b(short, ranking) is None
    assert tau_b(short, short) is None


@FEW
@given(RANKINGS)
def test_missing_ranking_gives_no_measure(ranking: list[str]) -> None:
    assert tau_b(ranking, None) is None
    assert tau_b(None, ranking) is None
    assert tau_b(None, None) is None


def test_same_top_three_agree_fully() -> None:
    """Two short surveys naming the same top three, in the same order, agree fully."""
    assert tau_b([E[4], E[1], E[7]], (E[4], E[1], E[7])) == 1.0


@FEW
@given(PARTIAL_RANKINGS, FULL_RANKINGS, FULL_RANKINGS)
def test_order_among_unlisted_does_not_matter(
    partial: list[str], one: list[str], other: list[str]
) -> None:
    """Unlisted elements are tied, so how the other side orders them among themselves is moot."""
    first, second = _extend(partial, one), _extend(partial, other)
    assert tau_b(partial, first) == tau_b(partial, second)


@FEW
@given(PARTIAL_RANKINGS, FULL_RANKINGS)
def test_extension_scores_as_ties_allow(partial: list[str], order: list[str]) -> None:
    """A full ranking that extends a partial one is short of 1 only by the partial one's ties.

    Its k listed elements leave C(10 - k, 2) tied pairs; every other pair is concordant, so
    tau-b = (45 - ties) / sqrt((45 - ties) * 45) = sqrt((45 - ties) / 45).
    """
    ties = math.comb(len(E) - len(partial), 2)
    expected = math.sqrt((PAIRS - ties) / PAIRS)
    assert tau_b(partial, _extend(partial, order)) == pytest.approx(expected)
    assert expected < 1.0


@FEW
@given(PARTIAL_RANKINGS, FULL_RANKINGS, st.data())
def test_unlisted_sit_below_listed(
    partial: list[str], order: list[str], data: st.DataObject
) -> None:
    """Raising an element the partial ranking left out above its listed ones lowers agreement."""
    full = _extend(partial, order)
    unlisted = data.draw(st.sampled_from(full[len(partial) :]))
    raised = [unlisted, *(e for e in full if e != unlisted)]
    before, after = tau_b(partial, full), tau_b(partial, raised)
    assert before is not None
    assert after is not None
    assert after < before


@FEW
@given(FULL_RANKINGS)
def test_nine_listed_say_as_much_as_ten(ranking: list[str]) -> None:
    """With nine listed, the tenth has only one place left: the partial ranking is the full one."""
    assert positions(ranking[:9]) == positions(ranking)
    assert tau_b(ranking[:9], ranking) == 1.0


# --- hand-computed cases ---


def test_four_listed_reversed() -> None:
    """Partial rankings reversed still agree that the listed four beat the other six.

    a = [e0, e1, e2, e3], b = [e3, e2, e1, e0]; the six unlisted share rank (4 + 1 + 10) / 2 = 7.5
    on both sides.
      - the 6 pairs among the listed four: every one in opposite orders, 6 discordant;
      - the 4 * 6 = 24 listed-unlisted pairs: listed first on both sides, 24 concordant;
      - the C(6, 2) = 15 unlisted pairs: tied on both sides (tied_a = tied_b = 15).
    tau-b = (24 - 6) / sqrt((45 - 15) * (45 - 15)) = 18 / 30 = 0.6
    """
    assert tau_b(list(E[:4]), list(E[3::-1])) == pytest.approx(0.6)


def test_top_three_swapped() -> None:
    """a = [e0, e1, e2], b = [e1, e0, e2]; the seven unlisted share rank 7 on both sides.

    Listed pairs: (e0, e1) discordant, (e0, e2) and (e1, e2) concordant; 3 * 7 = 21 listed-unlisted
    pairs concordant; C(7, 2) = 21 unlisted pairs tied on both sides.
    tau-b = (2 + 21 - 1) / sqrt((45 - 21) * (45 - 21)) = 22 / 24
    """
    assert tau_b(list(E[:3]), [E[1], E[0], E[2]]) == pytest.approx(22 / 24)


def test_full_against_its_top_three() -> None:
    """The top three of a full ranking: 45 - 21 = 24 untied pairs, all concordant.

    tau-b = 24 / sqrt(24 * 45) = sqrt(24 / 45), about 0.73, below 1 for the 21 ties alone.
    """
    assert tau_b(list(E), list(E[:3])) == pytest.approx(math.sqrt(24 / 45))


def test_one_swap_in_a_full_ranking() -> None:
    """Swapping two neighbours makes 1 of 45 pairs discordant: (44 - 1) / 45."""
    swapped = [E[1], E[0], *E[2:]]
    assert tau_b(list(E), swapped) == pytest.approx(43 / 45)


def test_positions_of_a_partial_ranking() -> None:
    """Three listed take 1, 2, 3; the other seven share ranks 4..10, whose mean is 7."""
    placed = positions([E[5], E[2], E[8]])
    assert placed == {
        **{e: 7.0 for e in E},
        E[5]: 1.0,
        E[2]: 2.0,
        E[8]: 3.0,
    }


def test_positions_of_a_full_and_an_empty_ranking() -> None:
    assert positions(list(E[::-1])) == {e: float(10 - i) for i, e in enumerate(E)}
    assert positions([]) == {e: 5.5 for e in E}  # mean of 1..10


def test_gaps_only_for_elements_both_list() -> None:
    """e0 is 1st and 2nd (gap 1); e3 is 4th and 1st (gap 3); e9 is listed by one side only."""
    assert gaps(list(E[:4]), [E[3], E[0], E[9]]) == {E[0]: 1, E[3]: 3}
    assert gaps(list(E[:4]), [E[9], E[8], E[7]]) == {}


def test_gaps_of_reversed_full_rankings() -> None:
    """Element at rank r goes to 11 - r: gaps 9, 7, 5, 3, 1, 1, 3, 5, 7, 9."""
    assert list(gaps(list(E), list(E[::-1])).values()) == [9, 7, 5, 3, 1, 1, 3, 5, 7, 9]


def test_neglected_priorities_bottom_half_starts_at_sixth() -> None:
    """Against a full ranking, 6th..10th are the bottom half; 5th is not. Order kept."""
    organisation = list(E)
    assert neglected_priorities(organisation, [E[9], E[4], E[5]]) == [E[9], E[5]]
    assert neglected_priorities(organisation, [E[4], E[0], E[1]]) == []


def test_neglected_priorities_reads_only_the_top_three() -> None:
    assert neglected_priorities(list(E), [E[0], E[1], E[2], E[9]]) == []


def test_neglected_priorities_against_a_partial_ranking() -> None:
    """Elements the organisation did not list share rank 7 (of 4..10): in the bottom half."""
    organisation = [E[0], E[1], E[2]]
    assert neglected_priorities(organisation, [E[3], E[0], E[4]]) == [E[3], E[4]]


# --- a survey's consensus ranking: elements of equal Borda points stay tied ---

TIED = {e: float(9 - i) for i, e in enumerate(E)} | {E[2]: 6.5, E[3]: 6.5}


def test_tied_elements_share_the_mean_of_their_places() -> None:
    placed = positions(list(E), TIED)
    assert (placed[E[2]], placed[E[3]]) == (3.5, 3.5)
    assert placed[E[1]] == 2.0 and placed[E[4]] == 5.0


def test_a_tie_is_a_tied_pair_for_tau_b() -> None:
    """Against a ranking that orders the tied pair, the pair counts as tied, not as agreeing:
    tau-b is below 1, and the same whichever way the list happens to order the tie."""
    swapped = [*E[:2], E[3], E[2], *E[4:]]
    tied = tau_b(list(E), list(E), TIED)
    assert tied is not None and tied < 1
    assert tied == tau_b(list(E), swapped, TIED)


def test_a_tie_for_third_is_not_a_top_three() -> None:
    org = list(E[::-1])  # the stakeholder's first elements sit in the organisation's bottom half
    assert neglected_priorities(org, list(E)) == list(E[:3])
    assert neglected_priorities(org, list(E), TIED) == list(E[:2])


def test_gaps_from_a_shared_place() -> None:
    assert gaps(list(E), list(E), TIED)[E[2]] == 0  # |3 - 3.5|, in whole places
    assert gaps(list(E[::-1]), list(E), TIED)[E[3]] == 3  # |7 - 3.5|


def test_points_agree_only_with_the_order_they_give() -> None:
    assert agrees(list(E), TIED)
    assert not agrees(list(E[::-1]), TIED)  # edited by hand since the import
    assert not agrees([*E, "x"], TIED)  # an element without points
