"""Cold start on one profile beside yamllint, and the positioned tree's cost per KB, in one run.

What a planner at the terminal and a pre-commit hook wait for is a fresh process: Python starting,
the imports, the rule set and the template, then one profile. This prints, for one example:
- `readiness validate FILE`, `readiness assess FILE` (Markdown to standard output) and
  `yamllint FILE` (its default configuration), each a new process, with `python -c pass` as the
  floor; medians of interleaved rounds and the ratios to yamllint taken within this run, because
  the machine is shared and noisy. The caches are as a second run finds them (warmed once before
  timing), Python's byte-code cache included (PYTHONDONTWRITEBYTECODE is dropped, as an
  installed package has its modules compiled); a row with `--no-cache` shows the run that builds
  our caches afresh.
- building the positioned tree (`parse_text`: libyaml's events and our composer) for one profile
  of 100 KB to 900 KB, in CPU ms per KB, each in a fresh process that has loaded what `validate`
  has, and how far the largest per-KB cost is from the smallest.
Benchmarks are not tests: nothing here asserts a time.

Run: .venv/bin/python -m benchmarks.cold_start [--rounds 21] [--profile FILE] [--tree-rounds 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.run import ROOT, TODAY, tool

EXAMPLE = ROOT / "profiles" / "county-ready.yaml"
SIZES_KB = tuple(range(100, 1000, 100))
LIST_KEY = "  relationships:\n"  # the example's list that a large profile repeats
ROW = "| {:44} | {:>9} | {:>13} |"
TREE_PROBE = (  # CPU time: other processes' load on the shared machine stays out of it
    "import sys, time\n"
    "import engine.profile.validation\n"  # what `validate` and `assess` have loaded by then
    "from engine.profile.loader import parse_text\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "start = time.process_time()\n"
    "parse_text(text, sys.argv[1])\n"
    "print(time.process_time() - start)\n"
)


def commands(profile: Path) -> dict[str, tuple[list[str], tuple[int, ...]]]:
    """Each command with the exit codes that mean it ran (yamllint exits 1 on its findings)."""
    readiness, yamllint, shown = tool("readiness"), tool("yamllint"), str(profile)
    assess = [readiness, "assess", shown, "--today", TODAY, "--fail-on", "never"]
    return {
        "yamllint FILE": ([yamllint, shown], (0, 1)),
        "readiness validate FILE": ([readiness, "validate", shown], (0,)),
        "readiness assess FILE": (assess, (0,)),
        "readiness --no-cache assess FILE": ([readiness, "--no-cache", *assess[1:]], (0,)),
        "python -c pass": ([sys.executable, "-c", "pass"], (0,)),
    }


def environment() -> dict[str, str]:
    """The commands' environment, with Python's byte-code cache allowed: an installed package has
    its modules compiled, and an editable checkout gets them on the warm-up run."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: Sequence[str], ok: tuple[int, ...]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=environment())
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        sys.exit(f"{' '.join(command[:3])}... exited {done.returncode}: {done.stderr[-500:]!r}")
    return elapsed


def cold_starts(profile: Path, rounds: int) -> dict[str, float]:
    """Median seconds per command, the commands interleaved round by round."""
    chosen = commands(profile)
    for command, ok in chosen.values():  # warm the caches and the page cache, untimed
        run_once(command, ok)
    times: dict[str, list[float]] = {name: [] for name in chosen}
    for _ in range(rounds):
        for name, (command, ok) in chosen.items():
            times[name].append(run_once(command, ok))
    return {name: statistics.median(values) for name, values in times.items()}


def large_profile(size_kb: int, example: Path = EXAMPLE) -> str:
    """One profile of about `size_kb` KB: the example with its stakeholder relationships
    repeated (each renamed), the shape a big engagement's profile has."""
    text = example.read_text(encoding="utf-8")
    head, found, rest = text.partition(LIST_KEY)
    if not found:
        sys.exit(f"{example} has no `{LIST_KEY.strip()}` list to repeat")
    lines = rest.splitlines(keepends=True)
    end = next((i for i, line in enumerate(lines) if not line.startswith("    ")), len(lines))
    entry, tail = "".join(lines[:end]), "".join(lines[end:])
    parts, size, copy = [head, LIST_KEY], len(head) + len(tail), 0
    while size < size_kb * 1024:
        copy += 1
        renamed = entry.replace("stakeholder: ", f"stakeholder: Group {copy} ", 1)
        parts.append(renamed)
        size += len(renamed.encode())
    return "".join([*parts, tail])


def tree_ms_per_kb(rounds: int, folder: Path) -> dict[int, float]:
    """Median ms per KB of building the tree for each size, each run in a fresh process (the
    heap a command has when it reads a profile), the sizes interleaved."""
    paths = {}
    for kb in SIZES_KB:
        paths[kb] = folder / f"large-{kb}.yaml"
        paths[kb].write_text(large_profile(kb), encoding="utf-8")
    times: dict[int, list[float]] = {kb: [] for kb in SIZES_KB}
    for _ in range(rounds + 1):  # the first round warms up, untimed
        for kb, path in paths.items():
            done = subprocess.run(
                [sys.executable, "-c", TREE_PROBE, str(path)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
                env=environment(),
            )
            seconds = float(done.stdout.strip())
            times[kb].append(seconds * 1000 / (path.stat().st_size / 1024))
    return {kb: statistics.median(values[1:]) for kb, values in times.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", type=Path, default=EXAMPLE)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--tree-rounds", type=int, default=7)
    args = parser.parse_args(argv)
    median = cold_starts(args.profile, args.rounds)
    with tempfile.TemporaryDirectory(prefix="readiness-cold-") as folder:
        per_kb = tree_ms_per_kb(args.tree_rounds, Path(folder))
    python = platform.python_version()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; Python {python}")
    print(f"{args.profile.name}; medians of {args.rounds} interleaved rounds\n")
    print(ROW.format("cold start", "median", "/ yamllint"))
    print(ROW.format("---", "---:", "---:"))
    for name, value in median.items():
        ratio = value / median["yamllint FILE"]
        print(ROW.format(name, f"{value * 1000:.0f} ms", f"{ratio:.2f}"))
    print(f"\npositioned tree, CPU ms per KB (medians of {args.tree_rounds} rounds)\n")
    print("| size | ms per KB |\n| ---: | ---: |")
    for kb, value in per_kb.items():
        print(f"| {kb} KB | {value:.4f} |")
    spread = max(per_kb.values()) / min(per_kb.values())
    ends = per_kb[SIZES_KB[-1]] / per_kb[SIZES_KB[0]]
    print(f"| largest / smallest per-KB cost | {spread:.2f} |")
    print(f"| {SIZES_KB[-1]} KB / {SIZES_KB[0]} KB per-KB cost | {ends:.2f} |")


if __name__ == "__main__":
    main()
