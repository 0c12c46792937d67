"""The JSON assessment: the machine contract (keys never renamed within a schema_version)."""

from __future__ import annotations

from typing import Any

from engine.assessment.assessment import Assessment


def render_json(assessment: Assessment) -> str:
    """Indented, UTF-8, keys in the models' order (pydantic's serializer, for speed)."""
    return assessment.model_dump_json(indent=2) + "\n"


def report_schema() -> dict[str, Any]:
    """JSON Schema of the assessment, for consumers that validate what they read."""
    schema = Assessment.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ids-readiness assessment, report schema version 1",
        **{k: v for k, v in schema.items() if k != "title"},
    }
