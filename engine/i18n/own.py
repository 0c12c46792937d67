"""The planner's own texts on a page in another language: their translation, or the original.

A profile is written in one language (`profile.language`, English when blank) and may give some
of its texts in others (`use_case_translations`, a practice's `translations`, a step's
`action_translations`). A page in the participant's language shows the translation into that
language where the planner gave one; where not, it shows the original, marked with its language
so a screen reader voices it right, and says so in words: never a blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple, TypeVar

from engine.i18n.text import current

T = TypeVar("T")


class Shown(NamedTuple):
    """A text as a page shows it, and its language when it is not the page's own (else None)."""

    text: str
    lang: str | None = None


def primary(code: str) -> str:
    """`es` for `es-MX`: a page in Spanish reads a translation written for any Spanish."""
    return code.partition("-")[0].lower()


def native(written_in: str) -> bool:
    """Whether the page's language is the one the profile is written in."""
    return primary(written_in) == primary(current())


def pick(translations: Mapping[str, T], code: str) -> T | None:
    """The translation into `code`: the exact tag first, else one in the same language."""
    if code in translations:
        return translations[code]
    close = [tag for tag in sorted(translations) if primary(tag) == primary(code)]
    return translations[close[0]] if close else None


def shown(text: str, translations: Mapping[str, str], written_in: str) -> Shown:
    """`text` in the page's language if the planner translated it, else as written."""
    if native(written_in):
        return Shown(text)
    found = pick(translations, current())
    return Shown(found) if found else Shown(text, written_in)


def language_name(code: str) -> str:
    """The language `code` named in the page's own language (`inglés` on a Spanish page)."""
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - only when a note is needed

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(current()) or code
    except (ValueError, UnknownLocaleError):
        return code
