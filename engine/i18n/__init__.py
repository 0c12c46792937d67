"""Languages: the catalogues every fixed string a participant or a reader sees goes through.

English is the source language: its strings are written in the code, the templates and the
rule files, and are their own translation. Every other language is a gettext catalogue under
`engine/i18n/locale/<code>/LC_MESSAGES/messages.po`, translated by people and compiled into the
wheel when it is built (hatch_build.py). Machine formats (JSON, SARIF, JUnit), rule ids, CSV
columns and answer codes never go through here, so they are the same in every language.
"""

from __future__ import annotations

SOURCE = "en"  # the language the messages are written in (shipped languages: catalogue.py)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for it, which extractors know
    """Mark a message for the catalogues where it is defined; it is translated where shown."""
    return message


def Np_(context: str, message: str) -> str:  # noqa: N802 - as N_, for a message with context
    """Mark a message with its context for the catalogues; translated where shown (`p_`)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - as N_, for plurals
    """Mark a message with its plural for the catalogues; translated where shown (`n_`)."""
    return singular, plural
