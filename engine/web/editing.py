"""The pages that write: edit a profile part by part, start a new one, settle a conflict.

Each POST has passed the CSRF check before it gets here (`security`), and its fields wait in
`request.state.form`. Each handler does the slow part (YAML, validation, the rule engine) in the
thread pool, never on the event loop.

A part's page sends that part's answers only; they replace those answers in the file's data
(`merging`), and the rest of the file stays as it is. Nothing is written while the part has a
problem: the page comes back with the error summary and every answer as typed. A problem left
in another part does not stop this one from being saved (each part is checked on its own, and
the list of parts says where problems remain). Nothing is written unless `saving` proves the
text reads back as the data, and the file is still the one the form was opened from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from engine.errors import InputError
from engine.i18n.text import _
from engine.profile.loader import parse_text
from engine.profile.positions import to_data
from engine.profile.template import Notes, render_template
from engine.rules.applicability import wordings
from engine.rules.critical import core_critical
from engine.web import merging, saving, unknowns
from engine.web.editor import Screen, form_of, part_url, show
from engine.web.pages import checked_name, message, workspace_of
from engine.web.paths import PathRefusedError
from engine.web.rendering import page, profile_url
from engine.web.seam import Trouble, form_fields, reserved
from engine.workflows.atomic import write_atomic

NEW_NAME = "new-profile.yaml"
CHECK = "check"
FILE_NAME = "_path"  # the problems key of the new file's name (its field is `new-path`)
_INDEX = re.compile(r"\[(\d+)\]")
# The buttons that save, and the part each goes to after saving (an offset; "report" leaves).
MOVES = {None: 0, "save": 0, "next": 1, "previous": -1, "report": None}


def _pairs(request: Request) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = request.state.form
    return pairs


def _located(request: Request) -> tuple[str, str] | Response:
    """The profile and the part in the URL, or the page saying why not."""
    name = checked_name(request)
    if isinstance(name, Response):
        return name
    slug = str(request.path_params.get("part", ""))
    if slug not in dict(form_of(request).parts()):
        said = _("The editor has no part called %(part)s.") % {"part": slug}
        return message(request, _("No such part"), said, 404)
    return name, slug


def edit_start(request: Request) -> Response:
    """GET /edit: the first part."""
    name = checked_name(request)
    if isinstance(name, Response):
        return name
    return RedirectResponse(part_url(name, form_of(request).parts()[0][0]), 303)


def edit_page(request: Request) -> Response:
    """GET: one part, filled from the file as it is now; any valid YAML opens."""
    located = _located(request)
    if isinstance(located, Response):
        return located
    name, slug = located
    text, sha = saving.read_current(workspace_of(request).folder.resolve(name))
    data = _data_of(request, text or "", name)
    if isinstance(data, Response):
        return data
    saved = request.query_params.get("saved") == "1"
    return show(request, Screen(name, slug, data, sha or "", saved=saved))


def _data_of(request: Request, text: str, name: str) -> dict[str, Any] | Response:
    """The file's answers, or the page saying it is not YAML (a form from nothing would wipe
    it)."""
    try:
        data = to_data(parse_text(text, name))
    except InputError as error:
        listing = "; ".join(str(p) for p in error.problems)
        note = _("Fix this in a text editor first, then reload: %(problems)s") % {
            "problems": listing
        }
        return message(request, _("%(file)s cannot be read as YAML") % {"file": name}, note, 422)
    if data is not None and not isinstance(data, dict):  # a list, or one value: no sections
        note = _("Its top level is not sections such as `profile:`; fix it in a text editor first.")
        return message(request, _("%(file)s cannot be edited here") % {"file": name}, note, 422)
    return data or {}


async def edit_save(request: Request) -> Response:
    """POST: save the part, or show it again with its problems (nothing written)."""
    located = _located(request)
    if isinstance(located, Response):
        return located
    return await run_in_threadpool(_save_existing, request, *located)


@dataclass(frozen=True)
class Attempt:
    """A part as submitted: the data it makes, what was pressed, and what a save would write."""

    name: str
    slug: str
    data: dict[str, Any]
    action: str | None
    problems: dict[str, list[str]]
    text: str | None = None  # None: nothing to write (a problem, or not a saving button)


def _save_existing(request: Request, name: str, slug: str) -> Response:
    path = workspace_of(request).folder.resolve(name)
    pairs = _pairs(request)
    current, _sha = saving.read_current(path)
    saved = _data_of(request, current or "", name)
    if isinstance(saved, Response):
        return saved
    attempt = _attempt(request, pairs, name=name, slug=slug, original=current, saved=saved)
    if isinstance(attempt, Response):
        return attempt
    opened = reserved(pairs, "_sha") or ""
    if attempt.text is None:
        return _again(request, attempt, opened)
    clash = saving.conflict(path, opened, attempt.text)
    if clash is not None:
        return _conflict(request, name, clash)
    write_atomic(path, attempt.text)
    return _onwards(request, attempt)


def _attempt(
    request: Request,
    pairs: list[tuple[str, str]],
    *,
    name: str,
    slug: str,
    original: str | None,
    saved: dict[str, Any],
) -> Attempt | Response:
    """What the submission makes of the file, checked; written only if it has no problem."""
    submitted = _submitted(request, pairs, slug)
    if isinstance(submitted, Response):
        return submitted
    page_data, action = submitted
    module = form_of(request)
    outline = module.build_form(saved, {})
    locations = module.locations(outline, slug)
    data = merging.merged(saved, page_data, locations, module.kept(outline))
    data = module.in_file_order(data, saved)
    fix = reserved(pairs, "_fix")
    if action not in MOVES and not fix:  # Check answers, add, remove: shown, not saved
        shown = _problems(request, data, name, slug) if action == CHECK else {}
        return Attempt(name, slug, data, action, shown)
    try:
        return _checked(request, Attempt(name, slug, data, action, {}), original, fix)
    except unknowns.FixError as error:
        return Attempt(name, slug, data, action, {saving.WHOLE_FILE: [str(error)]})


def _checked(request: Request, attempt: Attempt, original: str | None, fix: str | None) -> Attempt:
    text = saving.written(original, attempt.data, attempt.name)
    data, moved = attempt.data, None
    if fix:
        kept = form_of(request).kept(form_of(request).build_form(data, {}))
        items = unknowns.unknowns(data, kept)
        text, data, moved = unknowns.fixed(text, data, fix, attempt.name, items)
    found = _problems(request, data, attempt.name, attempt.slug)
    blocking = {path: m for path, m in found.items() if not _under(path, moved)}
    if blocking:  # the page is shown as it was sent, the fix still offered: nothing is written
        return replace(attempt, problems=blocking)
    return replace(attempt, data=data, problems=found, text=text)


def _under(path: str, loc: tuple[str | int, ...] | None) -> bool:
    """Whether a problem is about the value a fix just moved (the file's, not the page's)."""
    if loc is None:
        return False
    name = _INDEX.sub(r".\1", path)  # the CLI's `a.b[0].c` as a location's `a.b.0.c`
    moved = ".".join(str(part) for part in loc)
    return name == moved or name.startswith(moved + ".")


def _problems(request: Request, data: dict[str, Any], name: str, slug: str) -> dict[str, list[str]]:
    module = form_of(request)
    form = module.build_form(data, {})
    locations, kept = module.locations(form, slug), module.kept(form)
    return merging.problems_of(data, locations, kept, name, workspace_of(request).extra_check)


def _submitted(
    request: Request, pairs: list[tuple[str, str]], slug: str
) -> tuple[dict[str, Any], str | None] | Response:
    """The part's data and action, or a refusal for fields this page never sends."""
    module = form_of(request)
    fields = form_fields(pairs)
    strays = [n for n, _ in fields if n not in ("schema_version", "action")
              and module.owner(n) != slug]  # fmt: skip
    try:
        if strays:
            raise ValueError(_("%(name)s is not a question of this part") % {"name": strays[0]})
        data, action = module.parse_submission(fields)
    except ValueError as error:  # the form's FormError: not something our page sent
        said = _("The form sent something unexpected: %(error)s") % {"error": error}
        return message(request, _("Not saved"), said, 400)
    if action is None and reserved(pairs, "_action") is not None:
        action = reserved(pairs, "_action")
    return data, action


