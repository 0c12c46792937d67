"""`readiness serve` for browser tests and screenshots: uvicorn in a thread on a free port, as
`readiness serve --no-browser` runs it, over a folder the caller prepared."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from engine.web.app import Settings, create_app
from engine.web.security import Guard, allowed_hosts
from engine.web.server import bind, server, url


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """The workspace over `folder` at its printed address, stopped on exit."""
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    app = create_app(Settings(folder, Guard(allowed_hosts("127.0.0.1", port))))
    running = server(app)
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    started = threading.Event()
    for _ in range(200):
        if running.started:
            break
        started.wait(0.05)
    assert running.started, "uvicorn did not start"
    try:
        yield url("127.0.0.1", port)
    finally:
        running.should_exit = True
        thread.join(10)
        sock.close()
