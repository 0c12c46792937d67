"""Filling the HTML survey in a browser as a respondent does, and saving the answers file."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page


def fill(page: Page, answers: dict[str, str]) -> None:
    """Answer as a respondent: choose places, click the radio buttons, type the free text."""
    for name, value in answers.items():
        if name.startswith("rank_"):
            page.select_option(f'select[name="{name}"]', value)
        elif name.startswith(("trust_", "expectations_", "better_able")):
            page.check(f'input[name="{name}"][value="{value}"]')
        else:
            page.fill(f'[name="{name}"]', value)


def save(page: Page, folder: Path) -> Path:
    """Press Save my answers (in the page's language) and keep the file the page downloads."""
    with page.expect_download() as saving:
        page.locator("#save").click()
    download = saving.value
    target = folder / download.suggested_filename
    download.save_as(target)
    return target
