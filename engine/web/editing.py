"""The pages that write: edit a profile, start a new one, settle a conflict.

Each POST has passed the CSRF check before it gets here (`security`), and its fields wait in
`request.state.form`. Each handler does the slow part (YAML, validation, the rule engine) in the
thread pool, never on the event loop. Nothing is written unless `saving` says the text is valid,
reads back as the data, and the file is still the one the form was opened from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from engine.errors import InputError
from engine.profile.loader import parse_text
from engine.profile.positions import to_data
from engine.profile.template import Notes, render_template
from engine.rules.applicability import wordings
from engine.rules.critical import core_critical
from engine.web import saving
from engine.web.pages import checked_name, message, workspace_of
from engine.web.paths import PathRefusedError
from engine.web.rendering import page, profile_url
from engine.web.seam import SAVE_ACTIONS, FormModule, form_fields, reserved
from engine.workflows.atomic import write_atomic

NEW_NAME = "new-profile.yaml"
CHECK = "check"


def _form(request: Request) -> FormModule:
    form: FormModule = request.app.state.form
    return form


def _pairs(request: Request) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = request.state.form
    return pairs


def _editor(
    request: Request,
    data: dict[str, Any],
    problems: dict[str, list[str]],
    *,
    name: str,
    sha: str,
    new: bool = False,
    status: int = 200,
) -> HTMLResponse:
    form = _form(request)
    # Problems about the whole file go at the top of the page, once; the rest next to the fields.
    by_field = {path: texts for path, texts in problems.items() if path != saving.WHOLE_FILE}
    fragment = Markup(form.render_form(form.build_form(data, by_field)))
    html = page(
        "edit.html.j2",
        name=name,
        new=new,
        path=name if new else "",
        action="/new" if new else profile_url(name, "/edit"),
        folder=str(workspace_of(request).folder.root),
        csrf=request.state.csrf,
        sha=sha,
        fragment=fragment,
        stylesheet=Markup(form.stylesheet()),  # package data, not profile text
        whole=problems.get(saving.WHOLE_FILE, []),
        editing=True,
    )
    return HTMLResponse(html, status)


def edit_page(request: Request) -> Response:
    """GET: the form filled from the file as it is now."""
    name = checked_name(request)
    if isinstance(name, Response):
        return name
    path = workspace_of(request).folder.resolve(name)
    text, sha = saving.read_current(path)
    try:
        data = to_data(parse_text(text or "", name))
    except InputError as error:  # unreadable YAML: a form from nothing would wipe the file
        listing = "; ".join(p.message for p in error.problems)
        note = f"Fix this in a text editor first, then reload: {listing}"
        return message(request, f"{name} cannot be read as YAML", note, 422)
    kept = _form(request).unrepresented(_form(request).build_form(_as_dict(data), {}))
    if kept:  # the form would drop these answers on save: never offer to save over them
        listing = ", ".join(kept)
        note = f"The form has no place for: {listing}. Edit this file in a text editor instead."
        return message(request, f"{name} cannot be edited in the browser", note, 422)
    checked = saving.check_text(text or "", name, workspace_of(request).extra_check)
    return _editor(request, _as_dict(data), checked.problems, name=name, sha=sha or "")


async def edit_save(request: Request) -> Response:
    """POST: save the form, or show it again with its problems (nothing written)."""
    name = checked_name(request)
    if isinstance(name, Response):
        return name
    return await run_in_threadpool(_save_existing, request, name)


def _save_existing(request: Request, name: str) -> Response:
    workspace = workspace_of(request)
    path = workspace.folder.resolve(name)
    pairs = _pairs(request)
    opened = reserved(pairs, "_sha") or ""
    submitted = _submitted(request, pairs)
    if isinstance(submitted, Response):
        return submitted
    data, action = _checked_action(pairs, submitted)
    current, _ = saving.read_current(path)
    data = _form(request).in_file_order(data, saving.saved_data(current, name))
    checked = saving.check(current, data, name, workspace.extra_check)
    if action not in SAVE_ACTIONS or not checked.ok:
        status = 200 if action not in SAVE_ACTIONS else 422
        return _editor(request, data, checked.problems, name=name, sha=opened, status=status)
    clash = saving.conflict(path, opened, checked.text)
    if clash is not None:
        return _conflict(request, name, clash)
    write_atomic(path, checked.text)
    return RedirectResponse(profile_url(name), 303)


def _submitted(
    request: Request, pairs: list[tuple[str, str]]
) -> tuple[dict[str, Any], str | None] | Response:
    """The form's data and action, or a refusal for fields the form never sends."""
    try:
        return _form(request).parse_submission(form_fields(pairs))
    except ValueError as error:  # the form's FormError: not something our page sent
        return message(request, "Not saved", f"The form sent something unexpected: {error}", 400)


