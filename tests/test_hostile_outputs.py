"""Hostile outputs (issue 12): inputs never overwritten, -o all or nothing, the machine's and the
user's mistakes one line each.

Full disks, interrupts and read-only folders are simulated where they must be: os.replace made
to fail (or be interrupted) at its Nth call, a small tmpfs (as root), RLIMIT_FSIZE, and real
signals sent to a real batch in a subprocess.
"""

from __future__ import annotations

import contextlib
import errno
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.render import sarif
from tests.conftest import EXAMPLES, PROFILES, ROOT, Run

TODAY = ("--today", "2026-11-23")
ALL_FORMATS = ("--format", "markdown,json,html,sarif,junit")
NOT_UTF8 = os.fsdecode(b"caf\xe9.yaml")  # Latin-1 bytes: Python holds \xe9 as a lone surrogate
EXAMPLE = PROFILES / "county-ready.yaml"


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Everything below `folder`, hidden files included: file bytes, link targets, folders."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = f"-> {os.readlink(path)}"
        elif path.is_dir():
            found[key] = "folder"
        else:
            found[key] = path.read_bytes()
    return found


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """The example profiles, and one in a subfolder (so a commit creates a folder)."""
    folder = tmp_path / "profiles"
    shutil.copytree(PROFILES, folder, ignore=shutil.ignore_patterns("*.json"))
    (folder / "sub").mkdir()
    shutil.copy(EXAMPLE, folder / "sub" / "site.yaml")
    return folder


@pytest.fixture
def reports(tmp_path: Path, examples: Path) -> Path:
    """An output folder from an earlier run: old reports of every profile, and a note."""
    out = tmp_path / "reports"
    out.mkdir()
    for profile in examples.glob("*.yaml"):
        for suffix in (".readiness.md", ".readiness.json"):
            (out / (profile.stem + suffix)).write_text(f"old {profile.stem}", encoding="utf-8")
    (out / "readiness.sarif").write_text("old sarif", encoding="utf-8")
    (out / "notes.txt").write_text("keep", encoding="utf-8")
    return out


def one_error_line(run: Run) -> str:
    lines = run.err.splitlines()
    assert run.code == 2, run.err
    assert len(lines) == 1, run.err
    assert "Traceback" not in run.err and "internal error" not in run.err
    return lines[0]


def fail_at(monkeypatch: pytest.MonkeyPatch, name: str, call: int, error: BaseException) -> None:
    """Make os.<name> raise `error` at its `call`-th call (1-based) and work otherwise."""
    real = getattr(os, name)
    calls = [0]

    def patched(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == call:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, patched)


# Inputs overwritten ------------------------------------------------------------------------


