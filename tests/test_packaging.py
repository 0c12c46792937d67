"""The rules and templates reach an installed (non-editable) wheel, and work from another folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PROFILES, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--quiet",
        "-w",
        str(out),
        str(ROOT),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.fail(f"building the wheel failed: {done.stderr[-1500:]}")
    [built] = out.glob("ids_readiness-*.whl")
    return built


def test_wheel_ships_rules_templates_and_licences(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    rule_files = {f"engine/_rules/{p.name}" for p in (ROOT / "rules").glob("*.yaml")}
    assert rule_files <= names
    assert {"engine/_rules/LICENSE", "engine/_rules/README.md"} <= names
    templates = {"report.md.j2", "diff.md.j2", "report.html.j2", "report.css"}
    assert {f"engine/render/templates/{name}" for name in templates} <= names
    pages = {"base.html.j2", "portfolio.html.j2", "edit.html.j2", "conflict.html.j2", "web.css"}
    assert {f"engine/web/templates/{name}" for name in pages} <= names  # serve's own pages
    licences = {name.rsplit("/", 1)[-1] for name in names if "/licenses/" in name}
    assert {"LICENSE", "NOTICE"} <= licences


def test_installed_wheel_assesses_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    install = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--no-deps",
        "--quiet",
        "--target",
        str(target),
        str(wheel),
    ]
    subprocess.run(install, check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    check = [sys.executable, "-c", "import engine, sys; print(engine.__file__)"]
    imported = subprocess.run(
        check, cwd=elsewhere, env=env, capture_output=True, text=True, check=True
    )
    assert imported.stdout.startswith(str(target))  # the wheel, not this checkout
    command = [
        sys.executable,
        "-m",
        "engine",
        "assess",
        str(PROFILES / "county-ready.yaml"),
        "--today",
        "2026-11-23",
    ]
    done = subprocess.run(
        command, cwd=elsewhere, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# ✅ GO: ")
    assert "sha256:" in done.stdout  # the rule set was found and versioned
    rules = subprocess.run(
        [sys.executable, "-m", "engine", "rules", "list", "--format", "json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"input-cannot-change-outcome"' in rules.stdout
    html = subprocess.run(
        [*command, "--format", "html"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert html.returncode == 0, html.stderr
    assert html.stdout.startswith("<!DOCTYPE html>")
    assert "@page { size: Letter" in html.stdout  # the stylesheet is shipped and inlined
