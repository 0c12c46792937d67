"""The JSON assessment: the machine contract (keys never renamed within a schema_version)."""

from __future__ import annotations

from typing import Any

from engine.assessment.assessment import Assessment
from engine.printable import one_line


def render_json(assessment: Assessment) -> str:
    """Indented, UTF-8, keys in the models' order (pydantic's serializer, for speed).

    A file name with undecodable bytes holds lone surrogates, which JSON text cannot carry; such a
    path is written with visible escapes, as every printed path is.
    """
    try:
        assessment.profile.encode("utf-8")
    except UnicodeEncodeError:
        assessment = assessment.model_copy(update={"profile": one_line(assessment.profile)})
    return assessment.model_dump_json(indent=2) + "\n"


def report_schema() -> dict[str, Any]:
    """JSON Schema of the assessment, for consumers that validate what they read."""
    schema = Assessment.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ids-readiness assessment, report schema version 1",
        **{k: v for k, v in schema.items() if k != "title"},
    }
