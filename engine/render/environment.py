"""The Jinja2 environment for Markdown templates shipped in `engine/render/templates`."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, cast

import jinja2

from engine.i18n import text
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
        loader=jinja2.PackageLoader("engine.render", "templates"),
        bytecode_cache=TemplateCache("markdown"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    translate(env)
    env.globals["bold_list"] = lambda items: ", ".join(f"**{item}**" for item in items)
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


def translate(env: jinja2.Environment, shown: Callable[[Any], Any] | None = None) -> None:
    """Let the templates word things in the language of the rendering under way (`_`,
    `ngettext`, `pgettext`, formatted `%(name)s` style), and write its decimals.

    With `shown`, every value put into a message goes through it first, as every `{{ }}` value
    goes through the environment's `finalize`: a profile's text inside a translated sentence is
    as inert as anywhere else (Jinja escapes such values, but does not finalize them)."""
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=text._, ngettext=text.n_, pgettext=text.p_, newstyle=True
    )
    if shown is not None:
        for name in ("gettext", "ngettext", "pgettext"):
            env.globals[name] = _finalized(cast("Callable[..., str]", env.globals[name]), shown)
    env.globals["decimal"] = text.number
    env.globals["colon"] = text.colon


def _finalized(message: Callable[..., str], shown: Callable[[Any], Any]) -> Callable[..., str]:
    @jinja2.pass_context
    def worded(context: jinja2.runtime.Context, *args: Any, **values: Any) -> str:
        return message(context, *args, **{key: shown(v) for key, v in values.items()})

    return worded
