"""`readiness serve`: loopback by default, remote only with --allow-remote and a token, no
browser opened with --no-browser (and never by the tests: the server is replaced)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.cli.commands.serve import is_loopback
from engine.web import server
from tests.conftest import PROFILES, Run


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What `serve` would have run, instead of running it."""
    calls: list[dict[str, Any]] = []

    def record(app: Any, sock: Any, address: str, browser: bool) -> None:
        calls.append({"app": app, "address": address, "browser": browser})
        sock.close()

    monkeypatch.setattr(server, "serve", record)
    return calls


def test_remote_binding_needs_the_flag(cli: Callable[..., Run], started: list[object]) -> None:
    run = cli("serve", str(PROFILES), "--host", "0.0.0.0", "--no-browser")
    assert run.code == 2
    assert "add --allow-remote" in run.err
    assert started == []


def test_loopback_prints_the_address_and_opens_the_browser(
    cli: Callable[..., Run], started: list[dict[str, Any]]
) -> None:
    run = cli("serve", str(PROFILES))
    assert run.code == 0
    [call] = started
    assert call["browser"] is True
    assert run.out.strip() == call["address"]
    assert call["address"].startswith("http://127.0.0.1:") and "token" not in call["address"]
    assert call["app"].state.workspace.folder.root == PROFILES.resolve()


def test_remote_binding_prints_a_token_every_request_needs(
    cli: Callable[..., Run], started: list[dict[str, Any]]
) -> None:
    run = cli("serve", str(PROFILES), "--host", "0.0.0.0", "--allow-remote", "--no-browser")
    assert run.code == 0
    [call] = started
    token = call["address"].split("?token=")[1]
    assert len(token) >= 20 and f"access token: {token}" in run.err
    assert call["browser"] is False


def test_a_missing_folder_is_a_usage_error(cli: Callable[..., Run], tmp_path: Path) -> None:
    assert cli("serve", str(tmp_path / "nope"), "--no-browser").code == 2


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_which_hosts_are_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
