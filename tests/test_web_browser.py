"""`readiness serve` in a real browser: the portfolio lists the examples, a profile page shows
its verdict, and nothing is fetched from elsewhere. The server is uvicorn in a thread, on a free
port, as `readiness serve --no-browser` runs it."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.web.app import Settings, create_app
from engine.web.security import Guard, allowed_hosts
from engine.web.server import bind, server, url
from tests.browser import Browser
from tests.conftest import EXAMPLES


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    for example in EXAMPLES:
        shutil.copy(example, tmp_path / example.name)
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    app = create_app(Settings(tmp_path, Guard(allowed_hosts("127.0.0.1", port))))
    running = server(app)
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    started = threading.Event()
    for _ in range(200):
        if running.started:
            break
        started.wait(0.05)
    assert running.started, "uvicorn did not start"
    try:
        yield url("127.0.0.1", port)
    finally:
        running.should_exit = True
        thread.join(10)
        sock.close()


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
