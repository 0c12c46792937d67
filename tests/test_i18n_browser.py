"""Every language's pages as a reader meets them in Chromium: axe-core (WCAG 2.2 A/AA) finds
nothing, no page scrolls sideways on a phone, and a respondent's Spanish answers import.

Spanish and French run 20 to 30 % longer than English, so each language is checked at desktop
width and at 390 px; a data table may scroll inside its own box, never the page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from engine.cli.main import main
from tests.browser import PHONE, SCREEN, Browser
from tests.conftest import PROFILES, Run
from tests.survey_page import fill, save

pytestmark = pytest.mark.browser
Cli = Callable[..., Run]
TODAY = ("--today", "2026-11-23")
TENANTS = "Westbay Tenant Network"
SIZES = {"desktop": SCREEN, "phone": PHONE}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The survey and the two richest reports, in every shipped language."""
    out = tmp_path_factory.mktemp("pages")
    found = {}
    for lang in ("en", "es", "fr"):
        folder = out / lang
        profile = str(PROFILES / "trust-misalignment.yaml")
        args = ["survey", "make", profile, "--stakeholder", TENANTS, "-o", str(folder / "s")]
        assert main([*args, "--lang", lang]) == 0
        [found[lang, "survey"]] = (folder / "s").glob("*.html")
        for name in ("trust-misalignment", "state-breach-mistrust"):
            target = folder / f"{name}.html"
            report = [str(PROFILES / f"{name}.yaml"), "--format", "html", "-o", str(target)]
            assert main(["assess", *report, "--lang", lang, "--fail-on", "never", *TODAY]) == 0
            found[lang, name] = target
    return found


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", ["survey", "trust-misalignment", "state-breach-mistrust"])
@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_no_violations_and_no_sideways_scroll(
    browser: Browser, pages: dict[tuple[str, str], Path], lang: str, page: str, size: str
) -> None:
    assert browser.accessibility(pages[lang, page], size=SIZES[size]) == []


def test_a_respondents_spanish_answers_import(browser: Browser, cli: Cli, tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_bytes((PROFILES / "trust-misalignment.yaml").read_bytes())
    run = cli("survey", "make", str(profile), "--stakeholder", TENANTS, "-o", str(tmp_path))
    assert run.code == 0
    spanish = cli("survey", "make", str(profile), "--stakeholder", TENANTS, "--lang", "es",
                  "-o", str(tmp_path / "es"))  # fmt: skip
    assert spanish.code == 0, spanish.err
    [survey] = (tmp_path / "es").glob("*.es.html")
    answers = {
        "rank_privacy_security": "1",
        "rank_legal_compliance": "2",
        "trust_privacy_security": "low",
        "expectations_privacy_security": "partly",
        "better_able_to_trust": "somewhat",
        "concerns_privacy_security": "¿Quién verá mis datos?",
    }
    with browser.open(survey) as page:
        assert page.locator("#save").inner_text() == "Guardar mis respuestas"
        fill(page, {"rank_legal_compliance": "1", "rank_privacy_security": "1"})
        page.locator("#save").click()
        problem = page.locator("#problem").inner_text()
        assert problem.startswith("El lugar 1") or ("1" in problem and "dos veces" in problem)
        fill(page, answers)
        saved = save(page, tmp_path)
        assert saved.name in page.locator("#status").inner_text()
    done = cli("survey", "import", str(profile), str(saved), "--write", "--comments", *TODAY)
    assert done.code == 0, done.err
    assert "¿Quién verá mis datos?" in done.out
    report = cli("assess", str(profile), "--fail-on", "never", *TODAY).out
    section = report.split(f"### {TENANTS}", 1)[1]
    assert "Survey: **1 response**" in section
    assert "| Privacy and security | " in section and "| low | partly |" in section
