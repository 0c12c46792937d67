"""Closed vocabularies for answers, and the small value types every section shares.

Why normalisation happens here: the loader hands every scalar over as the text the planner typed,
so `Yes`, `yes` and YAML 1.1's `true` all reach a yes/no question as text and are read the same,
while a free-text answer such as `NO` keeps its letters.
"""

import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, Field

from engine.i18n import N_

_TRUE = {"yes", "y", "true", "on"}
_FALSE = {"no", "n", "false", "off"}
MAX_TEXT = 20_000


def _fold(value: Any) -> Any:
    """Case and surrounding spaces never matter in a vocabulary answer."""
    if isinstance(value, str):
        folded = value.strip().lower()
        return folded.replace(" ", "_").replace("-", "_")
    return value


def _yes_no(value: Any) -> Any:
    value = _fold(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value in _TRUE:
        return "yes"
    if value in _FALSE:
        return "no"
    return value


def _blank_text(value: Any) -> Any:
    """An empty or all-space text answer is a blank answer, not an answer of nothing."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    """Dates are written one way, YYYY-MM-DD, so that 03/04 can never mean two things."""
    if isinstance(value, str) and not _ISO_DATE.match(value.strip()):
        raise ValueError(f"'{value}' is not a date written as YYYY-MM-DD")
    return value.strip() if isinstance(value, str) else value


def _check_unique(values: list[str] | None) -> list[str] | None:
    if values is not None:
        seen: set[str] = set()
        for value in values:
            if value in seen:
                raise ValueError(f"'{value}' is listed twice; list each one once")
            seen.add(value)
    return values


YesNo = Annotated[Literal["yes", "no", "unsure"], BeforeValidator(_yes_no)]
Level = Annotated[Literal["none", "low", "medium", "high", "unsure"], BeforeValidator(_fold)]
Literacy = Annotated[Literal["low", "medium", "high", "unsure"], BeforeValidator(_fold)]
Outcome = Annotated[
    Literal["successful", "mixed", "failed", "abandoned", "controversial", "unsure"],
    BeforeValidator(_fold),
]
Progress = Annotated[
    Literal["on_track", "stalled", "contentious", "unsure"], BeforeValidator(_fold)
]
Violation = Annotated[Literal["none", "alleged", "documented", "unsure"], BeforeValidator(_fold)]
RecordRegime = Annotated[
    Literal["public", "confidential", "chatham_house", "public_records", "mixed", "undetermined"],
    BeforeValidator(_fold),
]
StaffSource = Annotated[
    Literal["in_house", "partner", "both", "none", "unsure"], BeforeValidator(_fold)
]
Funded = Annotated[Literal["yes", "partly", "no", "unsure"], BeforeValidator(_yes_no)]
Authority = Annotated[
    Literal[
        "ids_governance_board",
        "agency_head",
        "political_leader",
        "community_oversight_board",
        "other",
        "unsure",
    ],
    BeforeValidator(_fold),
]
Agreement = Annotated[Literal["agreed", "partly_agreed", "not_discussed"], BeforeValidator(_fold)]
ObjectiveCategory = Annotated[
    Literal[
        "understand_local_needs",
        "set_research_priorities",
        "agree_purpose_direction",
        "active_citizenship",
        "local_buy_in_social_licence",
        "defuse_conflict",
        "other",
    ],
    BeforeValidator(_fold),
]
Principle = Annotated[
    Literal[
        "transparency",
        "racial_equity",
        "community_benefit",
        "privacy_protection",
        "accountability",
        "agency_benefit",
        "other",
    ],
    BeforeValidator(_fold),
]
Preparation = Annotated[
    Literal["discussion_rounds", "background_research", "informal_liaison", "prior_participants"],
    BeforeValidator(_fold),
]
Need = Annotated[
    Literal[
        "literacy",
        "physical_accessibility",
        "digital_accessibility",
        "language",
        "cultural",
        "other",
    ],
    BeforeValidator(_fold),
]
RecordKind = Annotated[
    Literal[
        "education",
        "early_childhood",
        "health",
        "behavioral_health",
        "child_welfare",
        "justice",
        "housing",
        "homelessness",
        "employment_wages",
        "income_support",
        "immigration",
        "other",
    ],
    BeforeValidator(_fold),
]
ActivityFormat = Annotated[Literal["in_person", "digital", "hybrid"], BeforeValidator(_fold)]
EducationNeed = Annotated[Literal["none", "light", "moderate", "extensive"], BeforeValidator(_fold)]
EventCost = Annotated[
    Literal["venue", "seating", "audio_visual", "food", "childcare", "transport", "other"],
    BeforeValidator(_fold),
]
EngagementLevel = Annotated[
    Literal["inform", "consult", "involve", "collaborate", "empower"], BeforeValidator(_fold)
]
Element = Annotated[
    Literal[
        "active_positive_impact",
        "engagement_accountability",
        "ethics_transparency",
        "financial_sustainability",
        "governance_oversight",
        "legal_compliance",
        "privacy_security",
        "quality_accuracy",
        "readiness_mitigation",
        "skills_knowledge",
    ],
    BeforeValidator(_fold),
]
Trust = Annotated[Literal["none", "low", "medium", "high", "unsure"], BeforeValidator(_fold)]
Met = Annotated[Literal["yes", "partly", "no", "unsure"], BeforeValidator(_yes_no)]
Improved = Annotated[Literal["yes", "somewhat", "no", "unsure"], BeforeValidator(_yes_no)]
Alignment = Annotated[Literal["aligned", "partly", "misaligned", "unsure"], BeforeValidator(_fold)]
Artefact = Annotated[
    Literal["internal_worksheet", "ecosystem_map", "relationship_worksheet", "other"],
    BeforeValidator(_fold),
]
Channel = Annotated[
    Literal["survey", "questions", "workshop", "interview", "other"], BeforeValidator(_fold)
]
StepStatus = Annotated[Literal["planned", "in_progress", "done", "dropped"], BeforeValidator(_fold)]

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _language(value: Any) -> Any:
    """A BCP 47 language tag (`es`, `es-MX`, `fr-CA`), its primary language in lower case."""
    if not isinstance(value, str):
        return value
    tag = value.strip().replace("_", "-")
    if not _LANGUAGE.match(tag):
        raise ValueError(f"'{value}' is not a language code; write it as BCP 47 does: en, es, fr")
    primary, _, rest = tag.partition("-")
    return primary.lower() + (f"-{rest}" if rest else "")


Text = Annotated[str, BeforeValidator(_blank_text), Field(max_length=MAX_TEXT)]
LanguageCode = Annotated[str, BeforeValidator(_language), Field(max_length=35)]
Name = Annotated[str, BeforeValidator(_blank_text), Field(max_length=200)]
Days = Annotated[int, Field(ge=0, le=3650)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]
Money = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
Ranking = Annotated[
    list[Element],
    AfterValidator(_check_unique),
    Field(max_length=10, json_schema_extra={"uniqueItems": True}),
]

ELEMENTS: tuple[str, ...] = get_args(get_args(Element)[0])
ELEMENT_TITLES = {
    "active_positive_impact": N_("Active and positive impact"),
    "engagement_accountability": N_("Engagement and accountability"),
    "ethics_transparency": N_("Ethics and transparency"),
    "financial_sustainability": N_("Financial sustainability"),
    "governance_oversight": N_("Governance and strategic oversight"),
    "legal_compliance": N_("Legal standing and compliance"),
    "privacy_security": N_("Privacy and security"),
    "quality_accuracy": N_("Quality and accuracy"),
    "readiness_mitigation": N_("Readiness and mitigation"),
    "skills_knowledge": N_("Skills and knowledge"),
}

# Words planners use for "I don't know" that are not our vocabulary: suggested, never accepted.
SYNONYMS = {
    "unknown": "unsure",
    "not_sure": "unsure",
    "dont_know": "unsure",
    "don't_know": "unsure",
    "maybe": "unsure",
    "partial": "partly",
    "partially": "partly",
    "partially_agreed": "partly_agreed",
}


def vocabulary(annotation: Any) -> tuple[str, ...] | None:
    """The allowed words of a vocabulary type, or None for free-form types."""
    args = get_args(annotation)
    if args and get_args(args[0]) and all(isinstance(a, str) for a in get_args(args[0])):
        return tuple(get_args(args[0]))
    return None
