"""Hostile text in survey answers, on every stream it can reach.

A respondent's cells are untrusted: a name, a concern, a comment, a mistyped answer. They reach
the terminal (problems quote the cell, `--comments` prints the words), the profile (names, with
`--keep-respondents`), and through the profile the Markdown and HTML reports. On the terminal
every control shows as a visible escape; in the profile the text reads back exactly as given; in
the reports no respondent's words appear at all, only counts and vocabulary words.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.printable import is_inert
from engine.profile.loader import load_file
from engine.profile.positions import to_data
from tests.conftest import PROFILES, Run
from tests.survey_support import MAINTENANCE, as_csv, row

Cli = Callable[..., Run]
TODAY = ("--today", "2026-11-23")
# Terminal escapes (colour, OSC-8 link, clear screen), bidi override, a GitHub workflow command,
# Markdown and HTML that would act in a report, a formula, a YAML document marker.
HOSTILE = [
    "\x1b[2J\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
    "\u202eexe.doc",
    "::error file=x::forged",
    "<img src=x onerror=alert(1)> | [link](javascript:alert(1)) # heading",
    '=HYPERLINK("https://evil.example")',
    "---\n- a: b\n...",
]
# What of those texts a report would show if any reached it.
MARKERS = [
    "evil.example",
    "click",
    "exe.doc",
    "forged",
    "onerror",
    "javascript",
    "HYPERLINK",
    "a: b",
]


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    target = tmp_path / "p.yaml"
    shutil.copy(PROFILES / "trust-misalignment.yaml", target)
    return target


def _answers(tmp_path: Path) -> Path:
    people = [
        row(
            MAINTENANCE,
            respondent=text,
            trust_privacy_security=("high", "low")[n % 2],
            concerns_privacy_security=text,
            comment=text,
        )
        for n, text in enumerate(HOSTILE)
    ]
    path = tmp_path / "answers.csv"
    path.write_bytes(as_csv(people))
    return path


def test_the_terminal_sees_only_visible_escapes(cli: Cli, profile: Path, tmp_path: Path) -> None:
    run = cli("survey", "import", str(profile), str(_answers(tmp_path)), "--comments", *TODAY)
    assert run.code == 0, run.err
    for line in (run.out + run.err).splitlines():
        assert is_inert(line) and not line.startswith("::"), repr(line)
    assert "\\x1b[2J" in run.out and "\\u202eexe.doc" in run.out


def test_a_mistyped_answer_is_quoted_back_inert(cli: Cli, profile: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(as_csv([row(MAINTENANCE, trust_privacy_security=text) for text in HOSTILE]))
    run = cli("survey", "import", str(profile), str(path), *TODAY)
    assert run.code == 2
    lines = run.err.splitlines()
    assert all(is_inert(line) and not line.startswith("::") for line in lines)
    assert sum("is not an answer" in line for line in lines) == len(HOSTILE)


def test_names_kept_in_the_profile_read_back_exactly(
    cli: Cli, profile: Path, tmp_path: Path
) -> None:
    run = cli(
        "survey", "import", str(profile), str(_answers(tmp_path)), "--keep-respondents",
        "--write", *TODAY,
    )  # fmt: skip
    assert run.code == 0, run.err
    data = to_data(load_file(profile))
    assert isinstance(data, dict)
    [surveyed] = [r for r in data["trust"]["relationships"] if r["stakeholder"] == MAINTENANCE]
    assert surveyed["survey"]["respondents"] == sorted(HOSTILE)


@pytest.mark.parametrize("form", ["markdown", "html"])
def test_no_respondent_words_reach_a_report(
    cli: Cli, profile: Path, tmp_path: Path, form: str
) -> None:
    cli(
        "survey", "import", str(profile), str(_answers(tmp_path)), "--keep-respondents",
        "--write", *TODAY,
    )  # fmt: skip
    report = cli("assess", str(profile), "--format", form, "--fail-on", "never", *TODAY)
    assert report.code == 0, report.err
    for marker in MARKERS:
        assert marker not in report.out, marker
    assert "6 responses" in report.out
