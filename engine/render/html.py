"""The HTML readiness report: the same view as the Markdown report (`engine.render.view`), as one
self-contained page that reads in a browser and prints (see `templates/report.html.j2`).

Its own Jinja2 environment, apart from the Markdown one, because the two escape in opposite ways:
here autoescape is on, so every string from a profile, a rule set or a saved assessment is
HTML-escaped whatever the template does with it, and only the template's own markup is markup.
Before escaping, `_shown` writes line breaks as spaces and every control or invisible character as
a visible escape (`engine.printable`), as every other output does. Attributes get only what is
safe by construction: ids from the view's anchors, links from `href`, which refuses anything but
http(s).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from engine.assessment.assessment import Assessment
from engine.printable import one_line
from engine.render.chart import slope_chart
from engine.render.environment import translate
from engine.render.escape import href as quoted
from engine.render.template_cache import TemplateCache
from engine.render.view import build_view
from engine.render.view.sentences import in_sentence

_NEWLINES = re.compile(r"\r\n|\r|\n|\t|\u2028|\u2029|\u0085")


def _shown(value: Any) -> Any:
    """Every `{{ }}` value on its way out: text as one inert line; markup and numbers as given."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return one_line(_NEWLINES.sub(" ", value))


def _join(values: Any, separator: str = "") -> Markup:
    """`join` that shows each item as `_shown` does: Jinja's own join escapes the items but
    returns markup, which `finalize` then passes as it is."""
    return Markup(escape(separator)).join(escape(_shown(value)) for value in values)


def is_web(url: object) -> bool:
    """An http(s) link with a host: the only kind a report links to, besides its own anchors."""
    text = str(url)
    if not text.isascii() or not text.isprintable():
        return False
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def href(url: object) -> str:
    """A checked web address, percent-encoded so that no quote or bracket can end the attribute.

    The view's links are validated before they get here; checking again means that a link the
    view did not validate is dropped instead of written."""
    if not is_web(url):
        raise ValueError(f"not a web address: {url!r}")
    return quoted(url)


@cache
def environment() -> jinja2.Environment:
    """Autoescape on for every template, StrictUndefined so a missing value is an error."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("engine.render", "templates"),
        bytecode_cache=TemplateCache("html"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_shown,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    translate(env, _shown)
    env.globals.update(
        bold_list=_bold_list,
        nowrap=_nowrap,
        code=_code,
        soft=_soft,
        strong=_strong,
        in_language=_in_language,
    )
    env.filters["href"] = href
    env.filters["join"] = _join
    env.filters["in_sentence"] = in_sentence
    env.tests["web"] = is_web
    env.globals["slope_chart"] = slope_chart
    return env


def _bold_list(items: list[str]) -> Markup:
    """Element titles in bold, for a sentence the catalogue words around them."""
    return Markup(", ").join(Markup("<strong>%s</strong>") % item for item in items)


def _strong(text: str) -> Markup:
    return Markup("<strong>%s</strong>") % text


def _in_language(text: str, code: str) -> Markup:
    """Text in a language other than the page's, marked so a screen reader voices it right."""
    return Markup('<span lang="%s">%s</span>') % (code, text)


def _nowrap(text: str) -> Markup:
    return Markup('<span class="nowrap">%s</span>') % text


def _code(text: str) -> Markup:
    return Markup("<code>%s</code>") % text


def _soft(text: str) -> Markup:
    """A long column heading, allowed to break inside its long word (`Expect-ations met`)."""
    return Markup(str(escape(text)).replace("Expectations", "Expect&shy;ations"))


def render_html(
    assessment: Assessment, area_titles: dict[str, str], link_base: str | None = None
) -> str:
    """The report as HTML; with `link_base`, each answer quoted links to its line in the profile."""
    view = build_view(assessment, area_titles, link_base)
    return environment().get_template("report.html.j2").render(v=view)
