"""Time and peak memory of `readiness validate` on each kind of bad input the loader refuses.

Each case runs in its own process, as a user would run it: the budget is 2 s and 200 MB each.

Run: .venv/bin/python -m benchmarks.bad_inputs
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.test_cli_validate import BAD_INPUTS

PROBE = (
    "import resource, subprocess, sys; "
    "done = subprocess.run(sys.argv[1:], capture_output=True); "
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def main() -> None:
    readiness = str(Path(sys.executable).parent / "readiness")
    with tempfile.TemporaryDirectory() as folder:
        cases = dict(BAD_INPUTS)
        for name, data in cases.items():
            (Path(folder) / f"{name}.yaml").write_bytes(data)
        huge = Path(folder) / "sixty-megabytes.yaml"
        with huge.open("wb") as handle:
            handle.truncate(60 * 1024 * 1024)
        print("| input | exit | seconds | peak RSS MiB |\n| --- | ---: | ---: | ---: |")
        for path in sorted(Path(folder).glob("*.yaml")):
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", PROBE, readiness, "validate", str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            elapsed = time.perf_counter() - start
            code, rss = done.stdout.split()
            print(f"| {path.stem} | {code} | {elapsed:.2f} | {int(rss) / 1024:.0f} |")


if __name__ == "__main__":
    main()
