"""The HTML report as a browser and a screen reader meet it: self-contained, structured, inert.

Checked on every example's golden page (which test_golden_reports keeps equal to the output) and
on hostile profiles built in memory. Page counts and the printed first page need a browser and are
measured by the browser tests; here are the properties the markup alone decides.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise
from typing import Any

import pytest

from engine.profile.models import Profile
from engine.render.chart import slope_chart
from engine.render.html import href, is_web, render_html
from engine.render.view import build_view
from engine.render.view.model import ElementView, StakeholderView
from tests.engine_support import NO_FILE, assessor, ruleset
from tests.html_tree import CSS, parse, problems
from tests.test_golden_reports import GOLDEN, NAMES

SOURCE_LINKS = {str(source.url) for source in ruleset().sources.values() if source.url}
AREAS = {key: area.title for key, area in ruleset().areas.items()}
HOSTILE = [
    "<script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "</title><h1>GO</h1>",
    '" onload="alert(1)',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "<img src=x onerror=alert(1)>",
    "<!-- open comment",
    "<![CDATA[x]]>",
    "&lt;b&gt; &amp; &#60;",
    "<svg onload=alert(1)>",
    "{{ jinja }} {% raw %}",
    "\x1b[31mred\u202etxet",
]


def _page(name: str) -> str:
    return (GOLDEN / f"{name}.html").read_text(encoding="utf-8")


def _headings(text: str) -> list[int]:
    return [int(tag[1]) for tag, _ in parse(text).elements if re.fullmatch(r"h[1-6]", tag)]


@pytest.mark.parametrize("name", NAMES)
def test_page_holds_only_our_markup(name: str) -> None:
    assert problems(_page(name), SOURCE_LINKS) == []


@pytest.mark.parametrize("name", NAMES)
def test_page_is_accessible_in_structure(name: str) -> None:
    text = _page(name)
    tree = parse(text)
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">\n')
    assert tree.of("meta")[0] == {"charset": "utf-8"}
    assert tree.text("title").split(":")[0] in {"GO", "GO WITH CONDITIONS", "INCOMPLETE", "NO-GO"}
    assert len(tree.of("main")) == 1
    levels = _headings(text)
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels
    assert all(attrs.get("scope") in ("col", "row") for attrs in tree.of("th"))
    assert len(tree.of("caption")) == len(tree.of("table"))
    icons = [a for a in tree.of("svg") if a.get("class") == "icon"]
    assert icons and all(a.get("aria-hidden") == "true" for a in icons)
    charts = [a for a in tree.of("svg") if a.get("class") == "chart"]
    assert all(a.get("role") == "img" and a.get("aria-labelledby") for a in charts)


@pytest.mark.parametrize("name", NAMES)
def test_verdict_is_a_word_and_an_icon_not_a_colour(name: str) -> None:
    verdict = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))["verdict"]
    tree = parse(_page(name))
    label = {"go": "GO", "conditional": "GO WITH CONDITIONS", "incomplete": "INCOMPLETE"}
    assert tree.text("h1").strip().startswith(label.get(verdict, "NO-GO") + ":")
    h1 = _page(name).split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert '<use href="#i-' in h1


@pytest.mark.parametrize("name", NAMES)
def test_page_is_self_contained_and_stable_for_browser_tests(name: str) -> None:
    """Nothing fetched: no src, no stylesheet link, no url() or @import; every finding and the
    what-to-do list have the ids browser tests look for."""
    text = _page(name)
    tree = parse(text)
    assert not any("src" in attrs for _, attrs in tree.elements)
    assert not tree.of("link") and not tree.of("script")
    assert "url(" not in CSS and "@import" not in CSS
    report = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    ids = {attrs.get("id") for _, attrs in tree.elements}
    open_findings = [
        f["rule"] for f in report["findings"] if f["status"] in ("open", "expired-waiver")
    ]
    assert {f"finding-{rule}" for rule in open_findings} <= ids
    todo = [a for a in tree.of("ol") if a.get("id") == "todo"]
    assert len(todo) == (1 if report["verdict"] != "go" else 0)


@pytest.mark.parametrize("name", NAMES)
def test_what_the_screen_folds_prints_expanded(name: str) -> None:
    tree = parse(_page(name))
    folded = tree.of("details")
    printed = [a for a in tree.of("div") if a.get("class") == "print-only"]
    assert all(a.get("class") == "screen-only" for a in folded)
    assert len(printed) == len(folded)


def test_print_stylesheet_fits_letter_and_never_scrolls() -> None:
    print_rules = CSS.split("@media print", 1)[1]
    assert "@page { size: Letter;" in print_rules
    assert "break-after: avoid" in print_rules and "break-inside: avoid" in print_rules
    assert not re.search(r"overflow(-x|-y)?:\s*(auto|scroll)", CSS)
    assert re.search(r"\.trust[^{]*\{ table-layout: fixed; \}", CSS)


def _profile(text: str) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "profile": {"name": text},
        "environment": {
            "stakeholders": [{"name": text}, {"name": "Second group"}],
            "mistrust": {"level": "high", "institutions": [text]},
        },
        "trust": {
            "organisation_ranking": ["legal_compliance", "privacy_security", "ethics_transparency"],
            "relationships": [
                {
                    "stakeholder": text,
                    "stakeholder_ranking": [
                        "ethics_transparency",
                        "privacy_security",
                        "legal_compliance",
                    ],
                    "feedback": {"privacy_security": {"trust": "low", "comment": text}},
                    "next_steps": [{"element": "privacy_security", "action": text, "owner": text}],
                }
            ],
        },
        "waivers": [{"rule": "concurrent-engagement-overlap", "reason": text}],
    }


def _render(text: str, link_base: str | None = None) -> str:
    profile = Profile.model_validate(_profile(text))
    result = assessor().assess(profile, NO_FILE, f"{text}.yaml")
    return render_html(result, AREAS, link_base)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_profile_text_is_shown_as_text_never_as_markup(text: str) -> None:
    page = _render(text)
    assert problems(page, SOURCE_LINKS) == []
    tree = parse(page)
    shown = text.replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
    assert shown in tree.text("h1") and shown in tree.text("title")
    assert shown in tree.text("h3")  # the stakeholder's name heads its section
    assert "<script" not in page and "javascript:" not in _hrefs(page)


def _hrefs(page: str) -> str:
    return " ".join(str(a.get("href")) for _, a in parse(page).elements if "href" in a)


def test_answers_link_only_to_checked_web_addresses() -> None:
    page = _render("x", "https://example.org/repo/blob/main/")
    line = "https://example.org/repo/blob/main/x.yaml#L1"
    assert line in _hrefs(page)
    assert problems(page, SOURCE_LINKS | {line}) == []
    for bad in ("javascript:alert(1)//", "data:text/html,x", "/relative", "http://", "ftp://x/"):
        assert not is_web(bad)
        with pytest.raises(ValueError, match="not a web address"):
            href(bad)
    assert href('https://x.example/a b"<c>') == "https://x.example/a%20b%22%3Cc%3E"


def test_a_link_the_view_did_not_check_is_dropped() -> None:
    """Even a view built with a hostile base (the CLI refuses one) links nowhere odd."""
    profile = Profile.model_validate(_profile("x"))
    result = assessor().assess(profile, NO_FILE, "x.yaml")
    base = "javascript:alert(1)//"
    view = build_view(result, AREAS, base)
    rows = [r for f in [*view.conditions, *view.tips] for r in f.evidence]
    assert any(str(r.link).startswith("javascript:") for r in rows)
    page = render_html(result, AREAS, base)
    assert "javascript" not in _hrefs(page)
    assert problems(page, SOURCE_LINKS) == []


def _stakeholder(ranks: list[tuple[str, int | None, int | None]]) -> StakeholderView:
    elements = [
        ElementView(title, ours, theirs, None, None, None, None, False)
        for title, ours, theirs in ranks
    ]
    large = [t for t, a, b in ranks if a and b and abs(a - b) >= 3]
    return StakeholderView("S", "weak", None, None, large, [], [], [], elements, [])


def test_chart_draws_both_orders_and_marks_only_large_gaps() -> None:
    chart = slope_chart(_stakeholder([("A", 1, 4), ("B", 2, 2), ("C", 3, None), ("D", 4, 1)]))
    assert chart is not None
    assert [label.title for label in chart.yours] == ["A", "B", "C", "D"]
    assert [label.title for label in chart.theirs] == ["D", "B", "A"]
    assert {line.title: line.large for line in chart.lines} == {"A": True, "B": False, "D": True}
    assert [line.large for line in chart.lines] == [False, True, True]  # thick lines on top


def test_no_chart_when_it_would_say_nothing() -> None:
    assert slope_chart(_stakeholder([("A", 1, 1), ("B", 2, None)])) is None
    assert slope_chart(_stakeholder([])) is None


def test_output_is_deterministic() -> None:
    assert _render("<same>") == _render("<same>")