def test_output_through_a_symlink_never_replaces_a_profile(
    cli: Callable[..., Run], examples: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link"
    link.symlink_to(examples)
    before = snapshot(examples)
    run = cli("assess", str(examples / "county-ready.yaml"), "-o", str(link / "county-ready.yaml"))
    line = one_error_line(run)
    assert line == f"{link / 'county-ready.yaml'}: error: refusing to overwrite an input file"
    assert snapshot(examples) == before


def test_one_profiles_report_never_replaces_another_input(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.yaml")
    shutil.copy(EXAMPLE, folder / "a.readiness.md")  # a profile, whatever its name says
    before = snapshot(folder)
    run = cli("assess", str(folder / "a.yaml"), str(folder / "a.readiness.md"), "-o", str(folder))
    line = one_error_line(run)
    assert line == f"{folder / 'a.readiness.md'}: error: refusing to overwrite an input file"
    assert snapshot(folder) == before


def test_a_batch_document_never_replaces_an_input(cli: Callable[..., Run], tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "x.yaml")
    shutil.copy(EXAMPLE, folder / "readiness.sarif")
    (tmp_path / "link").symlink_to(folder)
    before = snapshot(folder)
    inputs = (str(folder / "x.yaml"), str(folder / "readiness.sarif"))
    run = cli("assess", *inputs, "-o", str(tmp_path / "link"), "--format", "sarif", *TODAY)
    assert one_error_line(run).endswith(
        "readiness.sarif: error: refusing to overwrite an input file"
    )
    assert snapshot(folder) == before


def test_symlinked_output_subfolders_cannot_merge_two_reports(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    for side in ("east", "west"):
        (tmp_path / "batch" / side).mkdir(parents=True)
        shutil.copy(EXAMPLE, tmp_path / "batch" / side / "site.yaml")
    out = tmp_path / "out"
    (out / "west").mkdir(parents=True)
    (out / "east").symlink_to(out / "west")
    run = cli("assess", str(tmp_path / "batch"), "-o", str(out), *TODAY)
    assert "would both write these reports" in one_error_line(run)
    assert snapshot(out) == {"east": f"-> {out / 'west'}", "west": "folder"}


NAMES = [
    "a.yaml",
    "a.readiness.md",
    "a.readiness.json",
    "a.readiness.html",
    "readiness.sarif",
    "readiness.junit.xml",
]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=st.lists(st.sampled_from(NAMES), min_size=1, unique=True),
    formats=st.lists(st.sampled_from(["markdown", "json", "html", "sarif", "junit"]), min_size=1),
    spelling=st.sampled_from(["folder", "link", "dotdot"]),
)
def test_no_run_ever_changes_an_input(
    cli: Callable[..., Run], names: list[str], formats: list[str], spelling: str
) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        folder = root / "d"
        folder.mkdir()
        for name in names:
            shutil.copy(EXAMPLE, folder / name)
        (root / "link").symlink_to(folder)
        out = {"folder": folder, "link": root / "link", "dotdot": root / "link" / ".." / "d"}
        before = snapshot(folder)
        inputs = [str(folder / name) for name in names]
        run = cli("assess", *inputs, "-o", str(out[spelling]), "--format", ",".join(formats))
        assert run.code in (0, 1, 2), run.err
        after = snapshot(folder)
        assert {name: after.get(name) for name in names} == {n: before[n] for n in names}
        if run.code == 2:
            assert after == before


# Partial output ---------------------------------------------------------------------------


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(call=st.integers(min_value=1, max_value=25), interrupt=st.booleans())
def test_a_commit_that_fails_or_is_interrupted_leaves_out_as_it_was(
    cli: Callable[..., Run],
    examples: Path,
    reports: Path,
    call: int,
    interrupt: bool,
) -> None:
    before = snapshot(reports)
    error = KeyboardInterrupt() if interrupt else OSError(errno.ENOSPC, "No space left on device")
    with pytest.MonkeyPatch.context() as patch:
        fail_at(patch, "replace", call, error)
        run = cli("assess", str(examples), "-o", str(reports), *ALL_FORMATS, *TODAY)
    if interrupt:
        assert run.code == 2 and "Traceback" not in run.err
        assert run.err.splitlines()[-1] == f"readiness: interrupted; {reports} left as it was"
    else:
        assert one_error_line(run) == (
            f"{reports}: error: cannot write the reports: No space left on device; "
            f"{reports} left as it was"
        )
    assert snapshot(reports) == before


def test_a_roll_back_that_fails_names_what_it_could_not_restore(
    cli: Callable[..., Run], examples: Path, reports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Calls 1 and 2 move the first old report aside and the new one in; call 3 fails; call 4,
    putting the old report back over the new one, fails too."""
    real = os.replace
    calls = [0]

    def failing(source: Any, target: Any) -> None:
        calls[0] += 1
        if calls[0] in (3, 4):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    run = cli("assess", str(examples), "-o", str(reports), *ALL_FORMATS, *TODAY)
    first = reports / "county-ready.readiness.md"
    assert one_error_line(run) == (
        f"{reports}: error: cannot write the reports: No space left on device; "
        f"{reports} could not be restored in full: {first} (No space left on device)"
    )
    assert first.read_text(encoding="utf-8").startswith("# ✅ GO")  # the new one, still there


def test_a_full_disk_while_assembling_sarif_writes_nothing(
    cli: Callable[..., Run], examples: Path, reports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: Any, **kwargs: Any) -> Iterator[str]:
        yield '{"runs": ['
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sarif, "assemble", full)
    before = snapshot(reports)
    run = cli("assess", str(examples), "-o", str(reports), *ALL_FORMATS, *TODAY)
    assert "No space left on device" in one_error_line(run)
    assert snapshot(reports) == before


@contextlib.contextmanager
def mounted(folder: Path, options: str) -> Iterator[None]:
    """A tmpfs at `folder` (as root only), unmounted afterwards whatever happens."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr!r}")
    try:
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_real_full_disk_writes_nothing(
    cli: Callable[..., Run], examples: Path, tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    with mounted(disk, "size=64k"):
        out = disk / "reports"
        out.mkdir()
        (out / "county-ready.readiness.md").write_text("old", encoding="utf-8")
        before = snapshot(disk)
        run = cli("assess", str(examples), "-o", str(out), *ALL_FORMATS, *TODAY)
        assert one_error_line(run) == (
            f"{out}: error: cannot write the reports: No space left on device; {out} left as it was"
        )
        assert snapshot(disk) == before


def _batch(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    sources = sorted(PROFILES.glob("*.yaml"))
    for index in range(count):
        shutil.copy(sources[index % len(sources)], folder / f"p{index:04d}.yaml")
    return folder


def _staged_files(out: Path) -> int:
    return sum(len(list(s.iterdir())) for s in out.glob(".readiness-staging-*"))


@pytest.mark.parametrize(
    ("number", "group"),
    [(signal.SIGTERM, False), (signal.SIGTERM, True), (signal.SIGINT, True)],
    ids=["sigterm-parent", "sigterm-group", "sigint-group"],
)
def test_a_signal_mid_run_leaves_out_as_it_was(
    tmp_path: Path, reports: Path, number: int, group: bool
) -> None:
    """What CI's cancel (SIGTERM) and Ctrl-C (SIGINT to the whole process group) do."""
    folder = _batch(tmp_path, 300)
    before = snapshot(reports)
    command = [sys.executable, "-m", "engine", "assess", str(folder), "-o", str(reports), "-j", "2"]
    process = subprocess.Popen(
        [*command, *ALL_FORMATS, "--fail-on", "never", *TODAY],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while _staged_files(reports) < 40 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process.poll() is None, "the batch ended before it could be interrupted"
    if group:
        os.killpg(process.pid, number)
    else:
        process.send_signal(number)
    try:
        _, err = process.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 2, err
    assert "Traceback" not in err, err
    assert err.splitlines()[-1] == f"readiness: interrupted; {reports} left as it was"
    assert snapshot(reports) == before


def test_a_dotted_output_folder_stages_inside_itself(
    cli: Callable[..., Run], examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "reports.v2"
    sources: list[str] = []
    real = os.replace

    def recording(source: Any, target: Any) -> None:
        sources.append(os.fspath(source))
        real(source, target)

    monkeypatch.setattr(os, "replace", recording)
    run = cli("assess", str(examples), "-o", str(out), "--fail-on", "never", *TODAY)
    assert run.code == 0, run.err
    assert sources and all(s.startswith(str(out / ".readiness-staging-")) for s in sources)
    assert {p.name for p in tmp_path.iterdir()} == {"profiles", "reports.v2"}


def test_a_trailing_slash_names_a_folder_even_for_one_report(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "single.v2"
    run = cli("assess", str(EXAMPLE), "-o", f"{out}{os.sep}", *TODAY)
    assert run.code == 0, run.err
    assert [p.name for p in out.iterdir()] == ["county-ready.readiness.md"]


def test_init_on_a_full_disk_leaves_no_partial_file(tmp_path: Path) -> None:
    def small_files() -> None:  # the file size limit: writes past 2 KiB fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    target = tmp_path / "new.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "engine", "init", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=small_files,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [f"{target}: error: cannot write: File too large"]
    assert list(tmp_path.iterdir()) == []


def test_init_interrupted_leaves_no_file(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_at(monkeypatch, "replace", 1, KeyboardInterrupt())
    target = tmp_path / "new.yaml"
    run = cli("init", str(target))
    assert run.code == 2
    assert run.err.splitlines() == [f"readiness: interrupted; {target} was not written"]
    assert list(tmp_path.iterdir()) == []


# The user's and the machine's mistakes -------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_assessed_and_its_reports_named_alike(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Its bytes cannot be printed as they are (shown escaped) but can name files (kept)."""
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(EXAMPLE, os.path.join(folder, NOT_UTF8))
    out = tmp_path / "o"
    run = cli("assess", str(folder), "-o", str(out), "--format", "markdown,json,sarif", *TODAY)
    assert run.code == 0, run.err
    assert run.err.splitlines()[0].startswith(f"{folder}/caf\\udce9.yaml: GO (")
    stem = os.fsdecode(b"caf\xe9")
    expected = {f"{stem}.readiness.md", f"{stem}.readiness.json", "readiness.sarif"}
    assert set(os.listdir(out)) == expected


@pytest.mark.parametrize("name", ["notes.txt", "notes"])
def test_output_at_an_existing_file_for_several_documents(
    cli: Callable[..., Run], examples: Path, tmp_path: Path, name: str
) -> None:
    existing = tmp_path / name
    existing.write_text("keep", encoding="utf-8")
    run = cli("assess", str(examples), "-o", str(existing), *TODAY)
    assert one_error_line(run) == (
        f"{existing}: error: exists and is not a folder; {len(EXAMPLES) + 1} documents need an "
        "output folder"
    )
    assert existing.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["profiles", name])


@pytest.mark.parametrize("several", [False, True])
def test_output_at_dev_null(cli: Callable[..., Run], examples: Path, several: bool) -> None:
    source = examples if several else examples / "county-ready.yaml"
    line = one_error_line(cli("assess", str(source), "-o", os.devnull, *TODAY))
    assert line.startswith(f"{os.devnull}: error: ")
    assert "not a folder" in line if several else "not a regular file" in line


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """A folder no one may write to: a read-only tmpfs as root (permissions do not bind root),
    else a folder without write permission."""
    if os.geteuid() == 0:
        with mounted(folder, "ro,size=64k"):
            yield
        return
    folder.mkdir()
    folder.chmod(0o555)
    try:
        yield
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("below", ["", "new"])
def test_output_in_a_read_only_folder(
    cli: Callable[..., Run], examples: Path, tmp_path: Path, below: str
) -> None:
    locked = tmp_path / "locked"
    with read_only(locked):
        out = locked / below if below else locked
        line = one_error_line(cli("assess", str(examples), "-o", str(out), *TODAY))
        assert line.startswith(f"{out}: error: cannot write the reports: ")
        assert line.endswith(f"; {out} left as it was")
        assert list(locked.iterdir()) == []


@pytest.mark.parametrize("command", ["assess", "validate"])
@pytest.mark.parametrize("value", [str(10**30), str(10**12), "-1", "0", "lots"])
def test_an_absurd_max_bytes_is_one_line(
    cli: Callable[..., Run], examples: Path, command: str, value: str
) -> None:
    run = cli(command, str(examples / "county-ready.yaml"), f"--max-bytes={value}")
    line = one_error_line(run)
    assert line.startswith("readiness: error: --max-bytes: use a whole number from 1 to ")
    assert run.out == ""


def test_every_line_assess_prints_is_inert(cli: Callable[..., Run], tmp_path: Path) -> None:
    evil = "\x1b]8;;https:example.org\x07x\x1b[2J"
    folder = tmp_path / f"in{evil}"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / f"p{evil}.yaml")
    shutil.copy(EXAMPLE, folder / "q.yaml")
    run = cli("assess", str(folder), "-o", str(tmp_path / f"out{evil}"), *TODAY)
    assert run.code == 0, run.err
    assert "\x1b" not in run.err and "\x07" not in run.err
    assert "\\x1b]8;;https:example.org\\x07" in run.err
