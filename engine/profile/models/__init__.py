"""Pydantic models of an engagement profile, one module per worksheet area.

Unlike the rest of the engine, these modules do not use `from __future__ import annotations`:
pydantic would then compile and evaluate each of the 200 fields' annotations from its text,
where Python evaluates them as it makes the class (3 ms of every cold start).
"""

from engine.profile.models.profile import SCHEMA_VERSION, Profile

__all__ = ["SCHEMA_VERSION", "Profile"]
