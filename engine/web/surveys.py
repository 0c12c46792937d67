"""A stakeholder's survey in the workspace: make it, import its answers, write them.

The same steps as `readiness survey make` and `import`, from the stakeholder's page. Making only
reads (the survey and its CSV template are downloads). Importing takes uploaded answer files
through the request guard like every POST (CSRF token, bounded body), shows the change as a diff
with nothing written, and carries the aggregated answers (never a respondent's own) in the page
to the write, which re-checks them, refuses a profile that changed meanwhile, and writes
atomically. Every text shown is escaped by the page templates.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlencode

from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from engine.errors import InputError, Problem
from engine.i18n.text import _
from engine.profile.loader import parse_text, read_text
from engine.profile.models import Profile
from engine.profile.validation import validate_tree
from engine.survey.aggregate import Aggregate
from engine.survey.apply import applied, read_back
from engine.survey.importing import ImportResult, import_answers
from engine.survey.making import survey_files
from engine.survey.stakeholders import Stakeholder, at_risk, find, names
from engine.survey.table import MIB, Table, parse_table
from engine.web.multipart import Upload
from engine.web.pages import checked_name, message, workspace_of
from engine.web.rendering import page, profile_url
from engine.workflows.atomic import write_atomic

AGGREGATES = TypeAdapter(list[Aggregate])
MEDIA = {"html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8"}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stakeholder_url(name: str, stakeholder: str, tail: str = "/survey", **more: str) -> str:
    return profile_url(name, tail) + "?" + urlencode({"stakeholder": stakeholder, **more})


def _opened(request: Request) -> tuple[str, Path, str, Profile] | Response:
    """(name, path, text, profile) of the profile in the URL, or the page saying why not."""
    name = checked_name(request)
    if isinstance(name, Response):
        return name
    path = workspace_of(request).folder.resolve(name)
    try:
        text = read_text(path, name)
        return name, path, text, validate_tree(parse_text(text, name), name)
    except InputError as error:
        listing = "; ".join(str(problem) for problem in error.problems[:5])
        return message(request, _("Fix the profile first"), listing, 422)


def _whom(request: Request, profile: Profile) -> Stakeholder | Response:
    wanted = request.query_params.get("stakeholder", "")
    found = find(profile, wanted)
    if found is None:
        said = _("The profile names no '%(name)s'.") % {"name": wanted}
        return message(request, _("No such stakeholder"), said, 404)
    return found


def surveys(request: Request) -> Response:
    """GET: every stakeholder of the profile, each with a link to its survey page."""
    opened = _opened(request)
    if isinstance(opened, Response):
        return opened
    name, _path, _text, profile = opened
    found = [find(profile, stakeholder) for stakeholder in names(profile)]
    rows = [(s, stakeholder_url(name, s.name)) for s in found if s is not None]
    html = page("surveys.html.j2", name=name, rows=rows, editing=_editing(request))
    return HTMLResponse(html)


def stakeholder(request: Request) -> Response:
    """GET: one stakeholder's page: its survey so far, the downloads and the import form."""
    opened = _opened(request)
    if isinstance(opened, Response):
        return opened
    name, _path, _text, profile = opened
    whom = _whom(request, profile)
    if isinstance(whom, Response):
        return whom
    return _stakeholder_page(request, name, whom, at_risk(profile, whom.name))


def _stakeholder_page(
    request: Request,
    name: str,
    whom: Stakeholder,
    protected: bool,
    problems: list[Problem] | None = None,
) -> HTMLResponse:
    html = page(
        "stakeholder.html.j2",
        name=name,
        whom=whom,
        record=whom.relationship.survey if whom.relationship else None,
        survey_url=stakeholder_url(name, whom.name, "/survey.html"),
        named_url=stakeholder_url(name, whom.name, "/survey.html", ask_name="1"),
        protected=protected,
        template_url=stakeholder_url(name, whom.name, "/survey.csv"),
        action=stakeholder_url(name, whom.name, "/survey/import"),
        csrf=request.state.csrf,
        problems=problems or [],
        editing=_editing(request),
    )
    return HTMLResponse(html, 422 if problems else 200)


