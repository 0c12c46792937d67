"""`readiness assess`: outputs, naming, batches, exit codes and --fail-on."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.workflows.batch import PARALLEL_FROM
from tests.conftest import PROFILES, Run

TODAY = ("--today", "2026-11-23")


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    shutil.copytree(PROFILES, folder, ignore=shutil.ignore_patterns("*.json"))
    return folder


def test_one_profile_goes_to_stdout(cli: Callable[..., Run], examples: Path) -> None:
    run = cli("assess", str(examples / "county-ready.yaml"), *TODAY)
    assert run.code == 0
    assert run.out.startswith("# ✅ GO: ")
    assert run.err.strip() == (
        f"{examples / 'county-ready.yaml'}: GO (0 blockers, 0 conditions, 0 minor, 6 advisory; "
        "51/51 answered)"
    )


def test_the_last_line_says_where_the_reports_went(
    cli: Callable[..., Run], examples: Path, tmp_path: Path
) -> None:
    one = cli("assess", str(examples / "county-ready.yaml"), "-o", str(tmp_path / "a"), *TODAY)
    written = tmp_path / "a" / "county-ready.readiness.md"
    assert written.is_file()
    assert one.err.splitlines()[-1] == f"readiness: wrote {written}"
    many = cli(
        "assess", str(examples), "-o", str(tmp_path / "b"), "--format", "markdown,sarif", *TODAY
    )
    files = [p for p in (tmp_path / "b").rglob("*") if p.is_file()]
    assert many.err.splitlines()[-1] == f"readiness: wrote {len(files)} files to {tmp_path / 'b'}"
    streamed = cli("assess", str(examples / "county-ready.yaml"), "--format", "github", *TODAY)
    assert "wrote" not in streamed.err


def test_no_go_fails_by_default_and_conditional_on_request(
    cli: Callable[..., Run], examples: Path
) -> None:
    assert cli("assess", str(examples / "decision-already-made.yaml"), *TODAY).code == 1
    conditional = str(examples / "state-breach-mistrust.yaml")
    assert cli("assess", conditional, *TODAY).code == 0
    assert cli("assess", conditional, "--fail-on", "conditional", *TODAY).code == 1
    assert (
        cli(
            "assess", str(examples / "decision-already-made.yaml"), "--fail-on", "never", *TODAY
        ).code
        == 0
    )


def test_folder_to_output_folder_one_report_per_profile_and_format(
    cli: Callable[..., Run], examples: Path, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    run = cli("assess", str(examples), "-o", str(out), "--format", "markdown,json", *TODAY)
    assert run.code == 1  # one example is NO-GO
    names = sorted(p.name for p in out.iterdir())
    stems = sorted(p.stem for p in examples.glob("*.yaml"))
    assert names == sorted(
        [f"{s}.readiness.json" for s in stems] + [f"{s}.readiness.md" for s in stems]
    )
    assert len(run.err.splitlines()) == len(stems) + 1  # a summary per profile, then where
    report = json.loads((out / "county-ready.readiness.json").read_text(encoding="utf-8"))
    assert report["verdict"] == "go"


def test_subfolders_are_mirrored_so_same_names_do_not_clash(
    cli: Callable[..., Run], write: Callable[..., Path], tmp_path: Path
) -> None:
    write("schema_version: 1\n", "batch/east/site.yaml")
    write("schema_version: 1\n", "batch/west/site.yaml")
    out = tmp_path / "out"
    run = cli("assess", str(tmp_path / "batch"), "-o", str(out), *TODAY)
    assert run.code == 0, run.err
    assert (out / "east" / "site.readiness.md").exists()
    assert (out / "west" / "site.readiness.md").exists()


def test_output_file_for_one_profile(
    cli: Callable[..., Run], examples: Path, tmp_path: Path
) -> None:
    target = tmp_path / "board-report.md"
    assert cli("assess", str(examples / "county-ready.yaml"), "-o", str(target), *TODAY).code == 0
    assert target.read_text(encoding="utf-8").startswith("# ✅ GO")


def test_several_profiles_without_output_is_a_usage_error(
    cli: Callable[..., Run], examples: Path
) -> None:
    run = cli("assess", str(examples), *TODAY)
    assert run.code == 2
    assert (
        run.err.strip() == "readiness: error: several profiles need an output folder: add -o FOLDER"
    )
    assert run.out == ""


def test_one_invalid_profile_writes_nothing(
    cli: Callable[..., Run], examples: Path, tmp_path: Path
) -> None:
    (examples / "broken.yaml").write_text("schema_version: 1\nobjectives: 3\n", encoding="utf-8")
    out = tmp_path / "reports"
    run = cli("assess", str(examples), "-o", str(out), *TODAY)
    assert run.code == 2
    assert run.err.splitlines() == [
        f"{examples / 'broken.yaml'}:2:13: error: objectives: expected a section of "
        "`key: value` lines, found '3'"
    ]
    assert not out.exists()


def test_never_overwrites_an_input(cli: Callable[..., Run], examples: Path) -> None:
    source = examples / "county-ready.yaml"
    before = source.read_bytes()
    run = cli("assess", str(source), "-o", str(source), *TODAY)
    assert run.code == 2
    assert "refusing to overwrite an input file" in run.err
    assert source.read_bytes() == before


def test_reports_are_replaced_whole(
    cli: Callable[..., Run], examples: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r"
    out.mkdir()
    (out / "county-ready.readiness.md").write_text("old report", encoding="utf-8")
    assert cli("assess", str(examples / "county-ready.yaml"), "-o", str(out), *TODAY).code == 0
    assert (out / "county-ready.readiness.md").read_text(encoding="utf-8").startswith("# ✅ GO")
    assert [p.name for p in out.iterdir()] == ["county-ready.readiness.md"]  # no temporary left


def test_unknown_format_is_a_usage_error(cli: Callable[..., Run], examples: Path) -> None:
    run = cli("assess", str(examples / "county-ready.yaml"), "--format", "pdf")
    assert run.code == 2
    assert "use one or more of markdown, json" in run.err


def test_no_progress_bar_when_not_on_a_terminal(
    cli: Callable[..., Run], examples: Path, tmp_path: Path
) -> None:
    run = cli("assess", str(examples), "-o", str(tmp_path / "o"), "--fail-on", "never", *TODAY)
    assert "assessing" not in run.err and "[" not in run.err


def test_no_waivers_audit_view(cli: Callable[..., Run], write: Callable[..., Path]) -> None:
    path = write(
        "schema_version: 1\nresources:\n  staff:\n    data_privacy_security: none\n"
        "waivers:\n  - {rule: no-privacy-expertise, reason: partner signing, approved_by: Board,\n"
        "     expires: 2027-06-30}\n"
    )
    waived = json.loads(cli("assess", str(path), "--format", "json", *TODAY).out)
    audit = json.loads(cli("assess", str(path), "--format", "json", "--no-waivers", *TODAY).out)
    status = {f["rule"]: f["status"] for f in waived["findings"]}
    audit_status = {f["rule"]: f["status"] for f in audit["findings"]}
    assert status["no-privacy-expertise"] == "waived"
    assert audit_status["no-privacy-expertise"] == "open"


def test_today_must_be_a_date(cli: Callable[..., Run], examples: Path) -> None:
    assert cli("assess", str(examples / "county-ready.yaml"), "--today", "soon").code == 2


def test_report_schema_command(cli: Callable[..., Run]) -> None:
    run = cli("schema", "--report")
    assert run.code == 0
    assert json.loads(run.out)["title"] == "ids-readiness assessment, report schema version 1"


def test_two_folders_with_the_same_profile_name_collide(
    cli: Callable[..., Run], write: Callable[..., Path], tmp_path: Path
) -> None:
    first = write("schema_version: 1\n", "east/site.yaml")
    second = write("schema_version: 1\n", "west/site.yaml")
    out = tmp_path / "out"
    run = cli("assess", str(first.parent), str(second.parent), "-o", str(out), *TODAY)
    assert run.code == 2
    assert "would both write these reports" in run.err
    assert not out.exists()


def test_big_batch_runs_in_parallel_with_identical_output(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Past PARALLEL_FROM profiles the batch uses worker processes; the bytes must not change."""
    folder = tmp_path / "many"
    folder.mkdir()
    sources = sorted(PROFILES.glob("*.yaml"))
    for index in range(PARALLEL_FROM + 2):
        shutil.copy(sources[index % len(sources)], folder / f"p{index:03d}.yaml")
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    common = ("--format", "markdown,json,html,sarif,junit", "--fail-on", "never", *TODAY)
    assert cli("assess", str(folder), "-o", str(serial), "-j", "1", *common).code == 0
    assert cli("assess", str(folder), "-o", str(parallel), "-j", "2", *common).code == 0
    files = sorted(p.name for p in serial.iterdir())
    assert files == sorted(p.name for p in parallel.iterdir())
    assert len(files) == 3 * (PARALLEL_FROM + 2) + 2
    for name in files:
        assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name
