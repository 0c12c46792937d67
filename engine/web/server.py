"""Running the workspace: bind the socket first, then hand it to uvicorn.

Binding before the app is built means the port is known (and taken) when the allowed Host names
are fixed and the URL is printed: asking for a free port and binding later could lose it to
another program in between.
"""

from __future__ import annotations

import socket
import threading
import webbrowser
from collections.abc import Callable

import uvicorn
from starlette.applications import Starlette


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free one chosen by the system)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def url(host: str, port: int, token: str | None = None) -> str:
    """The address to open; with a token, the first visit carries it."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def server(app: Starlette) -> uvicorn.Server:
    """A uvicorn server for the app, quiet apart from errors (the CLI prints the address)."""
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    return uvicorn.Server(config)


def serve(
    app: Starlette,
    sock: socket.socket,
    address: str,
    browser: bool,
    opener: Callable[[str], object] = webbrowser.open,
) -> None:
    """Serve until interrupted; open `address` in the browser once the server is up."""
    running = server(app)
    if browser:

        def open_when_started() -> None:
            while not running.started and not running.should_exit:
                threading.Event().wait(0.05)
            if running.started:
                opener(address)

        threading.Thread(target=open_when_started, daemon=True).start()
    running.run(sockets=[sock])
