"""Writes the first screen of every example report into docs/screenshots/ for the README.

Run `.venv/bin/python -m tests.screenshots` after the golden reports change. It uses the same
browser tooling as the tests (Debian's chromium through Playwright): each Markdown report as
GitHub's file view shows it at 1200x900, below GitHub's own header, and the NO-GO example's HTML;
a stakeholder survey partly filled in; with the serve extra installed, also the `readiness serve`
portfolio, editor and a profile page.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from engine.cli.main import main as readiness
from tests.browser import Browser, find_chromium, launch
from tests.github_view import github_page
from tests.survey_page import fill

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
        _survey_screenshot(browser)
        _serve_screenshots(browser)
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots to {OUT.relative_to(ROOT)}")


# What the screenshot's respondent has answered when it is taken: two elements, in full.
SURVEY_ANSWERS = {
    "rank_legal_compliance": "3",
    "trust_legal_compliance": "medium",
    "expectations_legal_compliance": "partly",
    "concerns_legal_compliance": "Who checks the agreement with the Housing Authority each year?",
    "rank_privacy_security": "1",
    "trust_privacy_security": "low",
}


def _survey_screenshot(browser: Browser) -> None:
    """survey.png: the trust-misalignment example's survey for the Westbay Tenant Network,
    partly filled in, scrolled to the first element with practices written down."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        profile = ROOT / "profiles" / "trust-misalignment.yaml"
        name = "Westbay Tenant Network"
        code = readiness(["survey", "make", str(profile), "--stakeholder", name, "-o", str(folder)])
        assert code == 0, "survey make failed"
        with browser.open(folder / "survey-westbay-tenant-network.html") as page:
            fill(page, SURVEY_ANSWERS)
            page.evaluate("() => document.getElementById('legal_compliance-h').scrollIntoView()")
            page.evaluate("() => window.scrollBy(0, -24)")
            page.screenshot(path=OUT / "survey.png")


def _serve_screenshots(browser: Browser) -> None:
    """The workspace over the examples: serve-portfolio, serve-editor and serve-profile PNGs."""
    try:  # imported here: the serve extra is optional
        serving = importlib.import_module("tests.web_server").serving
    except ModuleNotFoundError:  # no serve extra (Starlette, uvicorn): report screenshots only
        print("skipped the serve screenshots: pip install 'ids-readiness[serve]'")
        return
    # A fixed folder and fixed file times: the portfolio shows both, and a screenshot that
    # changes on every run would be a changed file in every commit that regenerates them.
    folder = Path(tempfile.gettempdir()) / "ids-readiness-screenshots" / "profiles"
    shutil.rmtree(folder.parent, ignore_errors=True)
    folder.mkdir(parents=True)
    changed = time.mktime((2026, 11, 23, 9, 30, 0, 0, 0, -1))
    for example in sorted((ROOT / "profiles").glob("*.yaml")):
        shutil.copy(example, folder / example.name)
        os.utime(folder / example.name, (changed, changed))
    try:
        with serving(folder) as address:
            shots = {
                "serve-portfolio.png": "",
                "serve-editor.png": "p/trust-misalignment.yaml/edit",
                "serve-profile.png": "p/trust-misalignment.yaml",
            }
            for name, path in shots.items():
                with browser.visit(address + path) as page:
                    page.screenshot(path=OUT / name)
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
