"""The README's claims that can drift: the report excerpt and the two Quick start commands."""

from __future__ import annotations

import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_report_excerpt_is_the_start_of_the_real_report() -> None:
    excerpt = re.search(r"<!-- excerpt:.*?-->\n````markdown\n(.*?)````", README, re.DOTALL)
    assert excerpt is not None
    golden = (ROOT / "tests" / "golden" / "trust-misalignment.md").read_text(encoding="utf-8")
    assert golden.startswith(excerpt.group(1))


def test_quick_start_commands_match_ci() -> None:
    commands = re.findall(r"^(python3 -m venv .*)$", README, re.MULTILINE)
    assert len(commands) == 2
    assert "readiness assess profiles/trust-misalignment.yaml -o reports/" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert (
        "-m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest" in ci
    )
    assert commands[1].endswith("&& .venv/bin/python -m pytest")
