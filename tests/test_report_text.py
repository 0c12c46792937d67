"""The report's sentences: counts, casing, names, and where blanks are cited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from engine.assessment.alignment import analyse
from engine.assessment.assessment import Assessment
from engine.profile.models.vocab import ELEMENTS
from engine.profile.validation import load_profile
from engine.render.markdown import render_markdown
from tests.engine_support import TODAY, assessor, ruleset
from tests.test_alignment import profile

CAPACITY = """\
schema_version: 1
objectives:
  statements: [{text: Learn what parents want}]
  team_agreement: agreed
resources:
  capacity_for_change:
    final_authority: agency_head
    leadership_commitment: high
    input_can_change_outcome: ANSWER
    open_to_influence: [Which records are linked]
    non_negotiables: []
    resources_to_follow_through: yes
"""


def _report(path: Path, shown: str = "p.yaml") -> tuple[str, Assessment]:
    loaded, tree = load_profile(path)
    result = assessor().assess(loaded, tree, shown)
    titles = {name: area.title for name, area in ruleset().areas.items()}
    return render_markdown(result, titles), result


def test_one_blocker_is_spoken_of_in_the_singular(write: Callable[..., Path]) -> None:
    text, _ = _report(write(CAPACITY.replace("ANSWER", "no")))
    why = text.split("**Why NO-GO:**", 1)[1].split("\n## ", 1)[0]
    assert "1 blocker is open: stakeholder input cannot change the outcome." in why
    assert "It is a case where" in why and "Each is" not in why
    assert "Resolve it before engaging" in why


def test_a_profile_without_a_name_is_titled_by_its_file_name(write: Callable[..., Path]) -> None:
    path = write(CAPACITY.replace("ANSWER", "yes"))
    text, _ = _report(path, shown=str(path.resolve()))
    assert text.splitlines()[0] == f"# ✅ GO: {path.name}"


def test_a_blank_absent_from_the_file_is_not_cited_at_an_unrelated_line(
    write: Callable[..., Path],
) -> None:
    _, result = _report(write(CAPACITY.replace("ANSWER", "yes")))
    where = {q.id: (q.line, q.column) for q in result.unanswered}
    assert where["2.1"] == (0, 0)  # no `environment:` at all: not in the file
    assert where["3.8"] == (5, 1)  # `resources:` is there: the blank belongs under it


def test_a_blank_key_written_in_the_file_is_cited_at_its_key(write: Callable[..., Path]) -> None:
    text = CAPACITY.replace("ANSWER", "yes").replace("    final_authority: agency_head\n", "")
    text += "environment:\n  mistrust:\n    level:\n"
    _, result = _report(write(text))
    where = {q.id: (q.line, q.column) for q in result.unanswered}
    assert where["2.4"] == (14, 5)
    assert where["3.20"] == (6, 3)  # the section that should hold it


def test_tied_elements_are_named_as_a_tie() -> None:
    swapped = [ELEMENTS[2], ELEMENTS[1], ELEMENTS[0], *ELEMENTS[3:]]
    result = analyse(profile({"stakeholder": "A", "stakeholder_ranking": swapped}), TODAY)
    assert result is not None
    assert result.least_agreement == [ELEMENTS[0], ELEMENTS[2]]
    assert result.least_agreement_mean_gap == 2.0


def test_gaps_of_one_place_single_out_no_element() -> None:
    """Every gap one place (two pairs swapped): near-agreement, not "4 elements tie"."""
    pairs = [ELEMENTS[1], ELEMENTS[0], ELEMENTS[3], ELEMENTS[2], *ELEMENTS[4:]]
    result = analyse(profile({"stakeholder": "A", "stakeholder_ranking": pairs}), TODAY)
    assert result is not None
    assert result.least_agreement == []
    assert result.least_agreement_mean_gap is None
