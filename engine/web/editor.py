"""The editor's page: one part of the questionnaire, what is wrong with it, and the way on.

A page shows, from the top: the error summary after Check answers or a save that found
problems (focused, one link per problem to its answer, as the GOV.UK Design System does it); the
part's heading with how many of its questions are answered; the values the form has no place
for, each with its fixes (`unknowns`); the part's questions; the buttons that save and go on;
and the list of all parts, each with its count of answers and of problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from engine.web import merging, unknowns
from engine.web.pages import workspace_of
from engine.web.rendering import page, profile_url
from engine.web.seam import FormModule, Loc

NEW_ACTION = "/new"


@dataclass
class Screen:
    """What one editor page is to show: a part of `data`, with `problems` when a button was
    pressed (None: the file's own problems, looked up here)."""

    name: str
    slug: str
    data: dict[str, Any]
    sha: str
    problems: dict[str, list[str]] | None = None
    loose: list[Any] = field(default_factory=list)  # about no answer (text, or a `Trouble`)
    new: bool = False
    pressed: bool = False  # Check answers or a save: the summary takes the focus
    checked: bool = False  # Check answers found nothing wrong
    saved: bool = False
    status: int = 200


@dataclass(frozen=True)
class NavItem:
    """One part in the list of parts."""

    slug: str
    title: str
    url: str
    answered: int
    total: int
    problems: int
    current: bool


def form_of(request: Request) -> FormModule:
    form: FormModule = request.app.state.form
    return form


def part_url(name: str, slug: str) -> str:
    return profile_url(name, f"/edit/{slug}")


def every_location(form_module: FormModule, form: Any) -> list[Loc]:
    return [loc for slug, _ in form_module.parts() for loc in form_module.locations(form, slug)]


def part_problems(request: Request, screen: Screen, form: Any) -> dict[str, dict[str, list[str]]]:
    """Each part's problems as the file (or the data shown) has them; one check of the whole
    when nothing is wrong anywhere, the usual case."""
    module, extra = form_of(request), workspace_of(request).extra_check
    kept = module.kept(form)
    if not merging.problems_of(screen.data, every_location(module, form), kept, screen.name, extra):
        return {}
    return {
        slug: merging.problems_of(
            screen.data, module.locations(form, slug), kept, screen.name, extra
        )
        for slug, _ in module.parts()
    }


def show(request: Request, screen: Screen) -> HTMLResponse:
    """The page for `screen`."""
    module = form_of(request)
    form = module.build_form(screen.data, {})
    by_part = part_problems(request, screen, form) if not screen.new else {}
    own = screen.problems if screen.problems is not None else by_part.get(screen.slug, {})
    module.add_problems(form, own)
    action = NEW_ACTION if screen.new else part_url(screen.name, screen.slug)
    view = module.view(form, screen.slug, action)
    slugs = [slug for slug, _ in module.parts()]
    index = slugs.index(screen.slug)
    html = page(
        "edit.html.j2",
        name="" if screen.new else screen.name,  # the workspace's links to this profile
        screen=screen,
        view=view,
        fragment=Markup(view.fragment),  # the form's own escaping: see `seam`
        summary=[*screen.loose, *view.problems],
        number=index + 1,
        count=len(slugs),
        previous=_neighbour(module, index - 1),
        next=_neighbour(module, index + 1),
        parts=[] if screen.new else _nav(module, form, screen, by_part),
        unknowns=_unknowns(module, form, screen.data),
        action=action,
        folder=str(workspace_of(request).folder.root),
        csrf=request.state.csrf,
        stylesheet=Markup(module.stylesheet()),  # package data, not profile text
        editing=True,
    )
    return HTMLResponse(html, screen.status)


def _neighbour(module: FormModule, index: int) -> tuple[str, str] | None:
    parts = module.parts()
    return parts[index] if 0 <= index < len(parts) else None


def _nav(
    module: FormModule, form: Any, screen: Screen, by_part: dict[str, dict[str, list[str]]]
) -> list[NavItem]:
    items = []
    for slug, title in module.parts():
        answered, total = module.progress(form, slug)
        troubles = sum(len(messages) for messages in by_part.get(slug, {}).values())
        url = part_url(screen.name, slug)
        items.append(NavItem(slug, title, url, answered, total, troubles, slug == screen.slug))
    return items


@dataclass(frozen=True)
class Kept:
    """A value the form has no place for, as the panel lists it."""

    item: unknowns.Unknown
    part: str  # the title of the part its key belongs to, "" for none
    fixes: list[str]


def _unknowns(module: FormModule, form: Any, data: dict[str, Any]) -> list[Kept]:
    titles = dict(module.parts())
    found = unknowns.unknowns(data, module.kept(form))
    return [
        Kept(item, titles.get(module.owner(item.name) or "", ""), unknowns.fixes(item))
        for item in found
    ]
