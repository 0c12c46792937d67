"""Pydantic models of an engagement profile, one module per worksheet area."""

from engine.profile.models.profile import SCHEMA_VERSION, Profile

__all__ = ["SCHEMA_VERSION", "Profile"]
