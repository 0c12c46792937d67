"""The language a report or a survey page is being made in, and the words in it.

Set for the span of one rendering (`with language("es"): ...`) and read by every function that
words something for a reader, in Python and in the templates alike (the Jinja environment calls
these same functions), so that no function needs a language passed down to it. A context
variable keeps concurrent renderings (the workspace serves in threads) apart.

English is the source: `_("text")` gives the text itself in English and its translation in a
catalogue's language, or the English text where the catalogue has none (a custom rule set's
titles, say), never a blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from engine.i18n import SOURCE
from engine.i18n.catalogue import known, translations

_current: ContextVar[str] = ContextVar("language", default=SOURCE)
ANSWER = "answer"  # the message context of a closed vocabulary's word shown as an answer
FIELD = "field"  # the message context of a list entry's field name (`organiser`, `trust_low`)


@contextmanager
def language(code: str) -> Iterator[str]:
    """Word everything inside in the shipped language `code` (UnknownLanguageError if none)."""
    token = _current.set(known(code))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def current() -> str:
    return _current.get()


def _(message: str) -> str:
    """The message in the current language."""
    return translations(_current.get()).gettext(message)


def n_(singular: str, plural: str, n: int) -> str:
    """The message for a count `n` in the current language (its own plural rules)."""
    return translations(_current.get()).ngettext(singular, plural, n)


def p_(context: str, message: str) -> str:
    """The message in the current language, told apart from the same words used elsewhere."""
    return translations(_current.get()).pgettext(context, message)


def colon() -> str:
    """The colon after a label, as the language writes it (French puts a no-break space
    before it); a message of its own so that a label's markup stays out of the catalogues."""
    return p_("punctuation", ":")


def semicolons(items: Iterable[str]) -> str:
    """Items one after another in a sentence, as the language separates them (French puts a
    no-break space before the semicolon)."""
    return p_("punctuation", "; ").join(items)


def answer(word: str) -> str:
    """A closed vocabulary's word (`undetermined`, `public_records`) as a reader's words."""
    english = word.replace("_", " ")
    found = p_(ANSWER, word)
    return english if found == word else found


def field(name: str) -> str:
    """A list entry's field name (`organiser`, `trust_low`) as a reader's words."""
    found = p_(FIELD, name)
    return name.replace("_", " ") if found == name else found


def date(value: dt.date | str) -> str:
    """A date as the language writes it: ISO in English (as reports always have), else the
    language's long form (`23 de noviembre de 2026`), by the CLDR data Babel carries."""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    if _current.get() == SOURCE:
        return day.isoformat()
    from babel.dates import format_date  # noqa: PLC0415 - only for a translated page

    return format_date(day, format="long", locale=_current.get())


def number(value: float, decimals: int = 1) -> str:
    """A decimal number as the language writes it (`1.5`, `1,5`)."""
    if _current.get() == SOURCE:
        return f"{value:.{decimals}f}"
    from babel.numbers import format_decimal  # noqa: PLC0415

    return format_decimal(
        round(value, decimals), format=f"0.{'0' * decimals}", locale=_current.get()
    )
