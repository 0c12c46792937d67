"""A stakeholder survey as one self-contained HTML page, to send as a file (`readiness survey`).

Drawn with the HTML report's environment (`engine.render.html`): autoescape on, and every value
shown as one inert line, so nothing from the profile becomes markup. The page's stylesheet and
its one small script are package data, inlined; a content security policy in the page allows
that script (by its hash) and nothing else, so even a page opened from an e-mail attachment
fetches nothing and sends nothing.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from markupsafe import Markup

from engine.i18n.text import language
from engine.render.html import environment
from engine.render.view.survey import SurveyPage


@cache
def _asset(name: str) -> str:
    env = environment()
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    return source


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render_survey(page: SurveyPage) -> str:
    """The survey page's HTML, its fixed sentences in the page's own language."""
    script = _asset("survey.js")
    with language(page.lang):
        return (
            environment()
            .get_template("survey.html.j2")
            .render(
                p=page,
                script=Markup(script),  # package data, not profile text
                stylesheet=Markup(_asset("survey.css")),
                script_hash=script_hash(script),
            )
        )
