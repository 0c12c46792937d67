"""`readiness validate` and the CLI's contract: exit codes, one line per problem, no tracebacks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from engine import __version__
from tests.conftest import EXAMPLES, ROOT, Run

LINE = re.compile(r"^(?P<path>[^:]+)(:\d+:\d+)?: error: .+$")

BAD_INPUTS: dict[str, bytes] = {
    "empty": b"",
    "top-level-list": b"- a\n- b\n",
    "top-level-scalar": b"hello\n",
    "malformed": b"schema_version: 1\nobjectives: {a: [\n",
    "python-tag": b"schema_version: 1\nx: !!python/object/apply:os.system ['echo hacked']\n",
    "billion-laughs": (
        "\n".join(
            ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
            + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
        )
        + "\n"
    ).encode(),
    "deep-nesting": b"[" * 20_000 + b"]" * 20_000,
    "binary": bytes(range(256)) * 8,
    "utf-16": "schema_version: 1\n".encode("utf-16"),
    "duplicate-keys": b"schema_version: 1\nschema_version: 1\n",
    "tabs": b"schema_version: 1\nobjectives:\n\tteam_agreement: agreed\n",
    "misspelt-key": b"schema_version: 1\nobjectivs: {}\n",
    "wrong-type": b"schema_version: 1\nresources:\n  timeline:\n    max_duration_days: soon\n",
    "enum-out-of-range": b"schema_version: 1\nobjectives:\n  team_agreement: maybe\n",
    "impossible-date": b"schema_version: 1\nprofile:\n  engagement_starts: 2027-02-30\n",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_exits_2_with_positioned_lines(
    cli: Callable[..., Run], write: Callable[..., Path], name: str
) -> None:
    path = write(BAD_INPUTS[name], f"{name}.yaml")
    before = sorted(p.name for p in path.parent.iterdir())
    run = cli("validate", str(path))
    assert run.code == 2
    assert run.out == ""
    problems = run.err.splitlines()[:-1]
    assert problems, run.err
    for line in problems:
        match = LINE.match(line)
        assert match and match["path"] == str(path), line
    assert "Traceback" not in run.err
    assert sorted(p.name for p in path.parent.iterdir()) == before


def test_sixty_megabyte_file(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    run = cli("validate", str(path))
    assert run.code == 2
    assert run.err.splitlines()[0].startswith(f"{path}:1:1: error: the file is 60.0 MiB")


def test_max_bytes_option(cli: Callable[..., Run], write: Callable[..., Path]) -> None:
    path = write("schema_version: 1\n# " + "x" * 3000 + "\n")
    assert cli("validate", "--max-bytes", "1000", str(path)).code == 2
    assert cli("validate", "--max-bytes", "5000", str(path)).code == 0


def test_examples_are_valid(cli: Callable[..., Run]) -> None:
    assert len(EXAMPLES) >= 5
    run = cli("validate", str(ROOT / "profiles"))
    assert run.code == 0, run.err
    assert run.err.strip() == f"readiness: {len(EXAMPLES)} profiles checked, all valid"


def test_folder_and_files_mixed_with_one_invalid(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    good = write("schema_version: 1\n", "dir/good.yaml")
    bad = write("schema_version: 1\nobjectives: 3\n", "dir/sub/bad.yml")
    write("not: [valid", "dir/.hidden/skip.yaml")
    run = cli("validate", str(good.parent))
    assert run.code == 2
    assert run.err.splitlines() == [
        f"{bad}:2:13: error: objectives: expected a section of `key: value` lines, found '3'",
        "readiness: 2 profiles checked, 1 invalid",
    ]


def test_missing_path(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("validate", str(tmp_path / "nope"))
    assert run.code == 2
    assert run.err.splitlines()[0] == f"{tmp_path / 'nope'}: error: no such file or folder"


def test_no_paths_is_a_usage_error(cli: Callable[..., Run]) -> None:
    run = cli("validate")
    assert run.code == 2
    assert "Missing argument" in run.err


def test_unknown_command_is_a_usage_error(cli: Callable[..., Run]) -> None:
    assert cli("frobnicate").code == 2


def test_version(cli: Callable[..., Run]) -> None:
    run = cli("--version")
    assert (run.code, run.out.strip()) == (0, f"readiness {__version__}")


def test_questions_command_counts(cli: Callable[..., Run]) -> None:
    run = cli("questions")
    assert run.code == 0
    assert run.err.strip() == "53 questions"
    assert run.out.splitlines()[0].startswith("1.1 ")


def test_internal_error_exits_3_without_traceback(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, write: Callable[..., Path]
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr("engine.profile.validation.load_profile", boom)
    run = cli("validate", str(write("schema_version: 1\n")))
    assert run.code == 3
    assert "internal error (RuntimeError: kaboom)" in run.err
    assert "Traceback" not in run.err
    run = cli("--debug", "validate", str(write("schema_version: 1\n")))
    assert run.code == 3
    assert "Traceback" in run.err


def test_module_entry_point_in_a_subprocess(write: Callable[..., Path]) -> None:
    bad = write("schema_version: 1\nobjectives: 3\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "engine", "validate", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[0].startswith(f"{bad}:2:13: error: objectives:")