def download(request: Request) -> Response:
    """GET `survey.html` or `survey.csv`: the file `readiness survey make` writes."""
    opened = _opened(request)
    if isinstance(opened, Response):
        return opened
    _name, _path, _text, profile = opened
    whom = _whom(request, profile)
    if isinstance(whom, Response):
        return whom
    ask_name = request.query_params.get("ask_name") == "1"
    suffix = request.url.path.rsplit(".", 1)[-1]
    filename, text = next(
        (file, text)
        for file, text in survey_files(profile, whom, ask_name).items()
        if file.endswith(f".{suffix}")
    )
    disposition = f'attachment; filename="{filename}"'  # a slug: ASCII letters, digits, '-'
    headers = {"Content-Disposition": disposition}
    return Response(text, media_type=MEDIA[suffix], headers=headers)


async def import_preview(request: Request) -> Response:
    """POST (multipart): the uploaded answers' change to the profile, shown, not written."""
    return await run_in_threadpool(_preview, request)


def _preview(request: Request) -> Response:
    opened = _opened(request)
    if isinstance(opened, Response):
        return opened
    name, _path, text, profile = opened
    whom = _whom(request, profile)
    if isinstance(whom, Response):
        return whom
    keep = ("keep_respondents", "1") in request.state.form
    try:
        tables = _tables(request.state.files)
        result = import_answers(
            text,
            profile,
            name,
            tables,
            today=workspace_of(request).today(),
            keep_respondents=keep,
            only=whom.name,
        )
    except InputError as error:
        return _stakeholder_page(request, name, whom, at_risk(profile, whom.name), error.problems)
    return _preview_page(request, name, whom, text, result)


def _tables(files: list[Upload]) -> list[Table]:
    if not files:
        raise InputError([Problem("upload", 0, 0, _("choose one or more answer files (CSV)"))])
    tables: list[Table] = []
    for upload in files:
        shown = upload.filename or "upload"
        if len(upload.data) > MIB:
            problem = Problem(shown, 0, 0, _("over 1 MiB: not a survey's answers"))
            tables.append(Table(shown, problems=[problem]))
        else:
            tables.append(parse_table(upload.data, shown))
    return tables


def _preview_page(
    request: Request, name: str, whom: Stakeholder, text: str, result: ImportResult
) -> HTMLResponse:
    html = page(
        "survey_import.html.j2",
        name=name,
        whom=whom,
        diff=result.diff(name),
        changed=result.after != result.before,
        summaries=result.summaries(),
        notes=result.notes,
        comments=result.comments,
        aggregates=AGGREGATES.dump_json(result.aggregates).decode("utf-8"),
        sha=_sha(text),
        action=stakeholder_url(name, whom.name, "/survey/write"),
        back=stakeholder_url(name, whom.name),
        csrf=request.state.csrf,
        editing=_editing(request),
    )
    return HTMLResponse(html)


async def import_write(request: Request) -> Response:
    """POST: write the answers a preview showed, if the profile is still as it was then."""
    return await run_in_threadpool(_write, request)


def _write(request: Request) -> Response:
    opened = _opened(request)
    if isinstance(opened, Response):
        return opened
    name, path, text, profile = opened
    whom = _whom(request, profile)
    if isinstance(whom, Response):
        return whom
    fields = dict(request.state.form)
    if fields.get("_sha") != _sha(text):
        note = _("%(file)s changed since the answers were imported: import them again.")
        return message(request, _("Not written"), note % {"file": name}, 409)
    try:
        aggregates = AGGREGATES.validate_json(fields.get("_aggregates", ""))
        if any(found.stakeholder != whom.name for found in aggregates):
            raise ValueError("answers for another stakeholder")
        after = applied(text, profile, aggregates)
        read_back(after, name, aggregates)
    except (ValidationError, InputError, ValueError):
        said = _("The imported answers could not be read.")
        return message(request, _("Not written"), said, 400)
    write_atomic(path, after)
    return RedirectResponse(stakeholder_url(name, whom.name), 303)


def _editing(request: Request) -> bool:
    return request.app.state.form is not None
