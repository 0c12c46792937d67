"""Time and peak memory of `readiness validate` on each kind of bad input the loader refuses, and
of `readiness diff` on JSON floods passed as a saved assessment.

Each case runs in its own process, as a user would run it: the budget is 1 s and 100 MiB each.
Besides the malformed files of the CLI tests, the floods: files just under the 1 MiB limit built
to make as many problems, or as much work, as a file that size can (issue 12), and a FIFO.

Run: .venv/bin/python -m benchmarks.bad_inputs
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import PROFILES
from tests.test_cli_validate import BAD_INPUTS

PROBE = (
    "import resource, subprocess, sys; "
    "done = subprocess.run(sys.argv[1:], capture_output=True); "
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


LIMIT = 1_000_000  # bytes: under the 1 MiB default, so the size check does not stop them early


def _fill(head: str, line: Callable[[int], str]) -> bytes:
    """`head` and then numbered lines, as many as fit under LIMIT."""
    parts, size, index = [head], len(head.encode("utf-8")), 0
    while size + len(line(index).encode("utf-8")) < LIMIT:
        parts.append(line(index))
        size += len(parts[-1].encode("utf-8"))
        index += 1
    return "".join(parts).encode("utf-8")


def floods() -> dict[str, bytes]:
    groups = "".join(f"    - name: Group number {i}\n" for i in range(5_000))
    pairs_head = f"schema_version: 1\nenvironment:\n  stakeholders:\n{groups}  antagonisms:\n"
    return {
        "flood-unknown-pair-names": _fill(
            pairs_head, lambda i: f"    - between: [Grop number {i}, Nobody {i}]\n"
        ),
        "flood-unknown-fields": _fill("schema_version: 1\n", lambda i: f"unknown_{i}: 1\n"),
        "flood-unknown-waived-rules": _fill(
            "schema_version: 1\nwaivers:\n", lambda i: f"  - {{rule: nope-{i}, reason: r}}\n"
        ),
        "flood-values": _fill("schema_version: 1\nx: [", lambda i: "1,"),
        "flood-line-separators": _fill(
            "schema_version: 1\nprofile:\n  name: a", lambda i: "\u2028"
        ),
    }


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
        cases = {**dict(BAD_INPUTS), **floods()}
        for name, data in cases.items():
            (Path(folder) / f"{name}.yaml").write_bytes(data)
        os.mkfifo(Path(folder) / "fifo.yaml")
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
