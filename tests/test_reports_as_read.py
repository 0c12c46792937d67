"""The golden reports as a reader meets them: on GitHub's first screen, and as mermaid draws them.

The tools are in tests/browser.py, tests/github_view.py and tests/mermaid_check.py; these tests
skip without Chromium (and npm, for mermaid), except in CI, where they fail.
"""

from __future__ import annotations

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
