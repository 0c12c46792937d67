"""The HTML survey in a real browser (Debian's chromium through Playwright), as respondents and
the planner use it: opened from a file, filled, saved, printed, read without scripts, and its
answers imported from the command line and from the workspace.

Issue 17's "done when": from an example profile a survey is made, filled by three generated
respondents (two on the page, one in the CSV template), imported, and the report's alignment
section shows the aggregate and the response count.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.profile.models.vocab import ELEMENT_TITLES, ELEMENTS
from engine.survey import questions
from tests.browser import Browser
from tests.conftest import PROFILES, Run
from tests.survey_page import fill, save
from tests.survey_support import MAINTENANCE, as_csv, expected_median, row
from tests.web_server import serving

pytestmark = pytest.mark.browser
Cli = Callable[..., Run]
TODAY = ("--today", "2026-11-23")
SURVEY = "survey-bayside-housing-authority-maintenance-staff"
TRUST = ("none", "low", "medium", "high")
BLANK = "\u2013"  # how the report's tables show a blank answer
HOSTILE = "<img src=x onerror=alert(1)> \u202eevil =1+1"


def generated(seed: int) -> dict[str, str]:
    """A respondent's answers, drawn from a seeded generator: a top-k ranking, trust and
    expectations for some elements, and whether the evidence helped."""
    rng = random.Random(seed)
    order = rng.sample(ELEMENTS, len(ELEMENTS))[: rng.randint(3, len(ELEMENTS))]
    answers = {f"rank_{element}": str(place) for place, element in enumerate(order, start=1)}
    for element in rng.sample(ELEMENTS, 6):
        answers[f"trust_{element}"] = rng.choice(TRUST)
        answers[f"expectations_{element}"] = rng.choice(("yes", "partly", "no"))
    answers["better_able_to_trust"] = rng.choice(("yes", "somewhat", "no"))
    answers["concerns_privacy_security"] = HOSTILE
    return answers


@pytest.fixture
def made(cli: Cli, tmp_path: Path) -> tuple[Path, Path]:
    """The example profile (a copy) and the survey made from it for the maintenance staff."""
    profile = tmp_path / "trust-misalignment.yaml"
    shutil.copy(PROFILES / "trust-misalignment.yaml", profile)
    run = cli("survey", "make", str(profile), "--stakeholder", MAINTENANCE, "-o", str(tmp_path))
    assert run.code == 0, run.err
    return profile, tmp_path / f"{SURVEY}.html"


def test_three_respondents_fill_save_and_the_report_counts_them(
    browser: Browser, cli: Cli, made: tuple[Path, Path], tmp_path: Path
) -> None:
    profile, survey = made
    people = [generated(seed) for seed in (1, 2, 3)]
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    saved = []
    for answers in people[:2]:
        with browser.open(survey) as page:
            fill(page, answers)
            saved.append(save(page, downloads))
            assert "Saved as answers-" in page.locator("#status").inner_text()
    assert all(p.name.startswith("answers-bayside-housing-authority-") for p in saved)
    team = tmp_path / "team-tool.csv"
    team.write_bytes(as_csv([row(MAINTENANCE, **people[2])], separator=";"))
    run = cli("survey", "import", str(profile), *map(str, saved), str(team), "--write", *TODAY)
    assert run.code == 0, run.err
    report = cli("assess", str(profile), "--fail-on", "never", *TODAY).out
    section = report.split("### Bayside Housing Authority maintenance staff", 1)[1]
    assert "Survey: **3 responses** (3 ranked the elements)" in section
    assert "Fewer than 5 responses" in section
    table = section.split("| Element | Your rank |", 1)[1]
    for element in ELEMENTS:
        given = [p[f"trust_{element}"] for p in people if f"trust_{element}" in p]
        wanted = expected_median(given, TRUST) or BLANK
        title = ELEMENT_TITLES[element]
        line = next(
            ln for ln in table.splitlines() if ln.replace("**", "").startswith(f"| {title} |")
        )
        assert line.split(" | ")[4] == wanted, (element, line)
    assert "onerror" not in report and "evil" not in report


def test_the_saved_file_holds_exactly_what_was_answered(
    browser: Browser, cli: Cli, made: tuple[Path, Path], tmp_path: Path
) -> None:
    profile, survey = made
    with browser.open(survey) as page:
        fill(page, {"rank_legal_compliance": "1", "trust_legal_compliance": "high"})
        fill(page, {"comment": '"Quoted", and =SUM(A1)'})
        saved = save(page, tmp_path)
    data = saved.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + ",".join(questions.columns()).encode() + b"\r\n")
    run = cli("survey", "import", str(profile), str(saved), "--comments", *TODAY)
    assert run.code == 0, run.err
    assert '- Bayside Housing Authority maintenance staff, Overall: "Quoted", and =SUM(A1)' in (
        run.out
    )
    assert "legal_compliance: {rank_points: 9, trust_high: 1}" in run.out


def test_duplicate_places_are_caught_before_saving(
    browser: Browser, made: tuple[Path, Path]
) -> None:
    _, survey = made
    with browser.open(survey) as page:
        downloads: list[object] = []

        def saved(download: object) -> None:  # Playwright calls Python functions, not builtins
            downloads.append(download)

        page.on("download", saved)
        fill(page, {"rank_legal_compliance": "1", "rank_privacy_security": "1"})
        page.get_by_role("button", name="Save my answers").click()
        assert (
            page.locator("#problem").inner_text() == "Place 1 is given twice: give each place once."
        )
        fill(page, {"rank_privacy_security": "3"})
        page.get_by_role("button", name="Save my answers").click()
        assert "skip 2" in page.locator("#problem").inner_text()
        page.wait_for_timeout(300)
        assert downloads == []


def test_it_fetches_nothing_and_reports_no_error(browser: Browser, made: tuple[Path, Path]) -> None:
    _, survey = made
    assert browser.refused_requests(survey) == []
    errors: list[str] = []
    with browser.open(survey) as page:
        page.on("console", lambda message: errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.reload()
        page.wait_for_load_state("load")
        assert page.get_by_role("button", name="Save my answers").is_visible()
    assert errors == []


def test_every_question_shows_without_scripts(browser: Browser, made: tuple[Path, Path]) -> None:
    _, survey = made
    with browser.open(survey, scripts=False) as page:
        assert page.locator("select:visible").count() == len(ELEMENTS)
        for kind in ("trust", "expectations"):
            assert page.locator(f"fieldset:has(input[name^='{kind}_']):visible").count() == 10
        assert page.locator("textarea:visible").count() == len(ELEMENTS) + 1
        assert not page.get_by_role("button", name="Save my answers").is_visible()
        assert "cannot save your answers as a file" in page.locator("main").inner_text()


def test_keyboard_alone_reaches_every_answer(browser: Browser, made: tuple[Path, Path]) -> None:
    _, survey = made
    with browser.open(survey) as page:
        page.keyboard.press("Tab")
        reached: set[str] = set()
        for _ in range(200):
            name = page.evaluate("() => document.activeElement.name || document.activeElement.id")
            reached.add(name)
            page.keyboard.press("Tab")
        # A radio group is one tab stop: its arrows move within it, as in every form.
        wanted = {f"rank_{e}" for e in ELEMENTS} | {f"trust_{e}" for e in ELEMENTS} | {"save"}
        assert wanted <= reached


def test_the_printed_survey_holds_every_question(browser: Browser, made: tuple[Path, Path]) -> None:
    _, survey = made
    printed = browser.print_pdf(survey)
    text = " ".join(" ".join(page.split()) for page in printed.pages)
    for title in ELEMENT_TITLES.values():
        assert title in text
    assert text.count(questions.TRUST) == len(ELEMENTS)
    assert "Save my answers" not in text.replace("press Save my answers", "")
    assert printed.page_count <= 12


def test_the_workspace_imports_saved_answers(
    browser: Browser, cli: Cli, made: tuple[Path, Path], tmp_path: Path
) -> None:
    profile, survey = made
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copy(profile, folder / profile.name)
    saved = []
    for seed in (4, 5):
        with browser.open(survey) as page:
            fill(page, generated(seed))
            saved.append(save(page, tmp_path))
    with serving(folder) as address, browser.visit(address) as page:
        page.goto(f"{address}p/{profile.name}")
        page.get_by_role("link", name="Surveys").click()
        page.get_by_role("link", name=MAINTENANCE).click()
        page.set_input_files("input[type=file]", [str(p) for p in saved])
        page.get_by_role("button", name="Show the change").click()
        assert "responses: 2" in page.locator("pre").inner_text()
        assert "<img" in page.locator("main").inner_text()  # the respondents' words, as text
        page.get_by_role("button", name=f"Write these answers to {profile.name}").click()
        page.wait_for_url("**/survey?stakeholder=*")
        assert "2 responses" in page.locator("main").inner_text()
    report = cli("assess", str(folder / profile.name), "--fail-on", "never", *TODAY).out
    assert "Survey: **2 responses**" in report
