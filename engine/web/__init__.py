"""`readiness serve`: the planner's workspace in the browser (the optional `serve` extra).

Layered above `workflows` and below `cli`: pages read profiles and assessments through the same
stages as every command, and write profiles only through `saving` (the YAML itself is edited by
`engine.profile.roundtrip`). Module by job: `app` (routes), `security` (the request guard),
`paths` (which files), `workspace` (the folder and its cached assessments), `pages` and
`editing` (handlers), `saving`, `seam` (the questionnaire form, `engine.web.form`), `server`
(uvicorn), and `form/` (the questionnaire generated from the models, with no web-framework
imports).
"""
