"""Speed and memory of ids-readiness at portfolio scale, beside check-jsonschema, in one run.

Prints, for the current machine:
- cold start of `readiness --version`, and of `readiness validate` on one profile;
- `readiness validate` on N profiles, and check-jsonschema on the same N files with
  profiles/profile.schema.json, with the ratio;
- `readiness assess` on N profiles writing Markdown and JSON;
- per-profile rule evaluation, durable-rules against the reference evaluator;
- peak RSS of `readiness assess` for N and for 10 N profiles.
Every time is the median of several rounds, the commands interleaved round by round, and every
ratio is taken within this run, because the machine is shared and noisy. Benchmarks are not tests:
nothing here asserts a time.

Run: .venv/bin/python -m benchmarks.run [--profiles 1000] [--rounds 3] [--workdir DIR]
CI runs a smoke pass: --profiles 20 --rounds 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.bench_evaluate import measure
from benchmarks.generate import generate_profiles, write
from engine.rules.facts import extract
from engine.rules.rule_loader import load_ruleset

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TODAY = "2026-11-23"
RSS_PROBE = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        sys.exit(f"{name} is not installed: pip install -e '.[test]'")
    return found


def seconds(command: Sequence[str], ok: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        sys.exit(f"{' '.join(command[:4])}... exited {done.returncode}: {done.stderr[-500:]!r}")
    return elapsed


def peak_rss_mib(command: Sequence[str]) -> float:
    """Peak resident memory of the command's largest process (parent or worker), in MiB."""
    done = subprocess.run(
        [sys.executable, "-c", RSS_PROBE, *command], capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip()) / 1024


def assess(readiness: str, folder: Path, out: Path) -> list[str]:
    """The command under test: a folder of profiles to Markdown and JSON reports."""
    options = ["--format", "markdown,json", "--today", TODAY, "--fail-on", "never"]
    return [readiness, "assess", str(folder), "-o", str(out), *options]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="readiness-bench-"))
    n, rounds = args.profiles, args.rounds
    readiness, checker = tool("readiness"), tool("check-jsonschema")

    folder = work / "profiles"
    shutil.rmtree(folder, ignore_errors=True)
    files = write(n, folder, seed=7)
    big = work / "big"
    shutil.rmtree(big, ignore_errors=True)
    for copy in range(10):  # 10 N distinct paths: the N profiles, ten times over
        shutil.copytree(folder, big / f"copy-{copy}")
    schema = str(ROOT / "profiles" / "profile.schema.json")
    out = work / "reports"

    commands = {
        "readiness --version": ([readiness, "--version"], (0,)),
        "readiness validate (1 profile)": ([readiness, "validate", str(files[0])], (0,)),
        f"readiness validate ({n} profiles)": ([readiness, "validate", str(folder)], (0,)),
        f"check-jsonschema ({n} profiles)": (
            [checker, "--schemafile", schema, *map(str, files)],
            (0,),
        ),
        f"readiness assess ({n}, Markdown + JSON)": (assess(readiness, folder, out), (0,)),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, (command, ok) in commands.items():
            times[name].append(seconds(command, ok))
    median = {name: statistics.median(values) for name, values in times.items()}

    profiles = generate_profiles(min(n, 200), seed=1)
    facts = [extract(p, dt.date.fromisoformat(TODAY)) for p in profiles]
    durable_us, reference_us, _ = measure(list(load_ruleset().rules), facts, max(rounds, 3))

    rss_small = peak_rss_mib(assess(readiness, folder, work / "rss"))
    rss_big = peak_rss_mib(assess(readiness, big, work / "rss-big"))

    validate_ratio = (
        median[f"readiness validate ({n} profiles)"] / median[f"check-jsonschema ({n} profiles)"]
    )
    python = platform.python_version()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {_cpu()}; Python {python}")
    print(f"{n} generated profiles (seed 7); medians of {rounds} interleaved rounds\n")
    print("| measure | result |\n| --- | ---: |")
    for name, value in median.items():
        print(f"| {name} | {value:.2f} s |")
    print(f"| validate time / check-jsonschema time | {validate_ratio:.2f} |")
    print(f"| rule evaluation per profile, durable-rules | {durable_us:.0f} µs |")
    print(f"| rule evaluation per profile, reference evaluator | {reference_us:.0f} µs |")
    print(f"| durable-rules / reference | {durable_us / reference_us:.2f} |")
    print(f"| peak RSS, assess {n} profiles | {rss_small:.0f} MiB |")
    print(f"| peak RSS, assess {10 * n} profiles | {rss_big:.0f} MiB |")
    print(f"| peak RSS ratio, {10 * n} / {n} | {rss_big / rss_small:.2f} |")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
