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
- `render_form(form)`: an HTML fragment that escapes every value itself; it holds the fields but
  no `<form>` tag, no field with a reserved name (`RESERVED`) and no script.
- `unrepresented(form)`: the answers in the data the form has no input for. Saving the form
  would drop them, so the editor does not open a file that has any.
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
from importlib import resources
from types import ModuleType
from typing import Any, Protocol

SAVE_ACTIONS = (None, "save")
# The workspace's own fields (CSRF token, file hash, new file name, the buttons of the editor and
# of the conflict page). Only these exact names are taken out before the form reads a submission:
# the form's own controls also have parts starting with `_` (`LIST._none`, `LIST.N._entry`).
RESERVED = frozenset({"_csrf", "_sha", "_path", "_action", "_text", "_choice"})


class FormModule(Protocol):
    """What the pages call to show, read and style the questionnaire."""

    def build_form(
        self, profile_data: dict[str, Any], problems: Mapping[str, list[str]]
    ) -> Any: ...

    def render_form(self, form: Any) -> str: ...

    def unrepresented(self, form: Any) -> list[str]: ...

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
        # The pages key problems by the CLI's paths (`a.b[2].c`) found from the line a problem
        # points at; the form keys them by its names (`a.b.2.c`). A message that names its answer
        # (`waivers[0].reason is required`, reported at the entry's first line) goes by that name.
        by_name: dict[str, list[str]] = {}
        for path, messages in problems.items():
            for text in messages:
                named = self._form.names.path_in_message(text) if path else None
                name = self._form.name_for_path(named or path)
                by_name.setdefault(name, []).append(text)
        return self._form.build_form(profile_data, by_name)

    def render_form(self, form: Any) -> str:
        return str(self._form.render_form(form))

    def unrepresented(self, form: Any) -> list[str]:
        return list(form.unrepresented)

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
        return resources.files("engine").joinpath("templates/web/form.css").read_text("utf-8")


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
