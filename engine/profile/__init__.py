"""The profile: a planner's YAML file in, a validated `Profile` and its positioned tree out.

Safe loading with positions and limits, the pydantic models, validation and cross-answer checks,
and what follows from the models alone: worksheet questions, the init template, the JSON Schema.
"""
