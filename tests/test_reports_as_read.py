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
