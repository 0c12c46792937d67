"""`readiness survey make`: the two files, the same bytes every time, nothing fetched, nothing
from the profile turned into markup, and questions in our own words."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.profile.models.vocab import ELEMENT_TITLES
from engine.render.survey_page import script_hash
from engine.survey import questions
from engine.survey.questions import columns
from tests.conftest import PROFILES, ROOT, Run
from tests.html_tree import parse
from tests.survey_support import MAINTENANCE, WESTBAY

Cli = Callable[..., Run]
SOURCES = ROOT.parent / "shared" / "sources"
# Every element survey.html.j2 writes; anything else would have come from the profile.
SURVEY_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "p",
    "ul", "li", "strong", "em", "span", "noscript", "form", "input", "section", "div", "label",
    "select", "option", "fieldset", "legend", "textarea", "button", "footer", "script",
}  # fmt: skip
HOSTILE = "<script>alert(1)</script> \" onmouseover=x ' \u202egnp.exe \x1b[31m {{ 7*7 }}"


def _make(cli: Cli, profile: Path, out: Path, *more: str) -> Run:
    return cli("survey", "make", str(profile), "--stakeholder", WESTBAY, "-o", str(out), *more)


def test_make_writes_the_survey_and_the_template(cli: Cli, tmp_path: Path) -> None:
    run = _make(cli, PROFILES / "trust-misalignment.yaml", tmp_path / "out")
    assert run.code == 0, run.err
    html = (tmp_path / "out" / "survey-westbay-tenant-network.html").read_text("utf-8")
    template = (tmp_path / "out" / "survey-westbay-tenant-network.csv").read_bytes().decode()
    assert template == "\ufeff" + ",".join(columns()) + "\r\n"
    # Every column is a field of the page's form, so a saved file has the template's columns.
    names = set(re.findall(r'name="([a-z_]+)"', html))
    assert set(columns()) - {"respondent"} <= names and "respondent" not in names
    form = re.search(r'data-columns="([^"]+)"', html)
    assert form is not None and form.group(1).split(" ") == columns()
    for title in ELEMENT_TITLES.values():
        assert title in html
    assert "Two tenant seats on the board." in html  # the practices, beside the questions
    assert questions.CITATION in html


def test_the_same_profile_gives_the_same_bytes(cli: Cli, tmp_path: Path) -> None:
    example = PROFILES / "trust-misalignment.yaml"
    _make(cli, example, tmp_path / "one")
    _make(cli, example, tmp_path / "two")
    for made in (tmp_path / "one").iterdir():
        assert made.read_bytes() == (tmp_path / "two" / made.name).read_bytes()


def test_a_name_is_asked_only_when_the_planner_wants_one(cli: Cli, tmp_path: Path) -> None:
    example = str(PROFILES / "trust-misalignment.yaml")
    run = cli("survey", "make", example, "--stakeholder", MAINTENANCE, "-o", str(tmp_path))
    html = (tmp_path / "survey-bayside-housing-authority-maintenance-staff.html").read_text()
    assert run.code == 0 and 'name="respondent"' not in html
    asked = tmp_path / "asked"
    cli("survey", "make", example, "--stakeholder", MAINTENANCE, "-o", str(asked), "--ask-name")
    html = (asked / "survey-bayside-housing-authority-maintenance-staff.html").read_text()
    assert 'name="respondent"' in html and "We do not ask for your name" not in html
    assert "Your safety comes first" not in html


def test_a_group_at_risk_is_asked_no_name_and_told_first_what_is_kept(
    cli: Cli, tmp_path: Path
) -> None:
    """Westbay's tenants could be harmed if identified (2.8b: yes)."""
    refused = _make(cli, PROFILES / "trust-misalignment.yaml", tmp_path / "no", "--ask-name")
    assert refused.code == 2 and not (tmp_path / "no").exists()
    assert "--ask-name: 'Westbay Tenant Network' could be harmed if its members" in refused.err
    assert _make(cli, PROFILES / "trust-misalignment.yaml", tmp_path).code == 0
    html = (tmp_path / "survey-westbay-tenant-network.html").read_text("utf-8")
    header = html.split("<form", 1)[0]  # the first screen, before any question
    assert "Your safety comes first" in header and "We do not ask your name" in header
    assert "We keep only how many people gave each answer" in header
    assert 'name="respondent"' not in html


