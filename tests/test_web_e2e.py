"""The editor end to end, in a real browser (Debian's chromium through Playwright), as a planner
uses it: a new profile with a planner's mistakes, an edit of a commented example, a conflict, a
path that tries to leave the folder, keyboard-only use, and a whole example filled in by hand,
part after part.

Every check of a saved file goes through the CLI (`readiness assess`), so the page and the
command line are held to the same verdict.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from engine.cli.main import main
from engine.profile.loader import parse_text
from engine.profile.models import Profile
from engine.profile.validation import validate_tree
from engine.web.form.parts import PARTS
from engine.web.saving import same_answers
from tests.browser import Browser
from tests.conftest import PROFILES
from tests.web_server import serving

FORM = "form.ws-form"
# The questionnaire's answers on a page, as the browser would submit them (no reserved field).
ANSWERS_JS = """(selector) => [...new FormData(document.querySelector(selector)).entries()]
  .filter(([name]) => !name.startsWith("_"))"""
SHOWN_JS = """(selector) => [...document.querySelector(selector).elements]
  .filter((e) => e.name && (e.type === "hidden" || e.checkVisibility())).map((e) => e.name)"""
KINDS_JS = """(selector) => Object.fromEntries([...document.querySelector(selector).elements]
  .filter((e) => e.name).map((e) => [e.name, e.tagName === "INPUT" ? e.type : e.tagName]))"""
# Entries and like sections (budget lines) fold to one line each; a planner opens them to answer.
OPEN_ALL = "() => document.querySelectorAll('details').forEach((d) => { d.open = true; })"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    work = tmp_path / "profiles"
    work.mkdir()
    return work


@pytest.fixture
def served(folder: Path) -> Iterator[str]:
    with serving(folder) as address:
        yield address.rstrip("/")


def cli_verdict(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The verdict `readiness assess` gives a file (from its summary line)."""
    capsys.readouterr()
    main(["assess", "--fail-on", "never", str(path)])
    said = capsys.readouterr().err
    found = re.search(rf"{re.escape(str(path))}: ([A-Z -]+?) \(", said)
    assert found, said
    return found.group(1)


def page_verdict(page: Page) -> str:
    return page.locator("header.verdict").inner_text()


def field(page: Page, name: str) -> str:
    return f'{FORM} [name="{name}"]'


def errors_of(page: Page, name: str) -> str:
    return page.locator(f'[id="f-{name}--errors"]').inner_text()


def press(page: Page, value: str) -> None:
    """Press one of the form's buttons (a save, or an add or remove) and wait for the new page."""
    with page.expect_navigation():
        page.locator(f'{FORM} button[value="{value}"]').first.click()
    if value not in ("save", "report"):
        assert page.locator(FORM).count() == 1, page.content()[:1500]


def _summary_links(page: Page) -> list[str]:
    """The error summary's links, once it has the focus (as it must after a refused save)."""
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith("Error: ")
    return [str(a.get_attribute("href")) for a in page.locator("#error-summary a").all()]


