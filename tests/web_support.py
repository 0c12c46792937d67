"""A test client for the workspace, and the editor's form as a browser would submit it.

Route tests drive the real questionnaire form (`engine.web.form` through `engine.web.seam`):
they read the fields a page holds (`tests.form_submission`), change some and post them back.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.testclient import TestClient

from engine.web.app import Settings, create_app
from engine.web.security import Guard, allowed_hosts
from tests.form_submission import submitted

HOST, PORT = "127.0.0.1", 8123
BASE = f"http://{HOST}:{PORT}"


def client(folder: Path, *, form: Any = "installed", token: str | None = None) -> TestClient:
    """A test client for a workspace over `folder`, as the browser at the printed address."""
    guard = Guard(allowed_hosts(HOST, PORT), token)
    app = create_app(Settings(folder=folder, guard=guard), form=form)
    return TestClient(app, base_url=BASE, follow_redirects=False)


def csrf_of(html: str) -> str:
    """The CSRF value a page put in its forms."""
    found = re.search(r'name="_csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def sha_of(html: str) -> str:
    found = re.search(r'name="_sha" value="([^"]*)"', html)
    assert found, "the page has no sha field"
    return found.group(1)


Pairs = list[tuple[str, str]]


def fields_of(html: str) -> Pairs:
    """What the page's form would submit with no button pressed: its fields, in order."""
    start = html.index('<form method="post"')
    return submitted(html[start : html.index("</form>", start)]).pairs


def with_values(pairs: Pairs, changed: dict[str, str]) -> Pairs:
    """The pairs with some fields' values replaced in place (added at the end if absent)."""
    out = [(name, changed.get(name, value)) for name, value in pairs]
    present = {name for name, _ in pairs}
    return out + [(name, value) for name, value in changed.items() if name not in present]


def post_fields(web: TestClient, url: str, pairs: Pairs, **headers: str) -> Any:
    """POST the pairs as a browser does (url-encoded, in order, names repeated as needed)."""
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return web.post(url, content=urlencode(pairs), headers=headers)
