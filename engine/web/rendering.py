"""The workspace's own pages: a Jinja2 environment with autoescape on for every template.

Apart from the report's environment (`engine.render.html`) because the pages are not reports,
but built the same way: every `{{ }}` value is HTML-escaped whatever it holds, so a profile name
or an answer can never become markup; the only markup that is not escaped is the report itself
and the form fragment, both produced by code that escapes on its own.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2

from engine.printable import inert_lines, one_line


def profile_url(name: str, tail: str = "") -> str:
    """The URL of a profile's page (or of `tail` below it): every part percent-encoded."""
    return "/p/" + quote(name, safe="/") + tail


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("engine.web", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["profile_url"] = profile_url
    env.filters["inert"] = one_line  # text from outside (survey answers): controls made visible
    env.filters["inert_lines"] = inert_lines
    return env


def page(template: str, **context: Any) -> str:
    """A page of the workspace, rendered from `engine/web/templates`."""
    return environment().get_template(template).render(**context)
