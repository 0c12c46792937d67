"""Nothing cached changes a byte: the program's output with its cache cold, warm, corrupt, in a
folder it cannot use, and turned off, is the same, and the same as the golden reports.

The program runs as a planner runs it (a fresh `python -m engine` process, which also freezes
the collector before it exits), with a cache home of each test's own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROFILES, ROOT

GOLDEN = ROOT / "tests" / "golden"
TODAY = "2026-11-23"
EXAMPLES = ("trust-misalignment", "decision-already-made")


def _run(home: Path, *args: str, no_cache_env: bool = False) -> tuple[int, bytes, bytes]:
    env = {**os.environ, "XDG_CACHE_HOME": str(home)}
    env.pop("READINESS_NO_CACHE", None)
    if no_cache_env:
        env["READINESS_NO_CACHE"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "engine", *args], cwd=ROOT, env=env, capture_output=True, check=False
    )
    return done.returncode, done.stdout, done.stderr


def _assess(home: Path, out: Path, *options: str, no_cache_env: bool = False) -> dict[str, bytes]:
    """Every example assessed to Markdown, JSON and HTML in `out`: the files' bytes by name."""
    profiles = [str(PROFILES.relative_to(ROOT) / f"{name}.yaml") for name in EXAMPLES]
    args = [*options, "assess", *profiles, "-o", f"{out}/", "--format", "markdown,json,html"]
    code, _, err = _run(
        home, *args, "--today", TODAY, "--fail-on", "never", no_cache_env=no_cache_env
    )
    assert code == 0, err
    assert b"Traceback" not in err
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


def _golden() -> dict[str, bytes]:
    suffixes = {".md": ".readiness.md", ".json": ".readiness.json", ".html": ".readiness.html"}
    return {
        f"{name}{suffixes[suffix]}": (GOLDEN / f"{name}{suffix}").read_bytes()
        for name in EXAMPLES
        for suffix in suffixes
    }


def _entries(home: Path) -> list[Path]:
    return sorted((home / "ids-readiness").iterdir())


def _damage(entries: list[Path]) -> None:
    """Each entry damaged a different way: cut short, one byte changed, replaced by noise."""
    for index, path in enumerate(entries):
        data = path.read_bytes()
        if index % 3 == 0:
            path.write_bytes(data[: len(data) // 2])
        elif index % 3 == 1:
            path.write_bytes(data[:-5] + bytes([data[-5] ^ 0x20]) + data[-4:])
        else:
            path.write_bytes(os.urandom(len(data)))


def test_reports_are_the_same_cold_warm_corrupt_and_uncached(tmp_path: Path) -> None:
    home = tmp_path / "xdg"
    cold = _assess(home, tmp_path / "cold")
    written = _entries(home)
    assert {p.name.split("-")[0] for p in written} == {"ruleset", "template", "validators"}
    times = [p.stat().st_mtime_ns for p in written]
    warm = _assess(home, tmp_path / "warm")
    assert [p.stat().st_mtime_ns for p in _entries(home)] == times  # hits: nothing rewritten
    _damage(written)
    corrupt = _assess(home, tmp_path / "corrupt")
    rebuilt = _assess(home, tmp_path / "rebuilt")
    off = _assess(tmp_path / "unused", tmp_path / "off", "--no-cache")
    off_env = _assess(tmp_path / "unused", tmp_path / "off-env", no_cache_env=True)
    assert cold == _golden()
    for other in (warm, corrupt, rebuilt, off, off_env):
        assert other == cold
    assert not (tmp_path / "unused").exists()  # turned off: not even the folder is made


def test_a_corrupt_entry_is_written_anew(tmp_path: Path) -> None:
    home = tmp_path / "xdg"
    _assess(home, tmp_path / "first")
    written = {path: path.read_bytes() for path in _entries(home)}
    _damage(list(written))
    _assess(home, tmp_path / "second")
    assert {path: path.read_bytes() for path in _entries(home)} == written


def test_validate_is_the_same_with_and_without_a_cache(tmp_path: Path) -> None:
    home = tmp_path / "xdg"
    profile = str(PROFILES.relative_to(ROOT) / "trust-misalignment.yaml")
    runs = [_run(home, "validate", profile) for _ in range(2)]
    runs.append(_run(home, "--no-cache", "validate", profile))
    assert runs[0][0] == 0
    assert runs[1:] == runs[:1] * 2


def test_a_cache_home_that_cannot_be_used_is_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("where the cache home should be\n", encoding="utf-8")
    unusable = _assess(blocker, tmp_path / "out")
    assert unusable == _golden()
    assert blocker.read_text(encoding="utf-8") == "where the cache home should be\n"


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_shared_cache_folder_is_neither_read_nor_written(tmp_path: Path) -> None:
    home = tmp_path / "xdg"
    (home / "ids-readiness").mkdir(parents=True)
    (home / "ids-readiness").chmod(0o777)
    assert _assess(home, tmp_path / "out") == _golden()
    assert _entries(home) == []
