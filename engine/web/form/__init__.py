"""The questionnaire form, with no web framework in it: built from the models, rendered to HTML
fragments, and read back from a submission into profile data.

    form = build_form(data, errors_by_name(problems))   # data: a profile's plain data, or None
    html = render_form(form)                             # an HTML fragment, every value escaped

The names of inputs are described in `engine.web.form.names`.
"""

from engine.web.form.build import build_form
from engine.web.form.errors import errors_by_name
from engine.web.form.names import name_for_path, name_of
from engine.web.form.render import render_form

__all__ = [
    "build_form",
    "errors_by_name",
    "name_for_path",
    "name_of",
    "render_form",
]
