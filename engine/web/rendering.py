"""The workspace's own pages: a Jinja2 environment with autoescape on for every template.

Apart from the report's environment (`engine.render.html`) because the pages are not reports,
but built the same way: every `{{ }}` value is HTML-escaped whatever it holds, so a profile name
or an answer can never become markup; the only markup that is not escaped is the report itself
and the form fragment, both produced by code that escapes on its own.

Every fixed sentence goes through the tool's catalogues (`_`, `ngettext` in the templates), so
that a page rendered inside `engine.i18n.text.language(code)` reads in that language. The
workspace serves English: it is the planners' tool, while what participants and boards read
(the survey page, the reports) is offered in every shipped language (`--lang`).
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from engine.printable import inert_lines, one_line
from engine.render.environment import translate


def profile_url(name: str, tail: str = "") -> str:
    """The URL of a profile's page (or of `tail` below it): every part percent-encoded."""
    return "/p/" + quote(name, safe="/") + tail


def in_message(value: Any) -> Any:
    """A value put into a translated sentence: text as one inert line (a name or a label inside
    a sentence cannot break it or hide in it); markup and numbers as given. Jinja escapes the
    value after this, as it escapes every `{{ }}` value."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return one_line(value)


def worded(env: jinja2.Environment) -> None:
    """Let a workspace template word its sentences through the catalogues (`_`, `ngettext`;
    the environment needs the `jinja2.ext.i18n` extension), with the markup a sentence may hold
    around a value, so that the markup stays out of the translators' text."""
    translate(env, in_message)
    env.globals.update(code=_code, strong=_strong, download=_download)


def _code(text: str) -> Markup:
    return Markup("<code>%s</code>") % text


def _strong(text: str) -> Markup:
    return Markup("<strong>%s</strong>") % text


def _download(url: str, text: str) -> Markup:
    """A link to a file the browser saves (the survey, its CSV template)."""
    return Markup('<a href="%s" download>%s</a>') % (url, text)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("engine.web", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    worded(env)
    env.globals["profile_url"] = profile_url
    env.filters["inert"] = one_line  # text from outside (survey answers): controls made visible
    env.filters["inert_lines"] = inert_lines
    return env


def page(template: str, **context: Any) -> str:
    """A page of the workspace, rendered from `engine/web/templates`."""
    return environment().get_template(template).render(**context)
