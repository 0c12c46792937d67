"""The Jinja2 environment for Markdown templates shipped in `engine/templates`."""

from __future__ import annotations

from functools import cache

import jinja2

from engine.render import escape
from engine.render.template_cache import TemplateCache
from engine.render.view.sentences import in_sentence


@cache
def environment() -> jinja2.Environment:
    """Templates render Markdown, not HTML: no autoescape, but every string from a profile, a
    rule set or a saved assessment is escaped explicitly (`md`, `cell`, `label` for profile text,
    `prose` for rule-set text, `code` for identifiers); StrictUndefined makes a missing value an
    error instead of an empty string."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("engine", "templates"),
        bytecode_cache=TemplateCache("markdown"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = escape.inline
    env.filters["cell"] = escape.cell
    env.filters["block"] = escape.block
    env.filters["label"] = escape.label
    env.filters["answer"] = escape.answer
    env.filters["prose"] = escape.prose
    env.filters["code"] = escape.code
    env.filters["href"] = escape.href
    env.filters["in_sentence"] = in_sentence
    return env
