"""Writes the first screen of every example report into docs/screenshots/ for the README.

Run `.venv/bin/python -m tests.screenshots` after the golden reports change. It uses the same
browser tooling as the tests (Debian's chromium through Playwright): each Markdown report as
GitHub's file view shows it at 1200x900, below GitHub's own header, and the NO-GO example's HTML.
"""

from __future__ import annotations

from pathlib import Path

from tests.browser import find_chromium, launch
from tests.github_view import github_page

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("screenshots need Debian's chromium (apt-get install chromium)")
    OUT.mkdir(parents=True, exist_ok=True)
    with launch(chromium) as browser:
        for report in sorted(GOLDEN.glob("*.md")):
            if report.name.endswith(".diff.md"):
                continue
            page = github_page(report.read_text(encoding="utf-8"))
            browser.screenshot(page, OUT / f"{report.stem}.github.png")
        browser.screenshot(
            GOLDEN / "decision-already-made.html", OUT / "decision-already-made.html.png"
        )
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
