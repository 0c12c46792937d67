"""ids-readiness: is an Integrated Data System ready to engage stakeholders on data and privacy?

Kept import-free on purpose: `readiness --version` must start fast, so the heavy modules (pydantic,
jinja2, durable-rules) are imported only by the commands that need them.
"""

__version__ = "0.1.0"