def _again(request: Request, attempt: Attempt, sha: str, **new: Any) -> HTMLResponse:
    """The part shown again, unsaved, with every answer as it was sent."""
    pressed = attempt.action in MOVES or attempt.action == CHECK
    named = [Trouble("new-path", "", text) for text in attempt.problems.get(FILE_NAME, [])]
    loose = [*attempt.problems.get(saving.WHOLE_FILE, []), *named]
    aside = (saving.WHOLE_FILE, FILE_NAME)
    problems = {p: m for p, m in attempt.problems.items() if p not in aside}
    status = 422 if attempt.action in MOVES and (problems or loose) else 200
    troubled = bool(attempt.problems)
    checked = attempt.action == CHECK and not troubled
    screen = Screen(
        attempt.name, attempt.slug, attempt.data, sha, problems, loose,
        pressed=pressed and troubled, checked=checked, status=status, **new,
    )  # fmt: skip
    return show(request, screen)


def _onwards(request: Request, attempt: Attempt) -> RedirectResponse:
    """After a save: the same part (saying so), the next or previous one, or the report."""
    step = MOVES.get(attempt.action, 0)
    if step is None:
        return RedirectResponse(profile_url(attempt.name), 303)
    slugs = [slug for slug, _ in form_of(request).parts()]
    index = min(max(slugs.index(attempt.slug) + step, 0), len(slugs) - 1)
    tail = "?saved=1" if step == 0 else ""
    return RedirectResponse(part_url(attempt.name, slugs[index]) + tail, 303)


