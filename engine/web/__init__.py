"""`readiness serve`: the planner's workspace in the browser (the optional `serve` extra).

Layered above `survey` and below `cli`: pages read profiles and assessments through the same
stages as every command, and write profiles only through `saving` and `surveys` (the YAML itself
is edited by `engine.profile.roundtrip`). Module by job: `app` (routes), `security` (the request
guard) and `multipart` (the uploads it reads), `paths` (which files), `workspace` (the folder and
its cached assessments), `pages`, `editing` and `surveys` (handlers: reading, the editor, a
stakeholder's survey), `editor` (the editor's page: one part, its error summary, the parts),
`merging` (one part's answers into the file's, and that part's problems), `unknowns` (what the
form has no place for, and its fixes), `saving`, `seam` (the questionnaire form,
`engine.web.form`), `server` (uvicorn), and `form/` (the questionnaire generated from the
models, with no web-framework imports; its templates are `templates/form/`).
"""
