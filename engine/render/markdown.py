"""The Markdown readiness report: the report's view (`engine.render.view`) poured into
`templates/report.md.j2`. Wording and order live in the view, shared with other renderers;
this module and the template only lay it out and escape it for GitHub."""

from __future__ import annotations

from engine.assessment.assessment import Assessment
from engine.render.environment import environment
from engine.render.view import build_view


def render_markdown(
    assessment: Assessment, area_titles: dict[str, str], link_base: str | None = None
) -> str:
    """The report; with `link_base`, every answer quoted links to its line in the profile."""
    view = build_view(assessment, area_titles, link_base)
    return environment().get_template("report.md.j2").render(v=view)
