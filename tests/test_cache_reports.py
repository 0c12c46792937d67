"""Nothing cached changes a byte: the program's output with its cache cold, warm, corrupt, in a
folder it cannot use, and turned off, is the same, and the same as the golden reports.

The program runs as a planner runs it (a fresh `python -m engine` process, which also freezes
the collector before it exits), from a copy of the package installed for each test, whose cache
sits beside it as it would in a real install.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine.runtime.cache import FRAME
from tests.conftest import ROOT, install_copy

GOLDEN = ROOT / "tests" / "golden"
TODAY = "2026-11-23"
EXAMPLES = ("trust-misalignment", "decision-already-made")
TAG = sys.implementation.cache_tag


def run_copy(site: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m engine ARGS` from the installed copy in `site`, run from `site`."""
    environment = {**os.environ, "PYTHONPATH": str(site), **env}
    for name in ("READINESS_NO_CACHE", "PYTHONDONTWRITEBYTECODE"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "engine", *args],
        cwd=site,
        env=environment,
        capture_output=True,
        check=False,
    )


def entries_of(site: Path) -> list[Path]:
    folder = site / "engine" / "__pycache__" / f"ids-readiness.{TAG}"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def assess_copy(site: Path, out: Path, *options: str, **env: str) -> dict[str, bytes]:
    """Every example assessed to Markdown, JSON and HTML in `out`: the files' bytes by name."""
    profiles = [f"profiles/{name}.yaml" for name in EXAMPLES]
    args = [*options, "assess", *profiles, "-o", f"{out}/", "--format", "markdown,json,html"]
    done = run_copy(site, *args, "--today", TODAY, "--fail-on", "never", **env)
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


def golden() -> dict[str, bytes]:
    suffixes = {".md": ".readiness.md", ".json": ".readiness.json", ".html": ".readiness.html"}
    return {
        f"{name}{suffixes[suffix]}": (GOLDEN / f"{name}{suffix}").read_bytes()
        for name in EXAMPLES
        for suffix in suffixes
    }


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


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return install_copy(tmp_path / "site")


def test_reports_are_the_same_cold_warm_corrupt_and_uncached(site: Path, tmp_path: Path) -> None:
    cold = assess_copy(site, tmp_path / "cold")
    written = entries_of(site)
    assert {p.name.split("-")[0] for p in written} == {"ruleset", "template", "validators"}
    times = [p.stat().st_mtime_ns for p in written]
    warm = assess_copy(site, tmp_path / "warm")
    assert [p.stat().st_mtime_ns for p in entries_of(site)] == times  # hits: nothing rewritten
    _damage(written)
    corrupt = assess_copy(site, tmp_path / "corrupt")
    rebuilt = assess_copy(site, tmp_path / "rebuilt")
    off = assess_copy(site, tmp_path / "off", "--no-cache")
    off_env = assess_copy(site, tmp_path / "off-env", READINESS_NO_CACHE="1")
    assert cold == golden()
    for other in (warm, corrupt, rebuilt, off, off_env):
        assert other == cold


def test_turned_off_nothing_is_written(site: Path, tmp_path: Path) -> None:
    assess_copy(site, tmp_path / "off", "--no-cache")
    assess_copy(site, tmp_path / "off-env", READINESS_NO_CACHE="1")
    assess_copy(site, tmp_path / "no-byte-code", PYTHONDONTWRITEBYTECODE="1")
    assert entries_of(site) == []


def test_a_corrupt_entry_is_written_anew(site: Path, tmp_path: Path) -> None:
    assess_copy(site, tmp_path / "first")
    written = {path: path.read_bytes() for path in entries_of(site)}
    _damage(list(written))
    assess_copy(site, tmp_path / "second")
    rewritten = {path: path.stat().st_mtime_ns for path in entries_of(site)}
    assert list(rewritten) == list(written)
    assert all(path.read_bytes().startswith(FRAME) for path in rewritten)
    assess_copy(site, tmp_path / "third")  # and the new entries are hits
    assert {path: path.stat().st_mtime_ns for path in entries_of(site)} == rewritten


def test_validate_is_the_same_with_and_without_a_cache(site: Path) -> None:
    profile = "profiles/trust-misalignment.yaml"
    runs = [run_copy(site, "validate", profile) for _ in range(2)]
    runs.append(run_copy(site, "--no-cache", "validate", profile))
    assert runs[0].returncode == 0
    assert [(r.returncode, r.stdout, r.stderr) for r in runs[1:]] == [
        (runs[0].returncode, runs[0].stdout, runs[0].stderr)
    ] * 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_folder_others_can_write_is_neither_read_nor_written(
    site: Path, tmp_path: Path
) -> None:
    folder = site / "engine" / "__pycache__" / f"ids-readiness.{TAG}"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    assert assess_copy(site, tmp_path / "out") == golden()
    assert entries_of(site) == []
