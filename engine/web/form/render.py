"""The form as HTML fragments: Jinja2 with autoescape on, in its own environment.

Its own environment, not the Markdown report's (which escapes for Markdown, autoescape off) nor
the HTML report's (which writes every value as one line, where a text area must keep its line
breaks). Every value from a profile is escaped by Jinja; names and ids are built from field names
and indices only (`engine.web.form.names`), so nothing a planner types can become markup.

The fragment holds the inputs and buttons but no `<form>` element: the app wraps it, adding its
action, method and CSRF token. Without JavaScript, add and remove are submit buttons
(`name="action"`), so the server re-renders the form with the entry added or removed.
The templates are the workspace's (`engine/web/templates/form/`): the form is only ever shown
there, and its sentences go through the same catalogues as the workspace's pages (`worded`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import jinja2
from markupsafe import Markup

from engine.web.form.model import Entry, Field, Form, Group, ListField, MappingField, Node
from engine.web.rendering import worded

_KINDS: tuple[tuple[type[Node], str], ...] = (
    (Field, "field"),
    (ListField, "list"),
    (MappingField, "mapping"),
    (Entry, "entry"),
    (Group, "group"),
)


def kind(node: Node) -> str:
    """Which macro draws a node (templates cannot test a node's class)."""
    return next((name for cls, name in _KINDS if isinstance(node, cls)), "section")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("engine.web", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
    )
    worded(env)
    env.filters["kind"] = kind
    env.globals["part_source"] = ""
    env.globals["action"] = ""
    return env


def render_form(form: Form) -> Markup:
    """The whole questionnaire, section by section, as one HTML fragment."""
    return Markup(environment().get_template("form/form.html.j2").render(form=form))


def render_part(form: Form, nodes: Sequence[Node], source: str = "", action: str = "") -> Markup:
    """Some of the questionnaire's questions (one part), with the form's hidden fields;
    `source` is the worksheet section the page names once, so its questions need not.
    `action` is the URL the form posts to: the add and remove buttons post there with the
    changed list's place as its fragment, so the page comes back where the planner was."""
    template = environment().get_template("form/part.html.j2")
    return Markup(template.render(form=form, nodes=nodes, part_source=source, action=action))


def render_node(node: Node) -> Markup:
    """One part of the form (a field, a group, a list) as an HTML fragment."""
    template = environment().get_template("form/node.html.j2")
    return Markup(template.render(part=node, entry_of=None))


def render_new_entry(field: ListField) -> Markup:
    """The entry a list's add button adds (its `template`), for an app that adds it in the page."""
    template = environment().get_template("form/node.html.j2")
    return Markup(template.render(part=None, entry_of=field))


def stylesheet() -> str:
    """The form's CSS, for the page to put inline (nothing is fetched)."""
    loader = environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(environment(), "form/form.css")
    return source