def test_a_new_profile_with_a_planners_mistakes(
    browser: Browser, served: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with browser.visit(served) as page:
        with page.expect_navigation():
            page.get_by_role("link", name="New profile", exact=True).click()
        page.get_by_label("File name").fill("planner.yaml")
        page.fill(field(page, "profile.name"), "Lakeshore #2: first try")
        page.fill(field(page, "profile.prepared_on"), "next week")
        press(page, "next")  # refused: nothing written, the summary says why
        assert not (folder / "planner.yaml").exists()
        assert _summary_links(page) == ["#f-profile.prepared_on"]
        assert "'next week'" in errors_of(page, "profile.prepared_on")
        # What the planner typed is still there to correct.
        assert page.input_value(field(page, "profile.name")) == "Lakeshore #2: first try"
        page.fill(field(page, "profile.prepared_on"), "2026-11-19")
        press(page, "next")
        page.wait_for_url("**/p/planner.yaml/edit/objectives")

        page.goto(f"{served}/p/planner.yaml/edit/timeline")
        page.fill(field(page, "resources.timeline.min_duration_days"), "three weeks")
        press(page, "save")
        assert _summary_links(page) == ["#f-resources.timeline.min_duration_days"]
        assert "'three weeks'" in errors_of(page, "resources.timeline.min_duration_days")
        page.fill(field(page, "resources.timeline.min_duration_days"), "21")
        press(page, "save")
        page.wait_for_url("**/p/planner.yaml/edit/timeline?saved=1")

        page.goto(f"{served}/p/planner.yaml/edit/practices")
        page.select_option(field(page, "trust.organisation_ranking.0"), "privacy_security")
        page.select_option(field(page, "trust.organisation_ranking.1"), "privacy_security")
        press(page, "save")
        assert _summary_links(page) == ["#f-trust.organisation_ranking.0"]
        assert "'privacy_security' is listed twice" in errors_of(page, "trust.organisation_ranking")
        page.select_option(field(page, "trust.organisation_ranking.1"), "quality_accuracy")
        press(page, "next")
        page.wait_for_url("**/p/planner.yaml/edit/feedback")

        page.goto(f"{served}/p/planner.yaml/edit/waivers")
        press(page, "add:waivers")  # the form comes back with an empty waiver, nothing written
        page.fill(field(page, "waivers.0.rule"), "objectives-missing")
        page.fill(field(page, "waivers.0.approved_by"), "Dana Whitfield")
        press(page, "report")
        assert _summary_links(page) == ["#f-waivers.0.reason"]
        assert "waivers[0].reason is required" in errors_of(page, "waivers.0.reason")
        page.fill(field(page, "waivers.0.reason"), "Objectives are set by the board in March.")
        press(page, "report")
        page.wait_for_url("**/p/planner.yaml")
        shown = page_verdict(page)

    saved = folder / "planner.yaml"
    text = saved.read_text("utf-8")
    assert "  name: 'Lakeshore #2: first try'\n" in text and "min_duration_days: 21" in text
    assert cli_verdict(saved, capsys) in shown


def _comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def test_an_edit_of_a_commented_example_keeps_its_comments(
    browser: Browser, served: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = folder / "trust-misalignment.yaml"
    shutil.copy(PROFILES / example.name, example)
    before = example.read_text("utf-8")
    verdict = cli_verdict(example, capsys)
    with browser.visit(f"{served}/p/{example.name}/edit") as page:
        page.fill(field(page, "profile.prepared_by"), "Dana Whitfield (IDS lead): rev. 2")
        press(page, "save")
        page.wait_for_url(f"**/p/{example.name}/edit/about?saved=1")
        with page.expect_navigation():
            page.get_by_role("link", name="See the report").click()
        assert verdict in page_verdict(page)
    after = example.read_text("utf-8")
    assert after != before
    assert _comments(after) == _comments(before)
    assert cli_verdict(example, capsys) == verdict


def test_a_file_changed_meanwhile_shows_both_and_the_planner_chooses(
    browser: Browser, served: str, folder: Path
) -> None:
    example = folder / "county-ready.yaml"
    shutil.copy(PROFILES / example.name, example)
    with browser.visit(f"{served}/p/{example.name}/edit") as page:
        page.fill(field(page, "profile.prepared_by"), "Mine")
        theirs = example.read_text("utf-8").replace("# ", "# THEIRS ", 1)
        example.write_text(theirs, "utf-8")
        press(page, "save")
        assert "changed since you opened it" in page.locator("h1").inner_text()
        assert "THEIRS" in page.get_by_label("On disk now").inner_text()
        assert "prepared_by: Mine" in page.get_by_label("Your version").inner_text()
        assert example.read_text("utf-8") == theirs  # nothing written yet
        with page.expect_navigation():
            page.get_by_role("button", name="Save as new file").click()
        page.wait_for_url("**/p/county-ready-mine.yaml")
    assert example.read_text("utf-8") == theirs
    assert "prepared_by: Mine" in (folder / "county-ready-mine.yaml").read_text("utf-8")


def test_paths_out_of_the_folder_are_refused_in_the_browser(
    browser: Browser, served: str, folder: Path
) -> None:
    secret = folder.parent / "secret.yaml"
    secret.write_text("schema_version: 1\nprofile:\n  name: SECRET\n", "utf-8")
    with browser.visit(f"{served}/p/..%2Fsecret.yaml/edit") as page:
        assert "Not a profile of this workspace" in page.locator("main").inner_text()
        assert "SECRET" not in page.content()
        response = page.goto(f"{served}/p/../secret.yaml")  # the browser drops the `..` itself
        assert response is not None and response.status == 404
        assert "SECRET" not in page.content()
        page.goto(f"{served}/new")
        page.get_by_label("File name").fill("../escape.yaml")
        press(page, "save")
        assert "File name:" in page.locator("[role=alert]").inner_text()
    assert not (folder.parent / "escape.yaml").exists()


def test_the_form_works_with_the_keyboard_alone(
    browser: Browser, served: str, folder: Path
) -> None:
    example = folder / "county-ready.yaml"
    shutil.copy(PROFILES / example.name, example)
    with browser.visit(f"{served}/p/{example.name}/edit") as page:
        for _ in range(40):  # Tab from the top of the page to the first answer
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.name") == "profile.name":
                break
        else:
            pytest.fail("Tab never reached the first answer")
        page.keyboard.press("Control+A")
        page.keyboard.type("Typed without a mouse")
        with page.expect_navigation():
            page.keyboard.press("Enter")  # a form's first button is Save
        page.wait_for_url(f"**/p/{example.name}/edit/about?saved=1")
    assert "  name: Typed without a mouse\n" in example.read_text("utf-8")


def test_filling_a_whole_example_through_the_form(
    browser: Browser, served: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """county-ready's every answer typed, chosen and ticked into "New profile", part after part,
    as a planner would; the time is printed (`pytest -n 0 -s`) for the README's note."""
    source = folder / "county-ready.yaml"
    shutil.copy(PROFILES / source.name, source)
    wanted = [_wanted(browser, f"{served}/p/{source.name}/edit/{part.slug}") for part in PARTS]
    started = time.perf_counter()
    adds = 0
    with browser.visit(f"{served}/new") as page:
        page.get_by_label("File name").fill("by-hand.yaml")
        for index, (answers, names, kinds) in enumerate(wanted):
            adds += _fill(page, answers, names, kinds)
            press(page, "next" if index + 1 < len(wanted) else "report")
        page.wait_for_url("**/p/by-hand.yaml")
        shown = page_verdict(page)
    elapsed = time.perf_counter() - started
    count = sum(len(answers) for answers, _, _ in wanted)
    with capsys.disabled():  # the number the README's note gives
        print(f"\nfilled {count} answers with {adds} presses in {elapsed:.1f} s")
    written = folder / "by-hand.yaml"
    assert same_answers(_profile(written), _profile(source))
    assert cli_verdict(written, capsys) == cli_verdict(source, capsys)
    assert cli_verdict(written, capsys) in shown


def _wanted(browser: Browser, url: str) -> tuple[list[tuple[str, str]], set[str], dict[str, str]]:
    """A part's answers as its page would send them, its field names, and each field's kind."""
    with browser.visit(url) as page:
        sent: list[tuple[str, str]] = [tuple(p) for p in page.evaluate(ANSWERS_JS, FORM)]
        kinds: dict[str, str] = page.evaluate(KINDS_JS, FORM)
    answers = [(name, value) for name, value in sent if value and kinds[name] != "hidden"]
    return answers, {name for name, _ in sent}, kinds


def _fill(
    page: Page, answers: list[tuple[str, str]], names: set[str], kinds: dict[str, str]
) -> int:
    """Answer a part's questions in order as a planner goes down the page: press a list's add
    button when it needs another entry, and "Check answers" when a follow-up is not shown yet;
    how many presses it took."""
    presses, done = 0, 0
    while True:
        page.evaluate(OPEN_ALL)
        present = set(page.evaluate(KINDS_JS, FORM))
        shown = set(page.evaluate(SHOWN_JS, FORM))
        for name, value in answers[done:]:
            if name not in shown:
                break
            _answer(page, name, value, kinds[name])
            done += 1
        missing = sorted(names - present, key=lambda n: (n.count("."), n))
        if not missing and done == len(answers):
            return presses
        first = answers[done][0] if done < len(answers) else missing[0]
        if first in present:  # there but hidden: a follow-up the answers above now call for
            press(page, "check")
        else:
            buttons = page.locator(f'{FORM} button[name="action"][value^="add:"]')
            lists = [str(b.get_attribute("value"))[4:] for b in buttons.all()]
            owner = max((li for li in lists if first.startswith(li + ".")), key=len, default=None)
            assert owner is not None, f"no add button for {first}"
            press(page, f"add:{owner}")
        presses += 1


def _answer(page: Page, name: str, value: str, kind: str) -> None:
    target = field(page, name)
    if kind in ("radio", "checkbox"):
        page.check(f'{target}[value="{value}"]')
    elif kind == "SELECT":
        page.select_option(target, value)
    else:
        page.fill(target, value)


def _profile(path: Path) -> Profile:
    text = path.read_text("utf-8")
    return validate_tree(parse_text(text, path.name), path.name)
