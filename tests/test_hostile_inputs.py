"""Hostile profiles and file names: nothing injected into stderr or the terminal, floods bounded,
waivers no bypass, no hang on odd files, and every position where an editor shows it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.errors import MAX_PROBLEMS
from engine.printable import is_inert
from engine.profile.suggestions import MAX_CHOICES, hint
from tests.conftest import PROFILES, ROOT, Run
from tests.engine_support import ruleset

TODAY = ("--today", "2026-11-23")


def _assert_inert(stream: str) -> None:
    for line in stream.splitlines():
        assert is_inert(line), repr(line)
        assert not line.lstrip().startswith("::"), repr(line)


# --- 1. Injection through stderr and the terminal ---

HOSTILE = r"x\n::add-mask::secret\e[31m\e]8;;https://evil.example\a\u202egnp.exe\u200b"


def test_keys_and_values_echoed_in_errors_are_inert(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    path = write(
        "schema_version: 1\n"
        f'objectives: {{"{HOSTILE}": 1}}\n'
        "resources:\n  capacity_for_change:\n"
        f'    leadership_commitment: "{HOSTILE}"\n'
    )
    run = cli("validate", str(path))
    assert run.code == 2
    assert len(run.err.splitlines()) == 3  # two problems and the summary
    _assert_inert(run.err)
    assert "\\x1b[31m" in run.err  # shown, not acted on


def test_a_file_name_cannot_inject_through_the_summary_or_problems(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    good = tmp_path / "ok\n::error file=x::planted\x1b[2J.yaml"
    good.write_bytes((PROFILES / "county-ready.yaml").read_bytes())
    bad = tmp_path / "bad\n::add-mask::x.yaml"
    bad.write_text("schema_version: 1\nobjectives: 3\n", encoding="utf-8")
    assessed = cli("assess", str(good), *TODAY)
    assert assessed.code == 0
    _assert_inert(assessed.err)
    validated = cli("validate", str(bad))
    assert validated.code == 2
    _assert_inert(validated.err)


def test_an_internal_error_message_is_inert(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("\n::error::planted\x1b[2J")

    monkeypatch.setattr("engine.profile.validation.load_profile", explode)
    run = cli("validate", str(PROFILES / "county-ready.yaml"))
    assert run.code == 3
    [line] = run.err.splitlines()
    _assert_inert(line)


# --- 2. Floods stay bounded ---


def _pair_flood(groups: int, unknown: int) -> str:
    lines = ["schema_version: 1", "environment:", "  stakeholders:"]
    lines += [f"    - name: Group number {i}" for i in range(groups)]
    lines += ["  antagonisms:"]
    lines += [f"    - between: [Grop number {i}, Nobody {i}]" for i in range(unknown)]
    return "\n".join(lines) + "\n"


def test_unknown_names_in_pairs_are_capped_and_counted(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    run = cli("validate", str(write(_pair_flood(400, 3_000))))
    assert run.code == 2
    lines = run.err.splitlines()
    assert len(lines) == MAX_PROBLEMS + 2  # the count, the problems, the summary
    assert lines[0].endswith(
        f"6000 problems in all; the first {MAX_PROBLEMS} follow, fix them and rerun"
    )
    assert "and 390 more)" in lines[1]  # the listing of groups is cut too
    assert max(len(line) for line in lines) < 1_000


def test_unknown_fields_are_capped_and_counted(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    text = "schema_version: 1\n" + "".join(f"unknown_{i}: 1\n" for i in range(5_000))
    run = cli("validate", str(write(text)))
    lines = run.err.splitlines()
    assert len(lines) == MAX_PROBLEMS + 2
    assert "5000 problems in all" in lines[0]
    assert lines[1].startswith(f"{run.err.split(':')[0]}:2:1: error: unknown field 'unknown_0'")


def test_waivers_of_unknown_rules_are_capped(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    waivers = "".join(f"  - {{rule: no-such-rule-{i}, reason: r}}\n" for i in range(2_000))
    run = cli("validate", str(write("schema_version: 1\nwaivers:\n" + waivers)))
    assert run.code == 2
    assert len(run.err.splitlines()) == MAX_PROBLEMS + 2


def test_suggestions_stop_where_they_would_cost_more_than_they_help() -> None:
    many = [f"name-{i}" for i in range(MAX_CHOICES + 1)]
    assert hint("name-1x", many) == ""
    assert hint("name-1x", many[:10]) == " (did you mean 'name-1'?)"
    assert hint("x" * 1_000, ["x"]) == ""


# --- 5. Waivers are no bypass ---

CRITICAL = [rule.id for rule in ruleset().rules if rule.completeness]
COMPLETENESS_WAIVERS = "".join(
    f"  - {{rule: {rule}, reason: later, approved_by: Board, expires: 2027-01-31}}\n"
    for rule in CRITICAL
)


def test_blank_critical_questions_cannot_be_waived_into_go(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    path = write("schema_version: 1\nwaivers:\n" + COMPLETENESS_WAIVERS)
    run = cli("assess", str(path), "--format", "json", *TODAY)
    assert run.code in (0, 1), run.err
    report = json.loads(run.out)
    critical = [f for f in report["findings"] if f["rule"] in CRITICAL]
    assert len(critical) == 7  # an empty profile leaves the always-critical questions blank
    assert all(f["status"] == "open" for f in critical)
    assert all("cannot be waived" in f["note"] for f in critical)
    assert report["verdict"] != "go"


@pytest.mark.parametrize("approver", ["\u200b", "\u2060\ufeff", "-", "\u202e", "\u2800"])
def test_an_approver_must_be_a_visible_name(
    cli: Callable[..., Run], write: Callable[..., Path], approver: str
) -> None:
    escaped = approver.encode("unicode_escape").decode("ascii")
    path = write(
        "schema_version: 1\nwaivers:\n"
        f'  - {{rule: input-cannot-change-outcome, reason: r, approved_by: "{escaped}", '
        "expires: 2027-01-31}\n"
    )
    run = cli("validate", str(path))
    assert run.code == 2
    assert "approved_by must name who approved the waiver" in run.err


@pytest.mark.parametrize(
    ("expires", "status", "note"),
    [
        ("2027-11-23", "waived", None),
        ("2027-11-24", "open", "a waiver lasts at most 365 days"),
        ("9999-12-31", "open", "a waiver lasts at most 365 days"),
        (None, "open", "a waiver needs `expires`"),
    ],
)
def test_a_waiver_lasts_at_most_a_year(
    cli: Callable[..., Run],
    write: Callable[..., Path],
    expires: str | None,
    status: str,
    note: str | None,
) -> None:
    text = (PROFILES / "decision-already-made.yaml").read_text(encoding="utf-8")
    until = f", expires: {expires}" if expires else ""
    waiver = (
        "\nwaivers:\n  - {rule: no-engagement-experience, reason: partner signing, "
        f"approved_by: Board{until}}}\n"
    )
    body = text.split("\nwaivers:")[0] + waiver
    body = body.replace("    facilitation: in_house", "    facilitation: none")
    run = cli("assess", str(write(body)), "--format", "json", "--fail-on", "never", *TODAY)
    assert run.code == 0, run.err
    [finding] = [
        f for f in json.loads(run.out)["findings"] if f["rule"] == "no-engagement-experience"
    ]
    assert finding["status"] == status
    assert (finding["note"] or "").startswith(note or "")


# --- 10. Hangs and wrong places ---


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_profile_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "engine", "validate", str(fifo)]
    # The timeout only guards the suite against the hang this test is about.
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        f"{fifo}:1:1: error: is not a regular file (a named pipe); not read"
    )


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_invisible_line_separators_are_refused_where_they_stand(
    cli: Callable[..., Run], write: Callable[..., Path], separator: str
) -> None:
    path = write(f"schema_version: 1\nprofile:\n  name: Bay{separator}side\n")
    run = cli("validate", str(path))
    assert run.code == 2
    assert run.err.startswith(f"{path}:3:12: error: the file contains U+{ord(separator):04X}")


def test_a_cr_only_file_places_a_bad_byte_on_its_line(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    path = write(b"schema_version: 1\rprofile:\r  name: Bay\xffside\r")
    run = cli("validate", str(path))
    assert run.err.startswith(f"{path}:3:12: error: byte 0xff is not valid UTF-8")


def test_a_cr_only_file_places_a_schema_error_on_its_line(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    path = write(b"schema_version: 1\rprofile:\r  nmae: Bayside\r")
    run = cli("validate", str(path))
    assert run.err.startswith(f"{path}:3:3: error: unknown field 'nmae'")


def test_names_that_look_the_same_are_the_same_group(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    twice = write(
        "schema_version: 1\nenvironment:\n  stakeholders:\n"
        '    - name: Parents\n    - name: "Parents\\u200b"\n'
    )
    run = cli("validate", str(twice))
    assert run.code == 2
    assert "is listed twice (also item 1)" in run.err
    referenced = write(
        "schema_version: 1\nenvironment:\n  stakeholders:\n    - name: Parents\n"
        '  antagonisms:\n    - between: ["Parents\\u2060", ids]\n',
        "referenced.yaml",
    )
    assert cli("validate", str(referenced)).code == 0


def test_validate_with_a_missing_or_broken_rule_set_fails(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    profile = str(PROFILES / "county-ready.yaml")
    missing = cli("validate", profile, "--rules", str(tmp_path / "nowhere"))
    assert missing.code == 2
    assert "no such rules folder" in missing.err
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "ruleset.yaml").write_text("name: [\n", encoding="utf-8")
    assert cli("validate", profile, "--rules", str(broken)).code == 2
