"""Hostile outputs (issue 12): inputs never overwritten, -o all or nothing, the machine's and the
user's mistakes one line each.

Full disks, interrupts and read-only folders are simulated where they must be: os.replace made
to fail (or be interrupted) at its Nth call, a small tmpfs (as root), RLIMIT_FSIZE, and real
signals sent to a real batch in a subprocess.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROFILES, Run

TODAY = ("--today", "2026-11-23")
ALL_FORMATS = ("--format", "markdown,json,sarif,junit")
NOT_UTF8 = os.fsdecode(b"caf\xe9.yaml")  # Latin-1 bytes: Python holds \xe9 as a lone surrogate
EXAMPLE = PROFILES / "county-ready.yaml"


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Everything below `folder`, hidden files included: file bytes, link targets, folders."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = f"-> {os.readlink(path)}"
        elif path.is_dir():
            found[key] = "folder"
        else:
            found[key] = path.read_bytes()
    return found


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """The five example profiles, and one in a subfolder (so a commit creates a folder)."""
    folder = tmp_path / "profiles"
    shutil.copytree(PROFILES, folder, ignore=shutil.ignore_patterns("*.json"))
    (folder / "sub").mkdir()
    shutil.copy(EXAMPLE, folder / "sub" / "site.yaml")
    return folder


@pytest.fixture
def reports(tmp_path: Path, examples: Path) -> Path:
    """An output folder from an earlier run: old reports of every profile, and a note."""
    out = tmp_path / "reports"
    out.mkdir()
    for profile in examples.glob("*.yaml"):
        for suffix in (".readiness.md", ".readiness.json"):
            (out / (profile.stem + suffix)).write_text(f"old {profile.stem}", encoding="utf-8")
    (out / "readiness.sarif").write_text("old sarif", encoding="utf-8")
    (out / "notes.txt").write_text("keep", encoding="utf-8")
    return out


def one_error_line(run: Run) -> str:
    lines = run.err.splitlines()
    assert run.code == 2, run.err
    assert len(lines) == 1, run.err
    assert "Traceback" not in run.err and "internal error" not in run.err
    return lines[0]


def fail_at(monkeypatch: pytest.MonkeyPatch, name: str, call: int, error: BaseException) -> None:
    """Make os.<name> raise `error` at its `call`-th call (1-based) and work otherwise."""
    real = getattr(os, name)
    calls = [0]

    def patched(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == call:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, patched)


# The user's and the machine's mistakes -------------------------------------------------------


@pytest.mark.parametrize("command", ["assess", "validate"])
@pytest.mark.parametrize("value", [str(10**30), str(10**12), "-1", "0", "lots"])
def test_an_absurd_max_bytes_is_one_line(
    cli: Callable[..., Run], examples: Path, command: str, value: str
) -> None:
    run = cli(command, str(examples / "county-ready.yaml"), f"--max-bytes={value}")
    line = one_error_line(run)
    assert line.startswith("readiness: error: --max-bytes: use a whole number from 1 to ")
    assert run.out == ""
