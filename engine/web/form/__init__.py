"""The questionnaire form, with no web framework in it: built from the models, rendered to HTML
fragments, and read back from a submission into profile data.

    form = build_form(data, errors_by_name(problems))   # data: a profile's plain data, or None
    html = render_form(form)                             # an HTML fragment, every value escaped
    part = parts.find("budget")                          # the editor shows one part a page:
    html = render.render_part(form, parts.nodes_in(form, part))   # its questions only
    summary.problems(parts.nodes_in(form, part))         # its messages, each with a control's id
    submitted = parse_submission(request_pairs)          # FormError on a name the form never sent
    data = apply_action(submitted.data, submitted.action) if submitted.action else submitted.data
    data = in_file_order(data, saved_data)               # ticked boxes in the file's order

The names of inputs are described in `engine.web.form.names`.
"""

from engine.web.form import errors, names, parts, render, summary
from engine.web.form.build import build_form
from engine.web.form.choice_order import in_file_order
from engine.web.form.errors import errors_by_name
from engine.web.form.names import name_for_path, name_of
from engine.web.form.render import render_form
from engine.web.form.submit import FormError, Submission, apply_action, parse_submission

__all__ = [
    "FormError",
    "Submission",
    "apply_action",
    "build_form",
    "errors",
    "errors_by_name",
    "in_file_order",
    "name_for_path",
    "name_of",
    "names",
    "parse_submission",
    "parts",
    "render",
    "render_form",
    "summary",
]
