"""Page latency of `readiness serve` with 1 and with 500 profiles in the folder.

Measured in-process through Starlette's test client (the app as uvicorn runs it, minus the
socket): the portfolio cold (every profile assessed) and warm (from the cache, which re-reads only
changed files), a profile page, and a save (the saving steps: round-trip YAML, read-back check,
atomic write) followed by the portfolio, which then re-assesses that one file.

Run: .venv/bin/python -m benchmarks.bench_serve [--counts 1,500] [--rounds R]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from starlette.testclient import TestClient

from benchmarks.generate import write
from engine.profile.loader import load_file
from engine.profile.positions import to_data
from engine.web import saving
from engine.web.app import Settings, create_app
from engine.web.security import Guard, allowed_hosts
from engine.workflows.atomic import write_atomic

ROW = "| {:40} | {:>10} |"


def _ms(run: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _save(path: Path, counter: list[int]) -> int:
    """What a POST to /edit does with valid data: check, then write atomically."""
    counter[0] += 1
    text = path.read_text(encoding="utf-8")
    data = to_data(load_file(path))
    assert isinstance(data, dict)
    data.setdefault("profile", {})["name"] = f"Benchmark save {counter[0]}"
    checked = saving.check(text, data, path.name)
    assert checked.ok, checked.problems
    write_atomic(path, checked.text)
    return counter[0]


def measure(count: int, rounds: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        paths = write(count, Path(folder))
        guard = Guard(allowed_hosts("127.0.0.1", 8000))
        app = create_app(Settings(Path(folder), guard), form=None)
        web = TestClient(app, base_url="http://127.0.0.1:8000")
        first = f"/p/{paths[0].name}"
        counter = [0]

        def save_then_portfolio() -> None:
            _save(paths[0], counter)
            web.get("/")

        return {
            "portfolio, cold (assesses all)": _ms(lambda: web.get("/"), 1),
            "portfolio, warm": _ms(lambda: web.get("/"), rounds),
            "profile page (report as HTML)": _ms(lambda: web.get(first), rounds),
            "save one profile": _ms(lambda: _save(paths[0], counter), rounds),
            "portfolio after a save": _ms(save_then_portfolio, rounds),
        }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="1,500")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    for count in (int(c) for c in args.counts.split(",")):
        print(f"\n{count} profile{'s' if count != 1 else ''} (median of {args.rounds}, ms)\n")
        print(ROW.format("page", "ms"))
        print(ROW.format("-" * 40, "-" * 10))
        for name, value in measure(count, args.rounds).items():
            print(ROW.format(name, f"{value:.1f}"))


if __name__ == "__main__":
    main()
