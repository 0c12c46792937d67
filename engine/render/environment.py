"""The Jinja2 environment for Markdown templates shipped in `engine/templates`."""

from __future__ import annotations

from functools import cache

import jinja2

from engine.render import escape


@cache
def environment() -> jinja2.Environment:
    """Templates render Markdown, not HTML: no autoescape, but every string from a profile, a
    rule set or a saved assessment is escaped explicitly (`md`, `cell`, `label` for profile text,
    `prose` for rule-set text, `code` for identifiers); StrictUndefined makes a missing value an
    error instead of an empty string."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("engine", "templates"),
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


def in_sentence(title: str) -> str:
    """A title as it reads inside a sentence: 'A stakeholder ...' becomes 'a stakeholder ...',
    while a word that is all capitals ('IDS', 'T-RES-1') keeps its case, unlike `lower`."""
    word = title.split(" ", 1)[0]
    if len(word) > 1 and not word[1:2].islower():
        return title
    return title[:1].lower() + title[1:]
