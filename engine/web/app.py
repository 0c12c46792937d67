"""The workspace as an ASGI application: routes, the request guard, and what they share.

Built by a function, not at import, so that tests make one per folder (and with a stand-in form
module) and the CLI one per run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route

from engine.web import editing, pages, surveys
from engine.web.seam import FormModule, installed_form
from engine.web.security import Guard, GuardMiddleware
from engine.web.workspace import Workspace


@dataclass(frozen=True)
class Settings:
    """What `readiness serve` was asked for."""

    folder: Path
    guard: Guard
    rules: Path | None = None


def routes(form: FormModule | None) -> list[Route]:
    """Every route; the editing ones only with a form module (see `seam`)."""
    found = [
        Route("/", pages.portfolio, methods=["GET"]),
        Route("/p/{name:path}/report.md", pages.downloader("md"), methods=["GET"]),
        Route("/p/{name:path}/report.json", pages.downloader("json"), methods=["GET"]),
        Route("/p/{name:path}/surveys", surveys.surveys, methods=["GET"]),
        Route("/p/{name:path}/survey", surveys.stakeholder, methods=["GET"]),
        Route("/p/{name:path}/survey.html", surveys.download, methods=["GET"]),
        Route("/p/{name:path}/survey.csv", surveys.download, methods=["GET"]),
        Route("/p/{name:path}/survey/import", surveys.import_preview, methods=["POST"]),
        Route("/p/{name:path}/survey/write", surveys.import_write, methods=["POST"]),
    ]
    if form is not None:
        found += [
            Route("/new", editing.new_page, methods=["GET"]),
            Route("/new", editing.new_save, methods=["POST"]),
            Route("/p/{name:path}/edit", editing.edit_start, methods=["GET"]),
            Route("/p/{name:path}/edit/{part}", editing.edit_page, methods=["GET"]),
            Route("/p/{name:path}/edit/{part}", editing.edit_save, methods=["POST"]),
            Route("/p/{name:path}/resolve", editing.resolve, methods=["POST"]),
        ]
    found.append(Route("/p/{name:path}", pages.profile, methods=["GET"]))
    return found


def create_app(
    settings: Settings,
    form: FormModule | Literal["installed"] | None = "installed",
    workspace: Workspace | None = None,
) -> Starlette:
    """The application; `form` defaults to `engine.web.form` when it is installed."""
    chosen = installed_form() if form == "installed" else form
    app = Starlette(
        routes=routes(chosen),
        middleware=[Middleware(GuardMiddleware, guard=settings.guard)],
    )
    app.state.workspace = workspace or Workspace(settings.folder, settings.rules)
    app.state.form = chosen
    return app
