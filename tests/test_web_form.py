"""The questionnaire form: every question once, in worksheet order, choices as the vocabularies
allow, follow-ups hidden only when they do not apply, and messages next to their answers."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from engine.errors import Problem
from engine.profile.models import Profile
from engine.profile.models.fields import walk_fields
from engine.profile.models.vocab import ELEMENTS
from engine.profile.questions import by_id, questions
from engine.rules.critical import core_critical
from engine.web.form import build_form, errors_by_name, name_for_path, render_form
from engine.web.form.model import Field, Form, Group, ListField, MappingField, Node
from engine.web.form.render import render_new_entry, render_node
from tests.form_submission import submitted

BASE: dict[str, Any] = {"schema_version": 1}


def _node(form: Form, name: str) -> Node:
    found = [node for node in form.nodes() if node.name == name]
    assert found, name
    return found[-1]


def _field(form: Form, name: str) -> Field:
    node = _node(form, name)
    assert isinstance(node, Field)
    return node


def test_every_question_is_asked_exactly_once() -> None:
    asked = [n.question for n in build_form().nodes(templates=True) if n.leads]
    assert sorted(asked, key=str) == sorted(q.id for q in questions())


def test_every_question_appears_where_its_fields_are() -> None:
    """A question's text is its leading node's label, and its section is shown with it."""
    table = by_id()
    for node in build_form().nodes(templates=True):
        if node.leads:
            assert node.question is not None
            assert node.source == table[node.question].section


def test_sections_are_in_worksheet_order() -> None:
    names = [section.name for section in build_form().sections]
    assert names == ["profile", "objectives", "environment", "resources", "trust", "waivers"]


def test_critical_questions_are_marked_in_words() -> None:
    form = build_form()
    critical = {n.question for n in form.nodes(templates=True) if n.leads and n.critical}
    assert critical == core_critical()
    html = render_form(form)
    assert html.count("(critical question)") >= len(critical)


def _choice_fields() -> list[tuple[str, tuple[str, ...]]]:
    return [
        (s.dotted.replace("*", "0"), s.vocabulary)
        for s in walk_fields(Profile)
        if s.kind == "choice" and "feedback" not in s.path and s.path != ("schema_version",)
    ]


@pytest.mark.parametrize(("name", "vocabulary"), _choice_fields())
def test_closed_answers_offer_blank_and_unsure_only_where_allowed(
    name: str, vocabulary: tuple[str, ...]
) -> None:
    form = build_form(_with_entries())
    field = _field(form, name)
    assert field.input in ("radio", "select")
    assert field.options[0].value == ""
    assert field.options[0].label == "Not answered yet"
    assert field.options[0].checked
    assert [o.value for o in field.options[1:]] == list(vocabulary)
    assert ("unsure" in [o.value for o in field.options]) == ("unsure" in vocabulary)


def _with_entries() -> dict[str, Any]:
    """One blank entry in every list that holds sections, so their fields exist in the form."""
    return {
        **BASE,
        "objectives": {"statements": [{}]},
        "environment": {"concurrent_engagements": [{}], "stakeholders": [{}]},
        "resources": {"timeline": {"activities": [{}]}},
        "trust": {"relationships": [{"next_steps": [{}]}]},
        "waivers": [{}],
    }


def test_an_answer_outside_the_vocabulary_is_shown_and_kept() -> None:
    form = build_form({**BASE, "objectives": {"team_agreement": "maybe"}})
    options = _field(form, "objectives.team_agreement").options
    assert [(o.value, o.checked) for o in options if o.checked] == [("maybe", True)]


def test_yaml_spellings_of_yes_are_read_as_the_models_read_them() -> None:
    form = build_form({**BASE, "objectives": {"internal_buy_in_needed": True}})
    options = _field(form, "objectives.internal_buy_in_needed").options
    assert [o.value for o in options if o.checked] == ["yes"]


def test_per_element_feedback_is_one_row_per_element() -> None:
    form = build_form(_with_entries())
    feedback = _node(form, "trust.relationships.0.feedback")
    assert isinstance(feedback, MappingField)
    assert [row.key for row in feedback.rows] == list(ELEMENTS)
    assert [c.question for c in feedback.columns] == ["S1", "S2", None]
    names = [f.name for f in feedback.rows[0].fields]
    assert names == [f"trust.relationships.0.feedback.{ELEMENTS[0]}.{c}" for c in
                     ("trust", "expectations_met", "comment")]  # fmt: skip


def test_lists_have_a_template_with_the_next_index() -> None:
    form = build_form({**BASE, "environment": {"stakeholders": [{"name": "Tenants"}]}})
    stakeholders = _node(form, "environment.stakeholders")
    assert isinstance(stakeholders, ListField)
    assert [e.name for e in stakeholders.entries] == ["environment.stakeholders.0"]
    assert stakeholders.template.name == "environment.stakeholders.1"
    assert stakeholders.add_action == "add:environment.stakeholders"
    assert stakeholders.entries[0].remove_action == "remove:environment.stakeholders.0"
    html = render_new_entry(stakeholders)
    assert 'name="environment.stakeholders.1.name"' in html


def test_rankings_are_ten_ordered_positions() -> None:
    ranking = ["privacy_security", "legal_compliance"]
    form = build_form({**BASE, "trust": {"organisation_ranking": ranking}})
    group = _node(form, "trust.organisation_ranking")
    assert isinstance(group, Group) and group.positions
    chosen = [next(o.value for o in f.options if o.checked) for f in group.children
              if isinstance(f, Field)]  # fmt: skip
    assert chosen == [*ranking, *[""] * 8]


# Follow-ups: 2.2 applies when 2.1 is yes; 2.9a when two groups are in conflict.
CONFLICT = {
    "stakeholders": [{"name": "A"}, {"name": "B"}],
    "antagonisms": [{"between": ["A", "B"]}],
}


@pytest.mark.parametrize(
    ("data", "name", "applies"),
    [
        ({}, "environment.prior_engagement", False),
        ({"prior_integration": {"happened": "no"}}, "environment.prior_engagement", False),
        ({"prior_integration": {"happened": "yes"}}, "environment.prior_engagement", True),
        ({}, "environment.conflict_plan", False),
        (CONFLICT, "environment.conflict_plan", True),
    ],
)
def test_follow_ups_are_hidden_unless_they_apply(
    data: dict[str, Any], name: str, applies: bool
) -> None:
    form = build_form({**BASE, "environment": data})
    node = _node(form, name)
    assert node.follow_up is not None and node.follow_up.applies is applies
    assert node.hidden is not applies
    html = render_node(node)
    first_tag = html.strip().splitlines()[0]
    assert (" hidden" in first_tag) is not applies
    assert ("is not asked now" in html) is not applies
    assert node.follow_up.wording in html


def test_a_hidden_follow_up_still_submits_its_answer() -> None:
    form = build_form({**BASE, "environment": {"conflict_plan": "Separate rooms"}})
    assert _node(form, "environment.conflict_plan").hidden
    pairs = submitted(render_form(form)).pairs
    assert ("environment.conflict_plan", "Separate rooms") in pairs


def test_follow_ups_are_decided_even_while_another_answer_is_wrong() -> None:
    data = {"prior_integration": {"happened": "yes"}, "mistrust": {"level": "lots"}}
    form = build_form({**BASE, "environment": data})
    assert not _node(form, "environment.prior_engagement").hidden


PROBLEMS = [
    Problem("p.yaml", 3, 5, "environment.stakeholders[0].first_time: 'perhaps' is not allowed"),
    Problem("p.yaml", 7, 3, "waivers[0].rule is required"),
    Problem("p.yaml", 9, 3, "environment.antagonisms[0].between[1]: unknown group 'C'"),
    Problem("p.yaml", 1, 1, "`schema_version: 1` is missing; add it as the first line"),
]


def test_problems_map_to_form_names() -> None:
    assert name_for_path("trust.relationships[2].next_steps[0].owner") == (
        "trust.relationships.2.next_steps.0.owner"
    )
    assert errors_by_name(PROBLEMS) == {
        "environment.stakeholders.0.first_time": [PROBLEMS[0].message],
        "waivers.0.rule": [PROBLEMS[1].message],
        "environment.antagonisms.0.between.1": [PROBLEMS[2].message],
        "": [PROBLEMS[3].message],
    }


def test_errors_appear_next_to_their_field() -> None:
    data = {
        **BASE,
        "environment": {"stakeholders": [{"first_time": "perhaps"}], "antagonisms": [{}]},
        "waivers": [{}],
    }
    form = build_form(data, errors_by_name(PROBLEMS))
    assert _node(form, "environment.stakeholders.0.first_time").errors == [PROBLEMS[0].message]
    assert _node(form, "waivers.0.rule").errors == [PROBLEMS[1].message]
    assert _node(form, "environment.antagonisms.0.between.1").errors == [PROBLEMS[2].message]
    assert form.errors == [PROBLEMS[3].message]
    html = render_form(form)
    field = html[html.index('id="f-environment.stakeholders.0.first_time"') :]
    field = field[: field.index("</fieldset>")]
    assert (
        "aria-describedby=" in field and "f-environment.stakeholders.0.first_time--errors" in field
    )
    assert "&#39;perhaps&#39; is not allowed" in field


def test_an_error_on_something_without_an_input_goes_to_its_nearest_part() -> None:
    form = build_form({**BASE, "environment": {"stakeholders": [{}]}},
                      {"environment.stakeholders.0.nothing_here": ["odd"]})  # fmt: skip
    assert _node(form, "environment.stakeholders.0").errors == ["odd"]


def test_data_the_form_cannot_show_is_named_not_dropped_silently() -> None:
    data = {
        **BASE,
        "extra": 1,
        "environment": {"competing_issue": ["typo"], "stakeholders": {"name": "not a list"}},
        "objectives": {"team_agreement": ["a", "list"]},
        "trust": {"practices": {"privacy": {"steps": "x"}}},
    }
    assert sorted(build_form(data).unrepresented) == [
        "environment.competing_issue",
        "environment.stakeholders",
        "extra",
        "objectives.team_agreement",
        "trust.practices.privacy",
    ]
    assert build_form(_with_entries()).unrepresented == []


HOSTILE = "<script>alert(\"x\")</script> & 'quoted' # not a comment: really\n<b>bold</b>"
# Every element and attribute the form templates emit; anything else came from text.
TAGS = {
    "input", "label", "fieldset", "legend", "h2", "p", "div", "span", "strong", "ul", "li",
    "textarea", "select", "option", "button", "table", "thead", "tbody", "tr", "th", "td",
    "details", "summary",
}  # fmt: skip
ATTRIBUTES = {
    "type", "name", "value", "id", "for", "class", "checked", "selected", "hidden", "rows",
    "inputmode", "aria-describedby", "aria-invalid", "formnovalidate", "scope", "role", "open",
    "pattern", "autocomplete", "formaction",
}  # fmt: skip


def test_hostile_text_is_escaped_everywhere() -> None:
    data = {
        **BASE,
        "profile": {"name": HOSTILE, "use_case": HOSTILE},
        "objectives": {"team_agreement": HOSTILE, "statements": [{"text": HOSTILE}]},
        "environment": {"stakeholders": [{"name": HOSTILE}], "competing_issues": [HOSTILE]},
        "trust": {"relationships": [{"feedback": {"privacy_security": {"comment": HOSTILE}}}]},
    }
    form = build_form(data, {"profile.name": [HOSTILE], "": [HOSTILE]})
    reader = submitted(render_form(form))
    assert reader.tags <= TAGS
    assert reader.attributes <= ATTRIBUTES
    assert ("profile.use_case", HOSTILE) in reader.pairs
    assert ("objectives.team_agreement", HOSTILE) in reader.pairs


def test_every_control_has_a_label_and_every_reference_resolves() -> None:
    """Each input, select and text area has a `<label for>`; ids are unique; every id named by
    aria-describedby exists (checked on a form with entries, errors and a follow-up shown)."""
    data = {**_with_entries(), "environment": {**CONFLICT, "stakeholders": [{"name": "A"}]}}
    form = build_form(data, {"environment.stakeholders.0.first_time": ["wrong"], "": ["file"]})
    reader = TagReader()
    reader.feed(render_form(form))
    ids = [attrs["id"] for _, attrs in reader.elements if attrs.get("id")]
    assert len(ids) == len(set(ids))
    labelled = {attrs["for"] for tag, attrs in reader.elements if tag == "label"}
    controls = [
        attrs["id"]
        for tag, attrs in reader.elements
        if tag in ("select", "textarea") or (tag == "input" and attrs.get("type") != "hidden")
    ]
    assert controls and set(controls) <= labelled
    described = {
        ref for _, attrs in reader.elements for ref in (attrs.get("aria-describedby") or "").split()
    }
    assert described and described <= set(ids)


class TagReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


class TextReader(HTMLParser):
    """The page's text as a reader meets it: one chunk per run of text between tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.chunks.append(" ".join(data.split()))


def _said(text: str) -> str:
    return text.rstrip(". ").casefold()


def test_nothing_is_said_twice_in_a_row() -> None:
    """A heading is not followed by itself as a description, nor a question by its format said
    again as a hint: a screen reader reads both."""
    form = build_form(_with_entries())
    reader = TextReader()
    reader.feed(render_form(form))
    pairs = list(zip(reader.chunks, reader.chunks[1:], strict=False))
    assert not [(a, b) for a, b in pairs if _said(a) == _said(b)]
    dates = [node for node in form.nodes() if isinstance(node, Field) and node.input == "date"]
    assert dates and " ".join(reader.chunks).count("YYYY-MM-DD") == len(dates)


def test_every_date_question_says_how_to_write_it() -> None:
    """The form shows no separate hint for dates, so the question itself must say it."""
    dates = [spec for spec in walk_fields(Profile) if spec.kind == "date"]
    assert dates and all("(YYYY-MM-DD)" in spec.description for spec in dates)
