"""Time and peak memory of `readiness validate` on each kind of bad input the loader refuses, and
of `readiness diff` on JSON floods passed as a saved assessment.

Each case runs in its own process, as a user would run it: the budget is 2 s and 200 MB each.

Run: .venv/bin/python -m benchmarks.bad_inputs
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import PROFILES
from tests.test_cli_validate import BAD_INPUTS

PROBE = (
    "import resource, subprocess, sys; "
    "done = subprocess.run(sys.argv[1:], capture_output=True); "
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


# Saved assessments for `readiness diff`: each is refused; the row shows what refusing costs.
JSON_FLOODS: dict[str, bytes] = {
    "json-deep-nesting-4mib": b"[" * ((4 << 20) - 1),
    "json-5000-digit-integer": b'{"completeness": {"answered": ' + b"9" * 5000 + b"}}",
    "json-wide-4mib": b"[" + b"[]," * ((4 << 20) // 3 - 1) + b"[]]",
}


def _measure(readiness: str, *args: str) -> tuple[str, float, float]:
    """Exit code, seconds and peak RSS in MiB of one run in a fresh process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, readiness, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - start
    code, rss = done.stdout.split()
    return code, elapsed, int(rss) / 1024


def main() -> None:
    readiness = str(Path(sys.executable).parent / "readiness")
    with tempfile.TemporaryDirectory() as folder:
        cases = dict(BAD_INPUTS)
        for name, data in cases.items():
            (Path(folder) / f"{name}.yaml").write_bytes(data)
        huge = Path(folder) / "sixty-megabytes.yaml"
        with huge.open("wb") as handle:
            handle.truncate(60 * 1024 * 1024)
        for name, data in JSON_FLOODS.items():
            (Path(folder) / f"{name}.json").write_bytes(data)
        with (Path(folder) / "json-sparse-1gb.json").open("wb") as handle:
            handle.truncate(1 << 30)
        print("| input | exit | seconds | peak RSS MiB |\n| --- | ---: | ---: | ---: |")
        for path in sorted(Path(folder).glob("*.yaml")):
            code, elapsed, rss = _measure(readiness, "validate", str(path))
            print(f"| {path.stem} | {code} | {elapsed:.2f} | {rss:.0f} |")
        for path in sorted(Path(folder).glob("*.json")):
            new = str(PROFILES / "county-ready.yaml")
            code, elapsed, rss = _measure(readiness, "diff", str(path), new)
            print(f"| diff {path.stem} | {code} | {elapsed:.2f} | {rss:.0f} |")


if __name__ == "__main__":
    main()
