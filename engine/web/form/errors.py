"""Validation messages placed next to the answers they are about.

The form shows the CLI's own messages, word for word, so that a planner who later runs
`readiness validate` meets the same sentences. Each message names its answer by path
(`environment.stakeholders[0].name: ...`); that path is the form name (`names.name_for_path`).
A message about something the form has no input for (a whole entry, a list) goes to the nearest
part that contains it, and one about the file itself to the top of the form: none is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from engine.errors import Problem
from engine.web.form.names import ancestors, name_for_path, path_in_message

if TYPE_CHECKING:
    from engine.web.form.model import Form, Node

FORM = ""  # the name messages about the whole profile are filed under


def errors_by_name(problems: Iterable[Problem]) -> dict[str, list[str]]:
    """The messages of validation problems, by the form name of the answer each is about."""
    found: dict[str, list[str]] = {}
    for problem in problems:
        path = path_in_message(problem.message)
        name = name_for_path(path) if path is not None else FORM
        found.setdefault(name, []).append(problem.message)
    return found


def attach_errors(form: Form, errors: Mapping[str, Sequence[str]]) -> None:
    """Put each message on the node it names, or the nearest node above; else on the form."""
    nodes: dict[str, Node] = {}
    for node in form.nodes():  # parents first, so an input wins over an entry of the same name
        nodes[node.name] = node
    for name, messages in errors.items():
        target = next((nodes[n] for n in ancestors(name) if n in nodes), None) if name else None
        if target is None:
            form.errors.extend(messages)
        else:
            target.errors.extend(messages)
