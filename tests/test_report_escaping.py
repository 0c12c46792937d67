"""No text in a profile can break the report's Markdown or inject HTML, links or chart syntax;
nor, in the HTML report, become an element, an attribute or a link."""

from __future__ import annotations

from typing import Any

import cmarkgfm
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from engine.profile.models import Profile
from engine.render.escape import cell, inline, label, prose
from engine.render.html import render_html
from engine.render.markdown import render_markdown
from engine.render.view.sentences import in_sentence
from tests import html_tree
from tests.engine_support import NO_FILE, assessor, ruleset
from tests.strategies import TEXT
from tests.test_golden_reports import _markdown_problems, internal_links

NASTY = [
    "a | b",
    "||",
    "line\nbreak",
    "two\n\nparagraphs",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- open comment",
    "</td></tr>",
    "[click](javascript:alert(1))",
    "![img](http://evil.example/x.png)",
    "```",
    "```mermaid\npie\n```",
    "`code`",
    "**bold**",
    "_em_",
    "# heading",
    "- item",
    "1. first",
    "> quote",
    "---",
    "&lt;b&gt;",
    "&#60;script&#62;",
    "\\|",
    "www.evil.example",
    "http://evil.example",
    "@someone",
    "$x^2$",
    "~~gone~~",
    "{{ jinja }}",
    "{% raw %}",
    '"quoted"',
    "end]",
    "x\r\ny",
    "tab\there",
    "</style><script>alert(1)</script>",
    '" onload="alert(1)',
    "' autofocus onfocus='alert(1)",
    "javascript:alert(1)",
    "</title></head>",
    "<svg><use href=//evil.example/x#a>",
    "\u2028sep",
    "ok",
]
NASTY_TEXT = st.one_of(
    st.sampled_from(NASTY), TEXT, st.tuples(st.sampled_from(NASTY), TEXT).map("".join)
)


@st.composite
def nasty_profiles(draw: st.DrawFn) -> dict[str, Any]:
    def text() -> str:
        """A fresh draw at each use."""
        return draw(NASTY_TEXT)

    group_a, group_b = draw(st.lists(NASTY_TEXT, min_size=2, max_size=2, unique=True))
    step = {
        "element": "privacy_security",
        "action": text(),
        "owner": text(),
        "timeframe": "2026-01-01",
        "status": "planned",
    }
    return {
        "schema_version": 1,
        "profile": {"name": text(), "ids": text(), "use_case": text()},
        "objectives": {
            "statements": [{"text": text(), "smart": "no"}],
            "internal_buy_in_needed": "yes",
        },
        "environment": {
            "stakeholders": [
                {"name": group_a, "first_time": "yes"},
                {"name": group_b, "community": text()},
            ],
            "antagonisms": [{"between": [group_a, "ids"]}],
            "concurrent_engagements": [
                {"organiser": text(), "topic": text(), "status": "contentious"}
            ],
            "mistrust": {"level": "high", "institutions": [text()]},
            "sensitivity": {"competing_issues": [text(), text()]},
        },
        "trust": {
            "organisation_ranking": [
                "legal_compliance",
                "privacy_security",
                "governance_oversight",
            ],
            "relationships": [
                {
                    "stakeholder": text(),
                    "stakeholder_ranking": [
                        "ethics_transparency",
                        "quality_accuracy",
                        "skills_knowledge",
                    ],
                    "feedback": {
                        "privacy_security": {
                            "trust": "low",
                            "expectations_met": "no",
                            "comment": text(),
                        }
                    },
                    "next_steps": [step],
                }
            ],
        },
        "waivers": [
            {
                "rule": "concurrent-engagement-overlap",
                "reason": text(),
                "approved_by": "Board " + text(),
            }
        ],
    }


def _links(text: str) -> set[str]:
    hrefs = set()
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        for child in token.children or []:
            if child.type in ("link_open", "image"):
                hrefs.add(str(child.attrGet("href") or child.attrGet("src")))
    return hrefs


ALLOWED_LINKS = {str(source.url) for source in ruleset().sources.values() if source.url}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nasty_profiles())
def test_any_profile_text_leaves_the_report_structure_intact(data: dict[str, Any]) -> None:
    profile = Profile.model_validate(data)
    result = assessor().assess(profile, NO_FILE, "nasty.yaml")
    areas = {key: area.title for key, area in ruleset().areas.items()}
    text = render_markdown(result, areas)
    assert _markdown_problems(text) == []
    assert _links(text) <= ALLOWED_LINKS | internal_links(text)
    fences = [line for line in text.splitlines() if line.lstrip().startswith("```")]
    assert all(line in ("```mermaid", "```") for line in fences)
    assert len(fences) % 2 == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nasty_profiles())
def test_any_profile_text_stays_text_in_the_html_report(data: dict[str, Any]) -> None:
    profile = Profile.model_validate(data)
    result = assessor().assess(profile, NO_FILE, "nasty.yaml")
    areas = {key: area.title for key, area in ruleset().areas.items()}
    page = render_html(result, areas)
    assert html_tree.problems(page, ALLOWED_LINKS) == []
    title = html_tree.parse(page).text("title")
    assert title.endswith(" · readiness report") and "\n" not in title


@given(NASTY_TEXT)
def test_escaped_text_is_one_line_and_keeps_every_character(text: str) -> None:
    escaped = inline(text)
    assert "\n" not in escaped and "\r" not in escaped
    rendered = (
        MarkdownIt("commonmark").enable("table").render(f"| a |\n| --- |\n| {cell(text)} |\n")
    )
    assert rendered.count("<td>") == 1
    assert "<script" not in rendered and "<img" not in rendered


@given(NASTY_TEXT)
def test_chart_labels_cannot_close_or_steer_a_chart(text: str) -> None:
    safe = label(text)
    assert all(ch.isalnum() or ch in " ,.-/()" for ch in safe)
    assert '"' not in safe and "`" not in safe and "\n" not in safe


@pytest.mark.parametrize("lead", ["", " ", "_", "*", "~", "(", "a"])
def test_www_after_any_character_never_becomes_a_link_on_github(lead: str) -> None:
    """Hypothesis found `_www.x.example` turning into a link: GFM's extended autolinks start
    after `_`, `*`, `~` and `(` too, where a word boundary does not."""
    text = f"{lead}www.evil.example"
    for escaped in (inline(text), prose(text)):
        html = cmarkgfm.github_flavored_markdown_to_html(escaped)
        assert "<a " not in html, (text, escaped, html)


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("A stakeholder does not trust you", "a stakeholder does not trust you"),
        ("Nobody has facilitation", "nobody has facilitation"),
        ("IDS's representatives are distrusted", "IDS's representatives are distrusted"),
        ("T-RES-1 is blank", "T-RES-1 is blank"),
        ("", ""),
    ],
)
def test_titles_inside_a_sentence_keep_acronyms(title: str, shown: str) -> None:
    assert in_sentence(title) == shown