def test_the_page_fetches_nothing_and_runs_only_its_own_script(cli: Cli, tmp_path: Path) -> None:
    _make(cli, PROFILES / "trust-misalignment.yaml", tmp_path)
    html = (tmp_path / "survey-westbay-tenant-network.html").read_text("utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "@import" not in html and "url(" not in html
    [script] = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    assert "default-src 'none'" in policy.group(1) and "form-action 'none'" in policy.group(1)
    assert f"script-src '{script_hash(script)}'" in policy.group(1)
    assert len(html.encode("utf-8")) < 60_000


def test_profile_text_never_becomes_markup(cli: Cli, tmp_path: Path) -> None:
    profile = tmp_path / "hostile.yaml"
    text = (PROFILES / "trust-misalignment.yaml").read_text("utf-8")
    text = text.replace("Two tenant seats on the board.", _yaml_quoted(HOSTILE))
    text = text.replace(
        "  ids: Bayside Regional Data Partnership\n", f"  ids: {_yaml_quoted(HOSTILE)}\n"
    )
    profile.write_text(text, "utf-8")
    assert _make(cli, profile, tmp_path).code == 0
    html = (tmp_path / "survey-westbay-tenant-network.html").read_text("utf-8")
    assert "<script>alert" not in html and '" onmouseover' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\u202e" not in html and "\x1b" not in html and "\\u202e" in html
    assert "{{ 7*7 }}" in html  # shown as typed: profile text is never a template
    tree = parse(html)
    assert len(tree.of("script")) == 1 and tree.odd == []
    assert {tag for tag, _ in tree.elements} <= SURVEY_TAGS
    assert not [name for _, attrs in tree.elements for name in attrs if name.startswith("on")]


def _yaml_quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\x1b", "\\e")
    return '"' + escaped.replace("\u202e", "\\u202e") + '"'


def test_an_unknown_stakeholder_is_one_line_and_nothing_is_written(
    cli: Cli, tmp_path: Path
) -> None:
    run = cli(
        "survey", "make", str(PROFILES / "trust-misalignment.yaml"), "--stakeholder",
        "Westbay Tenants", "-o", str(tmp_path / "out"),
    )  # fmt: skip
    assert run.code == 2
    assert run.err.splitlines()[0].endswith("(did you mean 'Westbay Tenant Network'?)")
    assert not (tmp_path / "out").exists()


def test_an_invalid_profile_is_refused(cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nprofile:\n  nmae: x\n", "utf-8")
    run = _make(cli, broken, tmp_path / "out")
    assert run.code == 2 and "broken.yaml:3:3: error: unknown field 'nmae'" in run.err


def test_a_file_in_the_way_of_the_folder_is_refused(cli: Cli, tmp_path: Path) -> None:
    example = tmp_path / "p.yaml"
    shutil.copy(PROFILES / "trust-misalignment.yaml", example)
    (tmp_path / "out").write_text("not a folder", "utf-8")
    run = _make(cli, example, tmp_path / "out" / "deeper")
    assert run.code == 2 and "out: error: exists and is not a folder" in run.err
    assert (tmp_path / "out").read_text("utf-8") == "not a folder"


def _ngrams(text: str, n: int = 7) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SOURCES.exists(), reason="shared/sources is not beside this checkout")
def test_the_questions_are_in_our_own_words() -> None:
    """No seven consecutive words of Activity 6 in the survey's wording or its page."""
    source = set().union(*(_ngrams(p.read_text("utf-8")) for p in SOURCES.glob("*.txt")))
    wording = [value for value in vars(questions).values() if isinstance(value, str)]
    wording += list(questions.ELEMENT_MEANINGS.values())
    wording.append((ROOT / "engine" / "render" / "templates" / "survey.html.j2").read_text("utf-8"))
    copied = sorted(" ".join(g) for text in wording for g in _ngrams(text) & source)
    assert copied == []