def new_page(request: Request) -> Response:
    """GET: a new profile's first part, from the `readiness init` template."""
    data = to_data(parse_text(_template(), NEW_NAME))
    first = form_of(request).parts()[0][0]
    return show(request, Screen(NEW_NAME, first, _as_dict(data), "", new=True))


async def new_save(request: Request) -> Response:
    return await run_in_threadpool(_save_new, request)


def _save_new(request: Request) -> Response:
    workspace = workspace_of(request)
    pairs = _pairs(request)
    name = (reserved(pairs, "_path") or "").strip()
    template = _template()
    saved = _as_dict(to_data(parse_text(template, NEW_NAME)))
    first = form_of(request).parts()[0][0]
    shown = name or NEW_NAME
    attempt = _attempt(request, pairs, name=shown, slug=first, original=template, saved=saved)
    if isinstance(attempt, Response):
        return attempt
    attempt = replace(attempt, name=name)
    problems = dict(attempt.problems)
    path = _new_path(workspace.folder.resolve, name, problems) if attempt.text else None
    if path is None or attempt.text is None:
        return _again(request, replace(attempt, problems=problems), "", new=True)
    try:
        write_atomic(path, attempt.text, new=True)
    except FileExistsError:
        problems[FILE_NAME] = [
            _("%(file)s already exists; choose another file name") % {"file": name}
        ]
        return _again(request, replace(attempt, problems=problems), "", new=True)
    return _onwards(request, attempt)


def _new_path(resolve: Any, name: str, problems: dict[str, list[str]]) -> Path | None:
    """Where a new profile goes, or None with the reason added to the page's problems."""
    try:
        path: Path = resolve(name)
    except PathRefusedError as refused:
        problems.setdefault(FILE_NAME, []).append(_("File name: %(reason)s") % {"reason": refused})
        return None
    if path.exists() or path.is_symlink():
        problems.setdefault(FILE_NAME, []).append(_("%(file)s already exists") % {"file": name})
        return None
    if not path.parent.is_dir():
        problems.setdefault(FILE_NAME, []).append(_("that folder does not exist"))
        return None
    return path


def _conflict(request: Request, name: str, clash: saving.Conflict, note: str = "") -> HTMLResponse:
    stem = name.rsplit(".", 1)[0]
    html = page(
        "conflict.html.j2",
        name=name,
        theirs=clash.theirs,
        theirs_sha=clash.theirs_sha,
        ours=clash.ours,
        copy=f"{stem}-mine.yaml",
        note=note,
        csrf=request.state.csrf,
        editing=True,
    )
    return HTMLResponse(html, 409)


async def resolve(request: Request) -> Response:
    """POST from the conflict page: overwrite with ours, or save ours as a new file."""
    name = checked_name(request)
    if isinstance(name, Response):
        return name
    return await run_in_threadpool(_resolve, request, name)


def _resolve(request: Request, name: str) -> Response:
    workspace = workspace_of(request)
    pairs = _pairs(request)
    ours = (reserved(pairs, "_text") or "").replace("\r\n", "\n")  # forms send line breaks as CRLF
    choice = reserved(pairs, "_choice")
    target = name if choice == "overwrite" else (reserved(pairs, "_path") or "").strip()
    if not _readable(ours, target or name):
        return message(request, _("Not saved"), _("Your version is not a profile's YAML."), 422)
    if choice == "overwrite":
        here = workspace.folder.resolve(name)
        clash = saving.conflict(here, reserved(pairs, "_sha"), ours)
        if clash is not None:
            return _conflict(request, name, clash, _("It changed again."))
        write_atomic(here, ours)
        return RedirectResponse(profile_url(name), 303)
    problems: dict[str, list[str]] = {}
    path = _new_path(workspace.folder.resolve, target, problems)
    if path is None:
        theirs, sha = saving.read_current(workspace.folder.resolve(name))
        clash = saving.Conflict(theirs or "", sha or "", ours)
        return _conflict(request, name, clash, " ".join(problems[FILE_NAME]))
    try:
        write_atomic(path, ours, new=True)
    except FileExistsError:
        said = _("%(file)s already exists.") % {"file": target}
        return message(request, _("Not saved"), said, 409)
    return RedirectResponse(profile_url(target), 303)


def _readable(text: str, name: str) -> bool:
    """Whether the text is YAML the loader accepts (a saved part may leave problems elsewhere,
    so the version being resolved need not be a valid profile, only a readable one)."""
    try:
        parse_text(text, name)
    except InputError:
        return False
    return True


def _template() -> str:
    return render_template(Notes(wordings(), core_critical()))


def _as_dict(data: object) -> dict[str, Any]:
    return data if isinstance(data, dict) else {}
