"""A stand-in for the questionnaire form module, and a test client for the workspace.

The real form (`engine.web.form`) is built on its own branch; these tests drive the routes
through the seam it will fill (`engine.web.seam.FormModule`) with the simplest module that
keeps its contract: the whole profile data as one JSON field, and an `act` field for actions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markupsafe import escape
from starlette.testclient import TestClient

from engine.web.app import Settings, create_app
from engine.web.security import Guard, allowed_hosts

HOST, PORT = "127.0.0.1", 8123
BASE = f"http://{HOST}:{PORT}"


class JsonForm:
    """The seam's three functions over one `<textarea name="data">` of JSON."""

    @staticmethod
    def build_form(profile_data: dict[str, Any], problems: Mapping[str, list[str]]) -> Any:
        return {"data": profile_data, "problems": dict(problems)}

    @staticmethod
    def render_form(form: Any) -> str:
        problems = "".join(
            f'<li data-field="{escape(k)}">{escape(m)}</li>'
            for k, ms in form["problems"].items()
            for m in ms
        )
        text = json.dumps(form["data"], default=str)
        area = f'<textarea name="data">{escape(text)}</textarea>'
        return f'<ul class="field-problems">{problems}</ul>{area}'

    @staticmethod
    def parse_submission(pairs: list[tuple[str, str]]) -> tuple[dict[str, Any], str | None]:
        fields = dict(pairs)
        data: dict[str, Any] = json.loads(fields.get("data", "{}"))
        return data, fields.get("act")


def client(folder: Path, *, form: Any = JsonForm, token: str | None = None) -> TestClient:
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
