"""The user's cache folder can neither run code nor change a verdict (issue 24).

An attacker with the user's id (a CI job that restores `~/.cache` from a cache an earlier job
saved, a home folder synced from elsewhere) writes entries of every kind the tool ever kept there,
framed exactly as the tool frames them, under the very keys the running copy would ask for: a
pickle that runs a command in place of the validators, a rule set with every blocker lowered to
minor and a forged digest, and compiled template code of its own. None of them is read: no
command runs, and the reports, verdicts and rule digest are those of a run with no cache at all.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import pickle
from pathlib import Path

import pytest

from engine.rules.ruleset import RuleSet
from engine.runtime.cache import FRAME, frame
from tests.conftest import install_copy
from tests.test_cache_reports import assess_copy, entries_of, run_copy

KINDS = ("validators", "ruleset", "template")


class _RunsCommand:
    """What unpickling it does: run a shell command."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (self.command,))


def _key_and_payload(entry: Path) -> tuple[str, bytes]:
    data = entry.read_bytes()
    assert data.startswith(FRAME)
    key, _, payload = data[len(FRAME) :].split(b"\n", 2)
    return key.decode("ascii"), payload


def _lowered(payload: bytes) -> bytes:
    """The real rule set with every blocker and major made minor, and a forged digest."""
    ruleset = pickle.loads(payload)
    assert isinstance(ruleset, RuleSet)
    rules = tuple(dataclasses.replace(rule, severity="minor") for rule in ruleset.rules)
    return pickle.dumps(dataclasses.replace(ruleset, rules=rules, digest="0" * 64))


def _planted(kind: str, payload: bytes, marker: Path) -> list[bytes]:
    """The hostile payloads for one kind of entry."""
    runs = pickle.dumps(_RunsCommand(f"touch {marker}"))
    if kind == "ruleset":
        return [_lowered(payload), runs]
    if kind == "template":
        code = compile(f"open({str(marker)!r}, 'w').close()", "<planted>", "exec")
        return [marshal.dumps(code)]
    return [runs]


def _user_cache_folders(home: Path) -> list[Path]:
    """Every folder the tool, or an earlier version of it, took for the user's cache."""
    return [home / "xdg" / "ids-readiness", home / "home" / ".cache" / "ids-readiness"]


def _plant(site: Path, home: Path, kind: str, marker: Path) -> None:
    """Move each entry of `kind` out of the package's cache into the user's, made hostile."""
    for entry in entries_of(site):
        if not entry.name.startswith(kind):
            continue
        key, payload = _key_and_payload(entry)
        entry.unlink()
        for index, hostile in enumerate(_planted(kind, payload, marker)):
            for folder in _user_cache_folders(home):
                folder.mkdir(parents=True, exist_ok=True)
                name = entry.name if index == 0 else f"{index}-{entry.name}"
                (folder / name).write_bytes(frame(key, hostile))
                stem, _, suffix = name.rpartition(".")  # the names earlier versions used
                (folder / f"{stem}-0123456789abcdef.{suffix}").write_bytes(frame(key, hostile))
                (folder / f"{stem}.json").write_bytes(frame(key, hostile))


def _user_env(home: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(home / "xdg"), "HOME": str(home / "home")}


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_user_cache_entries_run_nothing_and_change_no_verdict(
    kind: str, tmp_path: Path
) -> None:
    site = install_copy(tmp_path / "site")
    home, marker = tmp_path / "attacker", tmp_path / "ran"
    uncached = assess_copy(site, tmp_path / "uncached", "--no-cache")
    assess_copy(site, tmp_path / "warm-up")  # fills the package's cache: the keys to forge
    _plant(site, home, kind, marker)
    attacked = assess_copy(site, tmp_path / "attacked", **_user_env(home))
    validated = run_copy(site, "validate", "profiles/decision-already-made.yaml", **_user_env(home))
    assert not marker.exists()
    assert validated.returncode == 0, validated.stderr
    assert attacked == uncached
    report = attacked["decision-already-made.readiness.md"].decode()
    assert report.startswith("# ⛔ NO-GO")
    assert "sha256:000000000000" not in report


def test_the_package_cache_comes_back_without_the_user_cache(tmp_path: Path) -> None:
    """The run after the attack found nothing it could use and built its own entries."""
    site = install_copy(tmp_path / "site")
    home = tmp_path / "attacker"
    assess_copy(site, tmp_path / "warm-up")
    for kind in KINDS:
        _plant(site, home, kind, tmp_path / "ran")
    assert entries_of(site) == []
    assess_copy(site, tmp_path / "again", **_user_env(home))
    assert {p.name.split("-")[0] for p in entries_of(site)} == set(KINDS)
