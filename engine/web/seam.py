"""The seam to the questionnaire form (`engine.web.form`).

The form package turns profile data into form fields and HTML and a submission back into data,
with no web framework in it; this package owns everything around it: routes, security, saving.
`QuestionnaireForm` adapts the form package to what the pages call (`FormModule`), so that the
two sides meet in this one file. The edit routes exist only when the form is importable, so the
workspace never shows a half-made editor.

What the pages rely on:
- `build_form(profile_data, problems)`: `profile_data` is the file as the loader reads it (every
  answer text, blanks None); `problems` maps dotted field paths (`a.b[2].c`, as in the CLI's
  messages; "" for the whole file) to the CLI's messages for them.
- `parts()`: the editor's pages, `(slug, title)` in order, each title in the language of the
  rendering under way; `owner(name)` the slug of the part a
  submitted name belongs to; `locations(form, slug)` where the part's answers sit in the data.
- `view(form, slug)`: one part as the page shows it (`PartView`): an HTML fragment that escapes
  every value itself and holds the fields but no `<form>` tag, no field with a reserved name
  (`RESERVED`) and no script; its progress; its problems for the error summary.
- `kept(form)`: where the data holds what the form has no input for (an unknown key, a value of
  the wrong shape). The pages keep it unless the planner removes it.
- `parse_submission(pairs)`: the submitted fields in order, without the reserved ones, to
  `(data, action)`; `action` None or "save" saves; an add or remove button's action comes back
  with the data already changed by it, and the pages show the form again, unsaved. A field the
  form never sends raises `ValueError`.
- `in_file_order(data, saved)`: `data` with ticked boxes in the order `saved` (the file's
  answers, or None) lists them; a browser sends them in the form's order.
- `stylesheet()`: the form's CSS, which the page puts inline (no asset route, nothing fetched).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Protocol

from engine.i18n.text import _

SAVE_ACTIONS = (None, "save")
# The workspace's own fields (CSRF token, file hash, new file name, the buttons of the editor and
# of the conflict page, a fix of the unknown-key panel). Only these exact names are taken out
# before the form reads a submission: the form's own controls also have parts starting with `_`
# (`LIST._none`, `LIST.N._entry`).
RESERVED = frozenset({"_csrf", "_sha", "_path", "_action", "_text", "_choice", "_fix"})
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Trouble:
    """One line of the error summary: the message, the question's label, the control's id."""

    target: str
    label: str
    message: str


@dataclass(frozen=True)
class PartView:
    """One part of the questionnaire as its page shows it."""

    slug: str
    title: str
    fragment: str
    answered: int
    total: int
    source: str = ""
    problems: list[Trouble] = field(default_factory=list)


class FormModule(Protocol):
    """What the pages call to show, read and style the questionnaire."""

    def build_form(
        self, profile_data: dict[str, Any], problems: Mapping[str, list[str]]
    ) -> Any: ...

    def add_problems(self, form: Any, problems: Mapping[str, list[str]]) -> None: ...

    def parts(self) -> list[tuple[str, str]]: ...

    def progress(self, form: Any, slug: str) -> tuple[int, int]: ...

    def owner(self, name: str) -> str | None: ...

    def locations(self, form: Any, slug: str) -> list[Loc]: ...

    def view(self, form: Any, slug: str, action: str = "") -> PartView: ...

    def kept(self, form: Any) -> list[Loc]: ...

    def parse_submission(
        self, pairs: list[tuple[str, str]]
    ) -> tuple[dict[str, Any], str | None]: ...

    def in_file_order(self, data: dict[str, Any], saved: object) -> dict[str, Any]: ...

    def stylesheet(self) -> str: ...


class QuestionnaireForm:
    """`engine.web.form` as the pages call it."""

    def __init__(self, module: ModuleType) -> None:
        self._form = module

    def build_form(self, profile_data: dict[str, Any], problems: Mapping[str, list[str]]) -> Any:
        return self._form.build_form(profile_data, self._by_name(problems))

    def add_problems(self, form: Any, problems: Mapping[str, list[str]]) -> None:
        self._form.errors.attach_errors(form, self._by_name(problems))

    def _by_name(self, problems: Mapping[str, list[str]]) -> dict[str, list[str]]:
        # The pages key problems by the CLI's paths (`a.b[2].c`) found from the line a problem
        # points at; the form keys them by its names (`a.b.2.c`). A message that names its answer
        # (`waivers[0].reason is required`, reported at the entry's first line) goes by that name.
        by_name: dict[str, list[str]] = {}
        for path, messages in problems.items():
            for text in messages:
                named = self._form.names.path_in_message(text) if path else None
                name = self._form.name_for_path(named or path)
                by_name.setdefault(name, []).append(text)
        return by_name

    def parts(self) -> list[tuple[str, str]]:
        return [(part.slug, _(part.title)) for part in self._form.parts.PARTS]

    def progress(self, form: Any, slug: str) -> tuple[int, int]:
        done = self._form.parts.progress(form, self._form.parts.find(slug))
        return done.answered, done.total

    def owner(self, name: str) -> str | None:
        part = self._form.parts.owner(name)
        return part.slug if part is not None else None

    def locations(self, form: Any, slug: str) -> list[Loc]:
        nodes = self._form.parts.nodes_in(form, self._form.parts.find(slug))
        return [self._form.names.loc_of(node.name) for node in nodes]

    def view(self, form: Any, slug: str, action: str = "") -> PartView:
        parts = self._form.parts
        part = parts.find(slug)
        nodes, source = parts.nodes_in(form, part), parts.source(form, part)
        done = parts.progress(form, part)
        sections = [s for s in form.sections if parts.owner(s.name) == part]
        loose = [*form.errors, *(m for s in sections for m in s.errors)]
        found = self._form.summary.problems(nodes, loose)
        troubles = [Trouble(p.target, p.label, p.message) for p in found]
        fragment = str(self._form.render.render_part(form, nodes, source, action))
        return PartView(slug, _(part.title), fragment, done.answered, done.total, source, troubles)

    def kept(self, form: Any) -> list[Loc]:
        return list(form.kept)

    def parse_submission(self, pairs: list[tuple[str, str]]) -> tuple[dict[str, Any], str | None]:
        submitted = self._form.parse_submission(pairs)
        action = submitted.action
        if action in SAVE_ACTIONS:
            return submitted.data, action
        return self._form.apply_action(submitted.data, action), action

    def in_file_order(self, data: dict[str, Any], saved: object) -> dict[str, Any]:
        ordered: dict[str, Any] = self._form.in_file_order(data, saved)
        return ordered

    def stylesheet(self) -> str:
        return str(self._form.render.stylesheet())


def installed_form() -> FormModule | None:
    """`engine.web.form` when it is part of this install, else None (no edit routes)."""
    try:
        module = importlib.import_module("engine.web.form")
    except ModuleNotFoundError as error:
        if error.name not in ("engine.web.form",):
            raise  # the form is there but one of its own imports is missing: a real error
        return None
    return QuestionnaireForm(module)


def form_fields(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The submitted pairs the form module parses: all but the workspace's reserved fields."""
    return [(name, value) for name, value in pairs if name not in RESERVED]


def reserved(pairs: list[tuple[str, str]], name: str) -> str | None:
    """A reserved field's value (the first, if sent more than once)."""
    return next((value for key, value in pairs if key == name), None)