def _checked_action(
    pairs: list[tuple[str, str]], submitted: tuple[dict[str, Any], str | None]
) -> tuple[dict[str, Any], str | None]:
    """The form's data and action; "Check answers" shows the form again with its problems and
    the follow-up questions that now apply, and saves nothing (the form has no script)."""
    data, action = submitted
    if action is None and reserved(pairs, "_action") == CHECK:
        return data, CHECK
    return data, action


def new_page(request: Request) -> Response:
    """GET: a new profile's form, from the `readiness init` template."""
    data = to_data(parse_text(_template(), NEW_NAME))
    return _editor(request, _as_dict(data), {}, name=NEW_NAME, sha="", new=True)


async def new_save(request: Request) -> Response:
    return await run_in_threadpool(_save_new, request)


def _save_new(request: Request) -> Response:
    workspace = workspace_of(request)
    pairs = _pairs(request)
    name = (reserved(pairs, "_path") or "").strip()
    submitted = _submitted(request, pairs)
    if isinstance(submitted, Response):
        return submitted
    data, action = _checked_action(pairs, submitted)
    checked = saving.check(_template(), data, name or NEW_NAME, workspace.extra_check)
    problems = dict(checked.problems)
    path = _new_path(workspace.folder.resolve, name, problems)
    if action not in SAVE_ACTIONS or path is None or problems:
        status = 200 if action not in SAVE_ACTIONS else 422
        return _editor(request, data, problems, name=name, sha="", new=True, status=status)
    try:
        write_atomic(path, checked.text, new=True)
    except FileExistsError:
        problems[saving.WHOLE_FILE] = [f"{name} already exists; choose another file name"]
        return _editor(request, data, problems, name=name, sha="", new=True, status=409)
    return RedirectResponse(profile_url(name), 303)


def _new_path(resolve: Any, name: str, problems: dict[str, list[str]]) -> Path | None:
    """Where a new profile goes, or None with the reason added to the page's problems."""
    try:
        path: Path = resolve(name)
    except PathRefusedError as refused:
        problems.setdefault(saving.WHOLE_FILE, []).append(f"File name: {refused}")
        return None
    if path.exists() or path.is_symlink():
        problems.setdefault(saving.WHOLE_FILE, []).append(f"{name} already exists")
        return None
    if not path.parent.is_dir():
        problems.setdefault(saving.WHOLE_FILE, []).append("that folder does not exist")
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
    checked = saving.check_text(ours, target or name, workspace.extra_check)
    if not checked.ok:
        return message(request, "Not saved", "Your version is not a valid profile.", 422)
    if choice == "overwrite":
        here = workspace.folder.resolve(name)
        clash = saving.conflict(here, reserved(pairs, "_sha"), ours)
        if clash is not None:
            return _conflict(request, name, clash, "It changed again.")
        write_atomic(here, ours)
        return RedirectResponse(profile_url(name), 303)
    problems: dict[str, list[str]] = {}
    path = _new_path(workspace.folder.resolve, target, problems)
    if path is None:
        theirs, sha = saving.read_current(workspace.folder.resolve(name))
        clash = saving.Conflict(theirs or "", sha or "", ours)
        return _conflict(request, name, clash, " ".join(problems[saving.WHOLE_FILE]))
    try:
        write_atomic(path, ours, new=True)
    except FileExistsError:
        return message(request, "Not saved", f"{target} already exists.", 409)
    return RedirectResponse(profile_url(target), 303)


def _template() -> str:
    return render_template(Notes(wordings(), core_critical()))


def _as_dict(data: object) -> dict[str, Any]:
    return data if isinstance(data, dict) else {}
