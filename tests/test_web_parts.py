"""The editor in parts, without a browser: which part holds what, how a part's answers go into
the file, how its problems are summed up, and how values the form cannot show are fixed.

(The pages in a real browser, at phone and desktop widths: `test_web_editor_browser.py`.)
"""

from __future__ import annotations

from typing import Any

import pytest

from engine.profile.loader import parse_text
from engine.profile.positions import to_data
from engine.profile.questions import questions
from engine.rules.rule_loader import load_ruleset
from engine.web import merging, unknowns
from engine.web.form import build_form
from engine.web.form.model import Field, Group, ListField
from engine.web.form.names import loc_of
from engine.web.form.parts import PARTS, Part, find, nodes_in, owner, progress
from engine.web.form.render import render_part
from engine.web.form.summary import problems
from tests.conftest import PROFILES

BASE: dict[str, Any] = {"schema_version": 1}


def _part(slug: str) -> Part:
    part = find(slug)
    assert part is not None
    return part


def _locations(form: Any, slug: str) -> list[tuple[str | int, ...]]:
    return [loc_of(node.name) for node in nodes_in(form, _part(slug))]


def test_every_answer_is_in_exactly_one_part() -> None:
    form = build_form()
    held = [node.name for part in PARTS for node in nodes_in(form, part)]
    asked = [child.name for section in form.sections for child in section.children]
    assert sorted(held) == sorted(asked) and len(set(held)) == len(held)
    assert all(owner(node.name) is not None for node in form.nodes(templates=True))


def test_each_area_of_the_report_is_asked_in_one_part() -> None:
    """A planner who reads "Budget needs attention" finds every Budget question on one page."""
    anchors = {q.id: q.anchor for q in questions()}
    for name, area in load_ruleset().areas.items():
        homes = {owner(anchors[q]) for q in area.questions}
        assert len(homes) <= 1, (name, homes)


def test_progress_counts_each_parts_own_answers() -> None:
    blank = build_form(BASE)
    assert [progress(blank, part).answered for part in PARTS] == [0] * len(PARTS)
    assert all(progress(blank, part).total for part in PARTS if part.slug != "waivers")
    answered = build_form({**BASE, "resources": {"staff": {"facilitation": "in_house"}}})
    moved = [p.slug for p in PARTS if progress(answered, p) != progress(blank, p)]
    assert moved == ["staff"] and progress(answered, _part("staff")).answered == 1


def test_the_summary_links_each_problem_to_its_first_control() -> None:
    errors = {
        "profile.prepared_on": ["wrong date"],
        "objectives.team_agreement": ["wrong word"],
        "trust.organisation_ranking": ["listed twice"],
    }
    form = build_form(BASE, errors)
    nodes = [node for part in PARTS for node in nodes_in(form, part)]
    found = {p.target: p.message for p in problems(nodes, ["about the file"])}
    assert found == {
        "": "about the file",
        "f-profile.prepared_on": "wrong date",
        "f-objectives.team_agreement--0": "wrong word",
        "f-trust.organisation_ranking.0": "listed twice",
    }


def test_a_control_with_a_problem_is_marked_and_described() -> None:
    form = build_form(BASE, {"profile.prepared_on": ["wrong date"]})
    html = render_part(form, nodes_in(form, PARTS[0]))
    control = html[html.index('<input id="f-profile.prepared_on"') :].split(">")[0]
    assert 'aria-invalid="true"' in control
    assert "f-profile.prepared_on--errors" in control and 'type="text"' in control
    assert html.count('aria-invalid="true"') == 1


def test_a_date_is_typed_as_the_question_says() -> None:
    """The label says YYYY-MM-DD, so the box is text in that form with an example, never the
    browser's date picker (which shows 12/06/2026 and drops what it cannot read)."""
    form = build_form({**BASE, "profile": {"prepared_on": "next week"}})
    date = next(n for n in form.nodes() if n.name == "profile.prepared_on")
    assert isinstance(date, Field) and "(YYYY-MM-DD)" in date.label
    html = render_part(form, nodes_in(form, PARTS[0]))
    assert 'type="date"' not in html
    control = html[html.index('<input id="f-profile.prepared_on"') :].split(">")[0]
    assert 'value="next week"' in control and 'pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}"' in control
    assert "For example, 2027-03-15." in html


