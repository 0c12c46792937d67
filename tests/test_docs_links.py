"""The front door and the reference stay honest: README.md is short, and every relative link in it
and in docs/ (and the benchmarks' page) leads to a file that exists and, with `#anchor`, to a
heading that file has, as GitHub makes the anchor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGES = [
    ROOT / "README.md",
    ROOT / "benchmarks" / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
]
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r"^#{1,6} (.+)$", re.MULTILINE)
README_LINES = 200


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = _FENCE.sub("", page.read_text("utf-8"))
    return {anchor(h) for h in _HEADING.findall(text)} | set(re.findall(r'id="([^"]+)"', text))


def _links(page: Path) -> list[str]:
    return _LINK.findall(_FENCE.sub("", page.read_text("utf-8")))


def _broken(page: Path, target: str) -> str | None:
    if re.match(r"^[a-z]+:", target):  # https:, mailto: ... are not ours to check here
        return None
    path, _, fragment = target.partition("#")
    found = (page.parent / path).resolve() if path else page
    if not found.exists():
        return f"{page.name}: {target} (no such file)"
    if fragment and found.suffix == ".md" and fragment not in _anchors(found):
        return f"{page.name}: {target} (no such heading)"
    return None


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(page: Path) -> None:
    links = _links(page)
    assert links or page.name != "README.md"
    assert [problem for link in links if (problem := _broken(page, link))] == []


def test_the_readme_is_a_front_door() -> None:
    lines = (ROOT / "README.md").read_text("utf-8").splitlines()
    assert len(lines) <= README_LINES
    first_code = lines.index("```sh")
    assert lines[first_code + 3].startswith("python3 -m venv .venv")  # the two commands open it
    assert lines[first_code + 6].startswith("python3 -m venv .venv")


def test_every_docs_page_is_linked_from_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for page in PAGES[1:]:
        assert str(page.relative_to(ROOT)) in readme, page.name


def test_the_anchor_rule_is_githubs() -> None:
    assert anchor("The workspace: `readiness serve`") == "the-workspace-readiness-serve"
    assert anchor("For translators: the round trip") == "for-translators-the-round-trip"
