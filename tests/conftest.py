"""Shared fixtures: writing profile text to disk and running the CLI in-process."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

from engine.cli.main import main
from engine.runtime import cache
from tests.browser import CHROMIUM_ENV, Browser, find_chromium, launch
from tests.mermaid_check import MERMAID_VERSIONS, MermaidUnavailableError, fetch_mermaid

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ROOT / "profiles"
EXAMPLES = sorted(PROFILES.glob("*.yaml"))


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache of this test's own, with caching on: the folder its entries go to, as
    `engine.runtime.cache` places it beside a package installed at `tmp_path/engine`."""
    package = tmp_path / "engine"
    package.mkdir()
    monkeypatch.setattr(cache, "PACKAGE", package)
    monkeypatch.delenv(cache.NO_CACHE, raising=False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    cache.set_enabled(True)
    yield cache.location()
    cache.set_enabled(True)


def install_copy(site: Path) -> Path:
    """The engine as a wheel installs it (rules inside, no cache yet), in `site`, beside copies
    of the example profiles, so that a command run there names files as it does here. Returns
    the folder to run it from."""
    shutil.copytree(ROOT / "engine", site / "engine", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", site / "engine" / "_rules")
    shutil.copytree(PROFILES, site / "profiles")
    return site


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run `readiness ARGS...` in-process and capture its exit code and output."""

    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write dedented text (or bytes) to a file under tmp_path and return its path."""

    def make(text: str | bytes, name: str = "profile.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return make


def in_ci() -> bool:
    """CI sets CI=true; there a missing browser or bundle is a failure, never a skip."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _missing(reason: str) -> NoReturn:
    if in_ci():
        pytest.fail(f"{reason} (CI must have it: .ci/run installs it)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session (see tests/browser.py)."""
    executable = find_chromium()
    if executable is None:
        _missing(f"no Chromium: apt-get install chromium, or set {CHROMIUM_ENV}")
    with launch(executable) as running:
        yield running


@pytest.fixture(scope="session")
def mermaid_bundles(request: pytest.FixtureRequest) -> dict[str, Path]:
    """Each pinned mermaid version's browser bundle, fetched once into the pytest cache."""
    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    folder = cache.mkdir("mermaid") if cache else ROOT / ".pytest_cache" / "mermaid"
    try:
        return {version: fetch_mermaid(version, folder) for version in MERMAID_VERSIONS}
    except MermaidUnavailableError as error:
        _missing(str(error))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use the browser are marked so, to be deselected with -m 'not browser'."""
    for item in items:
        if {"browser", "mermaid_bundles"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
