"""`readiness serve [FOLDER]`: the planner's workspace in the browser, on this machine only.

Loopback by default; any other address needs `--allow-remote`, and then every request must carry
the access token printed here, because anyone on the network could otherwise read and change the
profiles. The web stack is the optional `serve` extra, so the core install (CI) stays lean.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import click

from engine.cli.commands.common import say
from engine.errors import EXIT_BAD_INPUT, EXIT_OK

INSTALL_HINT = "pip install 'ids-readiness[serve]'"


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or `localhost`: reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default="a free port")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--no-browser", is_flag=True, help="Print the address; do not open a browser.")
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow an address other people can reach; every request then needs the printed token.",
)
def command(folder: str, port: int, host: str, no_browser: bool, allow_remote: bool) -> int:
    """A local web workspace over FOLDER (default: here): portfolio, reports, the form."""
    if not is_loopback(host) and not allow_remote:
        raise click.UsageError(
            f"--host {host} can be reached from other machines; add --allow-remote to allow it "
            "(every request then needs the access token printed at start)"
        )
    if not os.path.isdir(folder):
        raise click.UsageError(f"{folder} is not a folder")
    host = "127.0.0.1" if host == "localhost" else host
    try:
        from engine.web.app import Settings, create_app
        from engine.web.security import Guard, allowed_hosts, new_token
        from engine.web.server import bind, serve, url
    except ModuleNotFoundError as error:
        say(
            f"readiness: error: serve needs the web extra ({error.name} is missing): {INSTALL_HINT}"
        )
        return EXIT_BAD_INPUT
    try:
        sock = bind(host, port)
    except OSError as error:
        say(f"readiness: error: cannot listen on {host}:{port}: {error.strerror}")
        return EXIT_BAD_INPUT
    bound = sock.getsockname()[1]
    token = None if is_loopback(host) else new_token()
    app = create_app(Settings(folder=Path(folder), guard=Guard(allowed_hosts(host, bound), token)))
    address = url(host, bound, token)
    say(f"readiness: serving {folder}; open this address (Ctrl+C to stop):")
    click.echo(address)
    if token:
        say(f"readiness: access token: {token} (needed by every request; keep it private)")
    serve(app, sock, address, browser=not no_browser)
    return EXIT_OK
