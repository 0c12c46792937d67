"""The `readiness` command (`engine.cli.main`): arguments in, output and an exit code out.

Import-free on purpose, like the tops of the command modules in `commands`, so that
`readiness --version` loads no pydantic, jinja2 or durable-rules.
"""
