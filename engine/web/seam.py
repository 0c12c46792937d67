"""The seam to the questionnaire form (`engine.web.form`, built on its own branch).

The form module turns profile data into form fields and HTML and a submission back into data;
this package owns everything around it: routes, security, saving. The edit routes exist only
when the form module is importable, so the workspace never shows a half-made editor.

What the pages rely on:
- `build_form(profile_data, problems)`: `profile_data` is the file as the loader reads it (every
  answer text, blanks None); `problems` maps dotted field paths (`a.b[2].c`, as in the CLI's
  messages; "" for the whole file) to the CLI's messages for them.
- `render_form(form)`: an HTML fragment that escapes every value itself; it holds the fields but
  no `<form>` tag, no field named with a leading `_` (reserved: `_csrf`, `_sha`, `_path`,
  `_action`) and no script or style from elsewhere.
- `parse_submission(pairs)`: the submitted fields in order, without the reserved ones, to
  `(data, action)`; `action` None or "save" saves, any other value (add or remove an entry)
  shows the form again with the data, unsaved.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, Protocol

SAVE_ACTIONS = (None, "save")
RESERVED_PREFIX = "_"


class FormModule(Protocol):
    """The functions `engine.web.form` provides."""

    def build_form(
        self, profile_data: dict[str, Any], problems: Mapping[str, list[str]]
    ) -> Any: ...

    def render_form(self, form: Any) -> str: ...

    def parse_submission(
        self, pairs: list[tuple[str, str]]
    ) -> tuple[dict[str, Any], str | None]: ...


def installed_form() -> FormModule | None:
    """`engine.web.form` when it is part of this install, else None (no edit routes)."""
    try:
        module: FormModule = importlib.import_module("engine.web.form")
    except ModuleNotFoundError as error:
        if error.name not in ("engine.web.form",):
            raise  # the form is there but one of its own imports is missing: a real error
        return None
    return module


def form_fields(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The submitted pairs the form module parses: all but the workspace's reserved fields."""
    return [(name, value) for name, value in pairs if not name.startswith(RESERVED_PREFIX)]


def reserved(pairs: list[tuple[str, str]], name: str) -> str | None:
    """A reserved field's value (the first, if sent more than once)."""
    return next((value for key, value in pairs if key == name), None)
