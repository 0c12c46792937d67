"""`readiness survey import` as a planner runs it: a fresh process, cold start included.

Imports answers for one stakeholder of the trust-misalignment example from a CSV of N generated
respondents (ranks, trust, expectations, "better able to trust"), printing the change as a diff
(no `--write`, so the example is not touched), and reports the median wall time of R runs per N.
The respondents come from a fixed seed, so every run imports the same file.

Run: .venv/bin/python -m benchmarks.bench_survey [--counts 3,1000] [--rounds R]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from engine.profile.models.vocab import ELEMENTS
from engine.survey.questions import IMPROVED_COLUMN, STAKEHOLDER, column

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "profiles" / "trust-misalignment.yaml"
STAKEHOLDER_NAME = "Bayside Housing Authority maintenance staff"
TRUST = ("none", "low", "medium", "high", "unsure", "")
MET = ("yes", "partly", "no", "unsure", "")
IMPROVED = ("yes", "somewhat", "no", "unsure", "")
ROW = "| {:36} | {:>10} |"


def respondent(chance: random.Random) -> dict[str, str]:
    """One respondent's row: every element ranked once, the other answers drawn (some blank)."""
    places = list(range(1, len(ELEMENTS) + 1))
    chance.shuffle(places)
    row = {STAKEHOLDER: STAKEHOLDER_NAME, IMPROVED_COLUMN: chance.choice(IMPROVED)}
    for element, place in zip(ELEMENTS, places, strict=True):
        row[column("rank", element)] = str(place)
        row[column("trust", element)] = chance.choice(TRUST)
        row[column("expectations", element)] = chance.choice(MET)
    return row


def answers_csv(count: int) -> str:
    chance = random.Random(count)
    rows = [respondent(chance) for _ in range(count)]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def timed_import(answers: Path) -> float:
    command = [sys.executable, "-m", "engine", "survey", "import", str(EXAMPLE), str(answers)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"survey import failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="3,1000", help="respondents per run, comma-separated")
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args(argv)
    print(f"\n`readiness survey import`, cold (median of {options.rounds}, ms)\n")
    print(ROW.format("respondents (CSV size)", "ms"))
    print(ROW.format("-" * 36, "-" * 10))
    with tempfile.TemporaryDirectory() as folder:
        for count in (int(n) for n in options.counts.split(",")):
            answers = Path(folder) / f"answers-{count}.csv"
            answers.write_text(answers_csv(count), encoding="utf-8")
            times = [timed_import(answers) for _ in range(options.rounds)]
            size = f"{count} ({answers.stat().st_size / 1024:.0f} KB)"
            print(ROW.format(size, f"{statistics.median(times) * 1000:.0f}"))


if __name__ == "__main__":
    main()
