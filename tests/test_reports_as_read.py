"""The golden reports as a reader meets them: on GitHub's first screen, and as mermaid draws them.

The tools are in tests/browser.py, tests/github_view.py and tests/mermaid_check.py; these tests
skip without Chromium (and npm, for mermaid), except in CI, where they fail.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from tests.browser import Browser
from tests.github_view import github_page
from tests.mermaid_check import MERMAID_VERSIONS, mermaid_blocks, render_mermaid

GOLDEN = Path(__file__).resolve().parent / "golden"
CHARTS = [
    (f"{path.name} chart {number}", code)
    for path in sorted(GOLDEN.glob("*.md"))
    for number, code in enumerate(mermaid_blocks(path.read_text(encoding="utf-8")), 1)
]


def test_the_no_go_example_shows_its_verdict_on_githubs_first_screen(browser: Browser) -> None:
    page = github_page((GOLDEN / "decision-already-made.md").read_text(encoding="utf-8"))
    seen = browser.first_screen_text(page)
    assert "NO-GO" in seen
    assert "Why NO-GO" in seen


@pytest.mark.parametrize("version", MERMAID_VERSIONS)
def test_every_chart_draws_whole_in_mermaid(
    browser: Browser, mermaid_bundles: dict[str, Path], version: str
) -> None:
    """Deliverable 3 of issue 14: no chart fails to parse or draws a label outside itself."""
    drawn = render_mermaid(browser, mermaid_bundles[version], [code for _, code in CHARTS])
    failed = {
        name: chart.error or f"cut: {chart.cut}"
        for (name, _), chart in zip(CHARTS, drawn, strict=True)
        if chart.error or chart.cut
    }
    assert failed == {}


EXAMPLES = sorted(GOLDEN.glob("*.md"))
EXAMPLES = [p for p in EXAMPLES if not p.name.endswith(".diff.md")]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_shows_its_verdict_and_what_to_do_on_githubs_first_screen(
    browser: Browser, path: Path
) -> None:
    """Issue 14: at 1200x900 on GitHub, below its own header, the reader sees the verdict and
    the start of the list of what to do (a GO has no such list: it says why instead)."""
    text = path.read_text(encoding="utf-8")
    seen = browser.first_screen_text(github_page(text))
    label = text.splitlines()[0].split(" ", 2)[2].split(":")[0]
    assert f"Why {label}" in seen
    assert ("## What to do before engaging" in text) == (label != "GO")
    if label != "GO":
        first = text.split("## What to do before engaging", 1)[1].split("\n1. ", 1)[1]
        title = first.split("[", 1)[1].split("]", 1)[0]
        assert "What to do before engaging" in seen and title in seen, seen


# The HTML report, printed and on screen (issue 14, deliverables 4 and 6).
PAGES = {
    "county-ready": 3,
    "decision-already-made": 9,  # 8 until the decisive blanks, counts and safety (issues 25, 30)
    "draft-in-progress": 3,
    "state-breach-mistrust": 5,
    "trust-misalignment": 8,  # 7 until its survey section and two survey tips (issue 17)
    "university-county-no-facilitation": 4,
}
PRINT_WIDTH = 720  # Letter less the stylesheet's half-inch margins, at 96 px per inch


def _decisions(name: str) -> list[str]:
    """Every blocker and condition title, and each blank critical question's number."""
    report = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    titles = [
        f["title"]
        for f in report["findings"]
        if f["status"] in ("open", "expired-waiver")
        and f["severity"] in ("blocker", "major")
        and not f["completeness"]
    ]
    return titles + [q["id"] for q in report["unanswered"] if q["critical"]]


def _flat(text: str) -> str:
    """Text as read: ligatures a PDF draws (fi, ff) as letters, soft hyphens gone, one space."""
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u00ad", "").split())


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_printed_report_fits_its_pages_and_page_one_holds_every_decision(
    browser: Browser, name: str
) -> None:
    printed = browser.print_pdf(GOLDEN / f"{name}.html")
    assert printed.page_count <= PAGES[name]
    first = _flat(printed.pages[0])
    label = _flat((GOLDEN / f"{name}.md").read_text(encoding="utf-8").splitlines()[0])
    assert label.split(": ", 1)[0].split(" ", 2)[2] in first
    assert [title for title in _decisions(name) if _flat(title) not in first] == []


def test_the_no_go_example_prints_on_at_most_nine_pages(browser: Browser) -> None:
    assert browser.print_pdf(GOLDEN / "decision-already-made.html").page_count <= 9


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_table_is_clipped_or_overflows_at_print_width(browser: Browser, name: str) -> None:
    assert browser.overflowing_tables(GOLDEN / f"{name}.html", width=PRINT_WIDTH) == []


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_html_report_fetches_nothing(browser: Browser, name: str) -> None:
    assert browser.refused_requests(GOLDEN / f"{name}.html") == []


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_html_first_screen_shows_the_verdict_and_what_to_do(
    browser: Browser, name: str
) -> None:
    seen = _flat(browser.first_screen_text(GOLDEN / f"{name}.html"))
    decisions = _decisions(name)
    assert "Why " in seen
    if decisions:
        assert _flat(decisions[0]) in seen


def test_charts_are_drawn_where_they_add_to_the_table(browser: Browser) -> None:
    charts = browser.evaluate(
        GOLDEN / "trust-misalignment.html",
        "() => Array.from(document.querySelectorAll('main svg figure, figure svg')).length",
    )
    assert charts >= 1
