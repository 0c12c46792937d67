"""The benchmark script runs end to end on a tiny batch, so it cannot rot. No time is asserted."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """A benchmark module run as its README command is, on the smallest input it takes."""
    done = subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_benchmark_script_smoke_run(tmp_path: object) -> None:
    done = _run("benchmarks.run", "--profiles", "20", "--rounds", "1")
    for row in (
        "readiness --version",
        "check-jsonschema (20 profiles)",
        "durable-rules / reference",
        "peak RSS ratio, 200 / 20",
    ):
        assert f"| {row} |" in done.stdout, done.stdout


def test_serve_benchmark_smoke_run() -> None:
    done = _run("benchmarks.bench_serve", "--counts", "2", "--rounds", "1")
    assert "| portfolio, warm " in done.stdout


def test_cold_start_benchmark_smoke_run() -> None:
    done = _run("benchmarks.cold_start", "--rounds", "1", "--tree-rounds", "1")
    for row in ("yamllint FILE", "readiness validate FILE", "readiness assess FILE", "900 KB"):
        assert f"| {row} " in done.stdout, done.stdout
    assert "| largest / smallest per-KB cost |" in done.stdout


def test_survey_benchmark_smoke_run() -> None:
    done = _run("benchmarks.bench_survey", "--counts", "3", "--rounds", "1")
    assert "| 3 (1 KB) " in done.stdout, done.stdout
