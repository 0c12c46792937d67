"""The Markdown report as a board meets it on GitHub: decisions on the first screen, links that
land, evidence in the planner's words, and links to profile lines only from a checked base URL."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest

from engine.render.escape import prose
from engine.rules.fact_catalog import catalog
from tests.conftest import EXAMPLES, ROOT, Run
from tests.test_golden_reports import GOLDEN, _markdown_problems, internal_links

NAMES = [path.stem for path in EXAMPLES]
FIRST_SCREEN = 25  # source lines: about what GitHub shows at 1200x900 above the fold
BASE = "https://github.com/org/repo/blob/main/"
# A dotted field path: two or more identifiers joined by dots, maybe with list indices.
DOTTED = re.compile(r"\b[a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?){1,}\b")
LABELS = {"no-go": "NO-GO", "incomplete": "INCOMPLETE", "conditional": "GO WITH CONDITIONS"}


def _golden(name: str) -> tuple[str, dict]:  # type: ignore[type-arg]
    text = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    return text, json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def _body(text: str) -> str:
    return text.split("\n## Appendix", 1)[0]


@pytest.mark.parametrize("name", NAMES)
def test_no_field_path_appears_in_the_body(name: str) -> None:
    text, report = _golden(name)
    # URLs and file names hold dots too; what is left must not look like a path.
    _assert_no_paths(_body(text), report, r"\]\([^)]*\)|\S+\.ya?ml\b|<https?://[^>]*>")


def _assert_no_paths(body: str, report: dict, links: str) -> None:  # type: ignore[type-arg]
    """No fact, field or dotted path in a report body, once the `links` pattern is removed."""
    facts = {e["fact"] for f in report["findings"] for e in f["evidence"]}
    facts |= {q["field"] for q in report["unanswered"]}
    assert [fact for fact in sorted(facts) if fact in body] == []
    assert [f for f in catalog() if f in body] == []
    assert DOTTED.findall(re.sub(links, "", body)) == []


@pytest.mark.parametrize("name", NAMES)
def test_the_first_screen_holds_the_verdict_and_every_decision(name: str) -> None:
    text, report = _golden(name)
    first = "\n".join(text.splitlines()[:FIRST_SCREEN])
    assert report["verdict"] == "go" or LABELS[report["verdict"]] in first.splitlines()[0]
    decisions = [
        f
        for f in report["findings"]
        if f["status"] in ("open", "expired-waiver") and f["severity"] in ("blocker", "major")
    ]
    # A blank critical question is listed as the question to answer, under its own link.
    titles = [f["title"] for f in decisions if not f["completeness"]]
    assert [title for title in titles if prose(title) not in first] == []
    assert [f["rule"] for f in decisions if f"(#finding-{f['rule']})" not in first] == []
    assert "## What to do before engaging" in first or not decisions


class _Targets(HTMLParser):
    """Ids and in-page links in HTML, and which ids sit inside a heading."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.in_heading: set[str] = set()
        self.hrefs: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("h2", "h3"):
            self._depth += 1
        if found.get("id"):
            self.ids.add(str(found["id"]))
            if self._depth:
                self.in_heading.add(str(found["id"]))
        if tag == "a" and str(found.get("href", "")).startswith("#"):
            self.hrefs.append(str(found["href"])[1:])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3"):
            self._depth -= 1


@pytest.mark.parametrize("name", NAMES)
def test_every_to_do_link_lands_on_its_heading(name: str) -> None:
    text, _ = _golden(name)
    # GitHub renders raw HTML and then sanitises it, keeping `id` (prefixed `user-content-`, which
    # its in-page links follow); cmark-gfm without UNSAFE would drop the anchors altogether.
    html = cmarkgfm.github_flavored_markdown_to_html(
        text, options=cmarkgfm.Options.CMARK_OPT_UNSAFE
    )
    targets = _Targets()
    targets.feed(html)
    todo = text.split("## What to do before engaging", 1)[-1].split("\n## ", 1)[0]
    listed = re.findall(r"\]\(#([a-z0-9-]+)\)", todo)
    assert len(listed) == len(set(listed))
    assert [href for href in targets.hrefs if href not in targets.in_heading] == []
    assert set(listed) <= targets.in_heading


def _assess(cli: Callable[..., Run], path: str, *extra: str) -> Run:
    return cli("assess", path, "--today", "2026-11-23", "--fail-on", "never", *extra)


