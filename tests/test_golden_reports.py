"""Golden reports: every example profile's Markdown, JSON and HTML report, byte for byte.

To regenerate after an intended change, run
    READINESS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_reports.py
and review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import cmarkgfm
import jsonschema
import pytest
from markdown_it import MarkdownIt

from engine.render.json_report import report_schema
from tests.conftest import EXAMPLES, ROOT, Run

GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = "2026-11-23"
UPDATE = os.environ.get("READINESS_UPDATE_GOLDEN") == "1"
NAMES = [path.stem for path in EXAMPLES]


def render(cli: Callable[..., Run], name: str, form: str) -> str:
    run = cli(
        "assess", f"profiles/{name}.yaml", "--format", form, "--today", TODAY, "--fail-on", "never"
    )
    assert run.code == 0, run.err
    return run.out


@pytest.fixture(autouse=True)
def _from_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports name the profile as given on the command line: profiles/<name>.yaml."""
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("form", "suffix"), [("markdown", ".md"), ("json", ".json"), ("html", ".html")]
)
def test_report_matches_golden_file(
    cli: Callable[..., Run], name: str, form: str, suffix: str
) -> None:
    text = render(cli, name, form)
    golden = GOLDEN / f"{name}{suffix}"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"regenerate: see {__name__} docstring"


_DELIMITER = re.compile(r"^\|(\s*:?-+:?\s*\|)+$")
# The only HTML a report may hold is the template's own: anchors for the what-to-do links, and
# <details> blocks around secondary detail. Profile and rule text is escaped, so any other HTML
# (or these shapes with other contents) means text got through unescaped.
TEMPLATE_HTML = re.compile(
    r'<a id="[a-z0-9-]+">|</a>|<details><summary>[\w ,]+</summary>\n|</details>\n'
)


def _cells(line: str) -> int:
    """Cells GitHub's own parser (cmark-gfm) finds in a table row.

    A parser pads short rows and drops extra cells silently, but a header row makes a table only
    when its delimiter row has exactly as many cells; so the row is tried as a header under
    delimiter rows of each width, and the one that makes a table is its width. Escaped pipes,
    code spans and backslashes are then counted exactly as GitHub counts them.
    """
    for width in range(1, line.count("|") + 1):
        html = cmarkgfm.github_flavored_markdown_to_html(f"{line}\n|{' --- |' * width}\n")
        if "<table>" in html:
            return width
    return 0


ANCHOR = re.compile(r'<a id="([a-z0-9-]+)"></a>')


def internal_links(text: str) -> set[str]:
    """The in-page links a report may hold: one per anchor the template wrote."""
    return {f"#{name}" for name in ANCHOR.findall(text)}


def _markdown_problems(text: str) -> list[str]:
    """Broken structure a reader would see on GitHub: ragged table rows, raw HTML.

    Row widths are counted in the source, because a Markdown parser silently pads short rows and
    drops extra cells, which is exactly the breakage to catch.
    """
    problems = []
    lines = text.splitlines()
    width = 0
    for index, line in enumerate(lines):
        if _DELIMITER.match(line) and index and lines[index - 1].startswith("|"):
            width = _cells(lines[index - 1])
            if _cells(line) != width:
                problems.append(f"line {index + 1}: delimiter row does not match its header")
        elif width and line.startswith("|"):
            if _cells(line) != width:
                problems.append(
                    f"line {index + 1}: {_cells(line)} cells under a {width}-cell header"
                )
        elif not line.startswith("|"):
            width = 0
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        found = [token, *(token.children or [])]
        problems += [
            f"raw HTML: {t.content[:60]!r}"
            for t in found
            if t.type.startswith("html_") and not TEMPLATE_HTML.fullmatch(t.content)
        ]
    return problems


@pytest.mark.parametrize("name", NAMES)
def test_report_parses_as_clean_markdown(cli: Callable[..., Run], name: str) -> None:
    text = render(cli, name, "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    first_heading = next(
        t for i, t in enumerate(tokens) if i and tokens[i - 1].type == "heading_open"
    )
    assert first_heading.content.split(":")[0].split(" ", 1)[1] in {
        "GO",
        "GO WITH CONDITIONS",
        "INCOMPLETE",
        "NO-GO",
    }
    assert text.splitlines()[0].startswith("# ")
    assert _markdown_problems(text) == []


@pytest.mark.parametrize("name", NAMES)
def test_json_report_validates_against_its_schema(cli: Callable[..., Run], name: str) -> None:
    report = json.loads(render(cli, name, "json"))
    jsonschema.validate(report, report_schema())
    assert {
        "schema_version",
        "profile",
        "verdict",
        "completeness",
        "findings",
        "rules_version",
    } <= set(report)
    for finding in report["findings"]:
        assert {"rule", "severity", "status", "title", "tip", "cite", "evidence"} <= set(finding)
        for item in finding["evidence"]:
            assert set(item) == {"fact", "value", "line", "column", "items"}


def test_output_is_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for seed in ("0", "1", "12345"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "engine", "assess", "profiles/", "-o", str(out)]
        command += ["--format", "markdown,json,html", "--today", TODAY, "--fail-on", "never"]
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
        assert done.returncode == 0, done.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert len(outputs[0]) == 3 * len(NAMES)
    assert outputs[0] == outputs[1] == outputs[2]
