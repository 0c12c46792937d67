"""The pages that only read: the portfolio, a profile's report, and the report to download."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from engine.i18n.text import _
from engine.web.paths import PathRefusedError
from engine.web.rendering import page
from engine.web.workspace import FIRST_PROBLEMS, Workspace

DOWNLOADS = {"md": ("markdown", "text/markdown"), "json": ("json", "application/json")}


def workspace_of(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


def editing(request: Request) -> bool:
    return request.app.state.form is not None


def message(request: Request, heading: str, text: str, status: int) -> HTMLResponse:
    """A page that says one thing (a refused name, a missing file) with its HTTP status."""
    html = page("message.html.j2", heading=heading, message=text, editing=editing(request))
    return HTMLResponse(html, status)


def checked_name(request: Request) -> str | Response:
    """The profile name in the URL, if the workspace may open it; else the page saying why."""
    name = str(request.path_params["name"])
    try:
        path = workspace_of(request).folder.resolve(name)
    except PathRefusedError as refused:
        return message(request, _("Not a profile of this workspace"), str(refused), 404)
    if not path.is_file():
        said = _("There is no file %(file)s here.") % {"file": name}
        return message(request, _("No such profile"), said, 404)
    return name


def portfolio(request: Request) -> HTMLResponse:
    workspace = workspace_of(request)
    entries = workspace.portfolio()
    html = page(
        "portfolio.html.j2",
        entries=entries,
        invalid=sum(e.assessment is None for e in entries),
        folder=str(workspace.folder.root),
        first=FIRST_PROBLEMS,
        editing=editing(request),
    )
    return HTMLResponse(html)


def profile(request: Request) -> Response:
    """The HTML report, with the workspace's navigation on top; or the file's problems."""
    name = checked_name(request)
    if isinstance(name, Response):
        return name
    workspace = workspace_of(request)
    entry = workspace.entry(name)
    if entry.assessment is None:
        html = page(
            "problems.html.j2", name=name, problems=entry.problems, editing=editing(request)
        )
        return HTMLResponse(html, 422)
    report = workspace.report(entry.assessment, "html")
    nav = Markup(page("nav.html.j2", name=name, editing=editing(request)))
    return HTMLResponse(with_navigation(report, nav))


def with_navigation(report: str, nav: str) -> str:
    """The report with the workspace's links right after `<body>` (the report is a whole page
    that prints on its own; the navigation is hidden in print by its own style)."""
    style = (
        "<style>.ws-nav{display:flex;flex-wrap:wrap;gap:1rem;padding:.5rem 1rem;"
        "font:15px system-ui,sans-serif;background:#f1f3f5}@media print{.ws-nav{display:none}}"
        "</style>"
    )
    head, body, rest = report.partition("<body>")
    if not body:
        return nav + report
    return f"{head}{body}\n{style}\n{nav}{rest}"


def downloader(suffix: str) -> Callable[[Request], Response]:
    """The handler of `/p/<name>/report.<suffix>` (md or json)."""
    return lambda request: download(request, suffix)


def download(request: Request, suffix: str) -> Response:
    """The report as `readiness assess` writes it, in Markdown or JSON, as a download."""
    name = checked_name(request)
    if isinstance(name, Response):
        return name
    kind, media = DOWNLOADS[suffix]
    entry = workspace_of(request).entry(name)
    if entry.assessment is None:
        listing = "\n".join(str(p) for p in entry.problems)
        return Response(listing + "\n", 422, media_type="text/plain")
    text = workspace_of(request).report(entry.assessment, kind)
    filename = f"{PurePosixPath(name).stem}.readiness.{suffix}"
    disposition = f'attachment; filename="{_ascii(filename)}"'
    return Response(text, media_type=media, headers={"Content-Disposition": disposition})


def _ascii(filename: str) -> str:
    return "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename
    )
