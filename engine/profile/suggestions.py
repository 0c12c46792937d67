"""'Did you mean' hints for misspelt field names, answers and rule ids."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from engine.profile.models.vocab import SYNONYMS

# A suggestion is a courtesy: past these sizes it would cost more than it helps (and a hostile
# file could make every one of thousands of errors search thousands of names).
MAX_WORD = 64
MAX_CHOICES = 256


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The most likely intended choice, or None when nothing is close enough to be useful."""
    options = {_fold(option): option for option in itertools.islice(choices, MAX_CHOICES + 1)}
    folded = _fold(word)
    synonym = SYNONYMS.get(folded)
    if synonym in options:
        return options[synonym]
    if len(folded) > MAX_WORD or len(options) > MAX_CHOICES:
        return None
    import difflib  # noqa: PLC0415 - only a misspelling needs it; a valid file's cold start not

    matches = difflib.get_close_matches(folded, options, n=1, cutoff=0.6)
    return options[matches[0]] if matches else None


def _fold(word: str) -> str:
    """Case, spaces and hyphens never decide whether two words are the same word."""
    return word.strip().lower().replace(" ", "_").replace("-", "_")


def hint(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' or an empty string."""
    best = closest(word, choices)
    return f" (did you mean '{best}'?)" if best and best != word else ""
