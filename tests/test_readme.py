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
    assert commands[0].endswith("readiness assess profiles/trust-misalignment.yaml -o reports/")
    assert commands[1].endswith("&& .venv/bin/python -m pytest")
    for command in commands:
        assert "PIP_CONSTRAINT=constraints.txt " in command  # every install uses the lock
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    [line] = [line.strip() for line in ci.splitlines() if " -m venv " in line]
    as_in_ci = (
        line.removeprefix("if ")
        .removesuffix("; then")
        .replace('"$PY"', "python3")
        .replace('"$VENV/bin/pip"', ".venv/bin/pip")
        .replace('"$VENV/bin/python"', ".venv/bin/python")
        .replace('"$VENV"', ".venv")
        .replace(" -q", "")
        .replace(' "${only[@]}"', "")
    )
    assert as_in_ci == commands[1]
    # The one thing CI adds: under all but one Python it deselects the browser tests.
    assert [line.strip() for line in ci.splitlines() if "only=(" in line] == [
        "only=()",
        '[ "$version" = "$FULL" ] || only=(-m "not browser")',
    ]


def test_the_lock_pins_every_package_exactly() -> None:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = [line for line in lines if line and not line.lstrip().startswith("#")]
    assert pins
    assert all(re.match(r"^[A-Za-z0-9._-]+==[^ ;]+( ; .+)?$", pin) for pin in pins), pins
    names = {re.split(r"==", pin)[0].lower() for pin in pins}
    assert {"pyyaml", "pydantic", "durable-rules", "hypothesis", "hatchling", "setuptools"} <= names
