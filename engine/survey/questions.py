"""The survey's questions, in our own words, and the columns that carry their answers.

The questions are our wording of the three Activity 6 asks (can you trust us in each element,
and how far; do our steps meet your expectations; do you trust us more having seen the evidence)
and of its ranking exercise, cited to the ODI guidebook on every survey. Answers are the profile's
own vocabularies, so an answer reads the same in a survey file as in a profile, and one list of
columns serves the HTML survey, the CSV template and the import.
"""

from __future__ import annotations

from typing import get_args

from engine.i18n import N_
from engine.profile.models.vocab import ELEMENTS, Improved, Met, Trust

CITATION = N_(
    "Questions adapted from Activity 6 of the ODI Trustworthy Data Stewardship Guidebook "
    "(Open Data Institute, 2021, CC BY-SA 4.0)."
)
PLACES = len(ELEMENTS)

RANK = N_("How much does this element matter to you, beside the other nine? Give it a place.")
RANK_HELP = N_("1 matters most, 10 least; use each place once. Leave it blank if you prefer.")
TRUST = N_("How far can you trust us here?")
EXPECTATIONS = N_("Do the steps we describe here meet what you expect of us?")
CONCERNS = N_("Anything here that worries you, or that we should do differently? (optional)")
IMPROVED = N_(
    "Now that you have seen what we do and the evidence for it, do you feel you can trust us "
    "more than before?"
)
COMMENT = N_("Anything else you would like to tell us? (optional)")
NAME = N_("Your name or organisation (optional: leave it blank to answer anonymously)")

TRUST_LABELS = {
    "none": N_("Not at all"),
    "low": N_("A little"),
    "medium": N_("Fairly well"),
    "high": N_("Fully"),
    "unsure": N_("I can't say"),
}
MET_LABELS = {"yes": N_("Yes"), "partly": N_("Partly"), "no": N_("No"), "unsure": N_("I can't say")}
IMPROVED_LABELS = {
    "yes": N_("Yes"),
    "somewhat": N_("Somewhat"),
    "no": N_("No"),
    "unsure": N_("I can't say"),
}

# What each element means, as the survey explains it to someone outside the organisation.
ELEMENT_MEANINGS = {
    "active_positive_impact": N_(
        "We use data to benefit the people and communities it describes, fairly and equitably."
    ),
    "engagement_accountability": N_(
        "We seek out the views and worries of the people affected, act on them, and can be held "
        "to account."
    ),
    "ethics_transparency": N_(
        "We say which ethical principles we follow, keep to them, and are open to scrutiny."
    ),
    "financial_sustainability": N_(
        "Our funding can pay for looking after data properly for as long as we hold it."
    ),
    "governance_oversight": N_(
        "Our data work keeps to its stated purpose and agreed standards, with oversight that "
        "catches and corrects mistakes."
    ),
    "legal_compliance": N_(
        "We and our data practices keep to the laws and regulations that apply."
    ),
    "privacy_security": N_("We protect people's privacy and keep data safe from misuse and loss."),
    "quality_accuracy": N_(
        "The data we collect, link and share is accurate and good enough for its purpose."
    ),
    "readiness_mitigation": N_(
        "We are prepared for incidents and failures, and can limit the harm and recover."
    ),
    "skills_knowledge": N_("Our staff have the skills and knowledge their work with data needs."),
}

STAKEHOLDER = "stakeholder"
RESPONDENT = "respondent"
IMPROVED_COLUMN = "better_able_to_trust"
COMMENT_COLUMN = "comment"
PER_ELEMENT = ("rank", "trust", "expectations", "concerns")


def column(kind: str, element: str) -> str:
    """The column of one per-element question: `rank_privacy_security`."""
    return f"{kind}_{element}"


def columns() -> list[str]:
    """Every column, in the order the template and the saved files write them."""
    found = [STAKEHOLDER, RESPONDENT]
    for kind in PER_ELEMENT[:3]:
        found += [column(kind, element) for element in ELEMENTS]
    found.append(IMPROVED_COLUMN)
    found += [column("concerns", element) for element in ELEMENTS]
    found.append(COMMENT_COLUMN)
    return found


# Columns a file may leave out: free text, which the import counts but never stores, and the
# respondent's name, which a survey does not ask for unless the planner wants it.
OPTIONAL = frozenset(
    [RESPONDENT, COMMENT_COLUMN, *(column("concerns", element) for element in ELEMENTS)]
)
VOCABULARIES = {
    "trust": tuple(get_args(get_args(Trust)[0])),
    "expectations": tuple(get_args(get_args(Met)[0])),
    IMPROVED_COLUMN: tuple(get_args(get_args(Improved)[0])),
}