def test_entries_and_like_sections_fold_unless_they_need_the_planner() -> None:
    data = {**BASE, "environment": {"stakeholders": [{"name": "Tenants", "first_time": "yes"}, {}]}}
    form = build_form(data, {"environment.stakeholders.0.first_time": ["wrong"]})
    listed = next(n for n in form.nodes() if n.name == "environment.stakeholders")
    assert isinstance(listed, ListField)
    assert [entry.open for entry in listed.entries] == [True, True]  # a problem; blank
    quiet = next(n for n in build_form(data).nodes() if n.name == "environment.stakeholders")
    assert isinstance(quiet, ListField) and [e.open for e in quiet.entries] == [False, True]
    budget = next(n for n in build_form(BASE).nodes() if n.name == "resources.budget")
    assert isinstance(budget, Group) and all(
        isinstance(c, Group) and c.fold for c in budget.children
    )


def _example() -> tuple[str, dict[str, Any]]:
    text = (PROFILES / "county-ready.yaml").read_text("utf-8")
    data = to_data(parse_text(text, "c.yaml"))
    assert isinstance(data, dict)
    return text, data


def test_a_parts_answers_replace_only_that_parts() -> None:
    _, saved = _example()
    form = build_form(saved)
    page = {**BASE, "profile": {"name": "Renamed"}}
    result = merging.merged(saved, page, _locations(form, "about"), form.kept)
    assert result["profile"] == {"name": "Renamed"}
    assert {k: v for k, v in result.items() if k not in ("profile", "schema_version")} == {
        k: v for k, v in saved.items() if k not in ("profile", "schema_version")
    }


def test_a_kept_value_stays_unless_the_question_is_answered() -> None:
    saved = {**BASE, "objectives": {"guiding_principles": "a, b", "nonsense": "x"}}
    form = build_form(saved)
    assert sorted(form.kept) == [("objectives", "guiding_principles"), ("objectives", "nonsense")]
    where = _locations(form, "objectives")
    kept = merging.merged(saved, BASE, where, form.kept)
    assert kept["objectives"] == saved["objectives"]
    answered = {**BASE, "objectives": {"guiding_principles": ["transparency"]}}
    replaced = merging.merged(saved, answered, where, form.kept)
    assert replaced["objectives"] == {"guiding_principles": ["transparency"], "nonsense": "x"}


def test_a_part_is_checked_alone() -> None:
    data = {
        **BASE,
        "profile": {"prepared_on": "soon", "typo": "x"},
        "resources": {"timeline": {"min_duration_days": "many"}},
    }
    form = build_form(data)
    about = merging.problems_of(data, _locations(form, "about"), form.kept, "p.yaml")
    timeline = merging.problems_of(data, _locations(form, "timeline"), form.kept, "p.yaml")
    assert list(about) == ["profile.prepared_on"]  # not the kept key, not the timeline's
    assert list(timeline) == ["resources.timeline.min_duration_days"]


FILE = """schema_version: 1
profile:
  name: A
  # the use case
  'use_csae': Linking records
environment:
  stakeholders:
    - nmae: Tenants
      # the union
      first_time: yes
  sensitivity:
    competing_issues: housing; schools
extra: 1
"""


@pytest.mark.parametrize(
    ("fix", "expected"),
    [
        ("rename:profile.use_csae", FILE.replace("'use_csae'", "'use_case'")),
        ("remove:profile.use_csae", FILE.replace("  'use_csae': Linking records\n", "")),
        ("rename:environment.stakeholders.0.nmae", FILE.replace("nmae", "name")),
        (
            "remove:environment.stakeholders.0.nmae",
            FILE.replace("    - nmae: Tenants\n", "").replace(
                "      first_time", "    - first_time"
            ),
        ),
        (
            "split:environment.sensitivity.competing_issues",
            FILE.replace(" housing; schools", "\n      - housing\n      - schools"),
        ),
        ("remove:extra", FILE.replace("extra: 1\n", "")),
    ],
)
def test_a_fix_edits_that_value_and_nothing_else(fix: str, expected: str) -> None:
    data = to_data(parse_text(FILE, "p.yaml"))
    assert isinstance(data, dict)
    items = unknowns.unknowns(data, build_form(data).kept)
    text, _, _ = unknowns.fixed(FILE, data, fix, "p.yaml", items)
    assert text == expected


def test_no_rename_over_an_answer_and_no_fix_not_offered() -> None:
    data = {**BASE, "profile": {"use_csae": "x", "use_case": "y"}}
    [item] = unknowns.unknowns(data, build_form(data).kept)
    assert item.rename is None and unknowns.fixes(item) == ["remove:profile.use_csae"]
    with pytest.raises(unknowns.FixError):
        unknowns.chosen([item], "rename:profile.use_csae")