@pytest.mark.parametrize(
    "base",
    [
        "ftp://example.org/",
        "javascript:alert(1)",
        "https://exa mple.org/",
        "https://example.org/\x1b[31m",
        'https://example.org/"><script>',
        "https://example.org/<b>",
        "example.org/repo",
        "https://",
        "",
    ],
)
def test_a_bad_link_base_is_a_usage_error(cli: Callable[..., Run], base: str) -> None:
    run = _assess(cli, str(ROOT / "profiles" / "county-ready.yaml"), "--link-base", base)
    assert run.code == 2
    assert "--link-base" in run.err and run.out == ""


def test_each_answer_links_to_its_line(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    run = _assess(cli, "profiles/decision-already-made.yaml", "--link-base", BASE)
    assert run.code == 0, run.err
    link = f"[line 184]({BASE}profiles/decision-already-made.yaml#L184)"
    assert link in run.out
    without = _assess(cli, "profiles/decision-already-made.yaml").out
    assert "#L184" not in without and " · line 184" in without  # the line, without a link


def test_a_profile_path_is_percent_encoded_in_links(
    cli: Callable[..., Run], write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = (ROOT / "profiles" / "decision-already-made.yaml").read_text(encoding="utf-8")
    path = write(profile, name="x (draft) [1].yaml")
    monkeypatch.chdir(path.parent)
    run = _assess(cli, path.name, "--link-base", "https://example.org/a(b)/")
    assert run.code == 0, run.err
    html = cmarkgfm.github_flavored_markdown_to_html(run.out)
    assert 'href="https://example.org/a%28b%29/x%20%28draft%29%20%5B1%5D.yaml#L184"' in html


def test_hostile_answers_quoted_as_evidence_cannot_inject(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    hostile = [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "<details><summary>x</summary>",
        '<a id="finding-x"></a>',
        "](#finding-x)",
    ]
    text = (
        "schema_version: 1\n"
        "environment:\n"
        "  sensitivity:\n"
        "    related_social_economic_issues: yes\n"
        f"    competing_issues: {json.dumps(hostile)}\n"
    )
    run = _assess(cli, str(write(text)), "--link-base", BASE)
    assert run.code == 0, run.err
    assert "alert(1)" in run.out  # quoted, as written, but inert
    assert _markdown_problems(run.out) == []
    html = cmarkgfm.github_flavored_markdown_to_html(
        run.out, options=cmarkgfm.Options.CMARK_OPT_UNSAFE
    )
    assert "<script" not in html and "javascript:" not in html.replace("javascript:alert", "")
    links = set(re.findall(r'href="([^"]*)"', html))
    anchors = {link for link in links if link.startswith("#")}
    assert anchors <= internal_links(run.out)
    assert all(link.startswith(("#", BASE, "https://open-data-institute")) for link in links)


def test_only_the_template_writes_html() -> None:
    allowed = re.compile(r'<a id="[a-z0-9-]+">|</a>|</?details>|</?summary>')
    for name in NAMES:
        text, _ = _golden(name)
        tags = re.findall(r"(?<!\\)<(?!https?://)[^>\n]+>", text)
        assert [t for t in tags if not allowed.fullmatch(t)] == [], name


@pytest.mark.parametrize("name", NAMES)
def test_an_area_with_blanks_is_never_called_ready(name: str) -> None:
    text, report = _golden(name)
    [ready] = [line for line in text.splitlines() if line.startswith("**Ready:**")]
    blank = [a["title"] for a in report["areas"] if a["unanswered"] or a["status"] != "ready"]
    assert [title for title in blank if prose(title) in ready] == []


class _Text(HTMLParser):
    """The text a reader sees in an HTML report's body, up to the appendix."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "title"):
            self.skip += 1
        if tag == "section" and ("id", "appendix") in attrs:
            self.done = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip and not self.done:
            self.parts.append(data)


@pytest.mark.parametrize("name", NAMES)
def test_no_field_path_appears_in_the_html_body(name: str) -> None:
    _, report = _golden(name)
    reader = _Text()
    reader.feed((GOLDEN / f"{name}.html").read_text(encoding="utf-8"))
    body = " ".join(reader.parts)
    assert reader.done and "Why" in body
    _assert_no_paths(body, report, r"\S+\.ya?ml\b|https?://\S+")
