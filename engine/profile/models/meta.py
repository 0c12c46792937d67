"""Field metadata: which worksheet question each answer field serves, and where it comes from.

The metadata lives on the fields themselves (and so in the JSON Schema) rather than in a separate
table, so that a field cannot exist without saying what it asks, and the traceability table, the
`init` template and the completeness count are all derived from one place.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

NTH = "nothing-to-hide"
ODI = "odi-guidebook"
ASSESSMENT = "ids-readiness"

NTH_OBJECTIVES = "C.1 §1 Objectives"
NTH_PREVIOUS = "C.1 §2 Environment: previous and other engagements"
NTH_STAKEHOLDERS = "C.1 §2 Environment: stakeholders"
NTH_SENSITIVITY = "C.1 §2 Environment: issue sensitivity"
NTH_TIMELINE = "C.1 §3 Resources: timeline"
NTH_STAFF = "C.1 §3 Resources: staff"
NTH_BUDGET = "C.1 §3 Resources: budget"
NTH_CAPACITY = "C.1 §3 Resources: capacity for change"
ODI_A1 = "Activity 1: determine your organisational priorities"
ODI_A2 = "Activity 2 and 5: document your data practices"
ODI_A6 = "Activity 6: engage with stakeholders to define next steps"


class Section(BaseModel):
    """Base of every profile model: unknown keys are errors (with a suggestion), never ignored.

    `defer_build`: a section's validator is built when it is first used, not when its class is
    made. Validating a profile builds the Profile's once, sections inlined; building each of the
    30 sections' own as well cost a cold `validate` a few milliseconds for nothing.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False, defer_build=True)

    def is_blank(self) -> bool:
        """Whether no answer below is given: a section of blanks reads as no section at all, as
        a file keeps a section whose answers were cleared (an empty list is an answer)."""
        return all(
            value.is_blank() if isinstance(value, Section) else value is None for _, value in self
        )


def answer(
    description: str,
    *,
    question: str | None,
    section: str,
    source: str = NTH,
    primary: bool = True,
    risk: tuple[tuple[str, ...], ...] | None = None,
    applies_when: dict[str, Any] | None = None,
) -> Any:
    """A blank-by-default answer field carrying its question, source and section.

    `question` is left None on a field that only groups others, or inherits the question of the
    field that holds it (a budget line answers whichever budget question it sits under).
    `primary` marks the field whose answer decides whether its question counts as answered (a
    question may have notes or follow-ups that do not). `risk` orders the vocabulary from safest
    to riskiest, in tiers of equal risk; the monotonicity tests use it. `applies_when` makes the
    question a follow-up: a condition in the rule language (`{fact, op, value}`, `all`, `any`,
    `not`) over the facts, and while it is not true the question is "not applicable" rather than
    unanswered, so that a parent left blank or answered `no` never counts its children as gaps.
    """
    extra: dict[str, Any] = {"x-source": source, "x-section": section, "x-primary": primary}
    if question is not None:
        extra["x-question"] = question
    if risk is not None:
        extra["x-risk-order"] = [list(tier) for tier in risk]
    if applies_when is not None:
        extra["x-applies-when"] = applies_when
    return Field(default=None, description=description, json_schema_extra=extra)


def context(description: str) -> Any:
    """A field that describes the assessment itself rather than answering a worksheet question."""
    return Field(default=None, description=description, json_schema_extra={"x-source": ASSESSMENT})


def field_meta(model: type[BaseModel], name: str) -> dict[str, Any]:
    """The metadata `answer()` attached to a field (empty for plain fields)."""
    extra = model.model_fields[name].json_schema_extra
    return dict(extra) if isinstance(extra, dict) else {}
