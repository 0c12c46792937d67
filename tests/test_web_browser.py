"""`readiness serve` in a real browser: the portfolio lists the examples, a profile page shows
its verdict, and nothing is fetched from elsewhere. The server is uvicorn in a thread, on a free
port, as `readiness serve --no-browser` runs it (`tests.web_server`)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import Browser
from tests.conftest import EXAMPLES
from tests.web_server import serving


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    for example in EXAMPLES:
        shutil.copy(example, tmp_path / example.name)
    with serving(tmp_path) as address:
        yield address


def test_portfolio_and_a_profile_page_in_a_browser(browser: Browser, served: str) -> None:
    with browser.visit(served) as page:
        rows = page.locator("table.portfolio tbody tr")
        assert rows.count() == len(EXAMPLES)
        assert "GO WITH CONDITIONS" in page.locator("table.portfolio").inner_text()
        page.get_by_role(
            "link", name="Bayside healthy homes linkage, 2027 community engagement"
        ).click()
        page.wait_for_url("**/p/trust-misalignment.yaml")
        header = page.locator("header.verdict").inner_text()
        assert "GO WITH CONDITIONS" in header
        assert page.get_by_role("link", name="Markdown").get_attribute("href") == (
            "/p/trust-misalignment.yaml/report.md"
        )
