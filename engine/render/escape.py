"""Escaping text from a profile for Markdown, so that no answer can break or hijack a report.

A planner's free text can contain anything: pipes that split table cells, HTML, link or image
syntax, backticks, emphasis, headings, list markers, autolinks, mentions, or a line that closes a
mermaid block. Every string that came from a profile passes through one of these functions on its
way into a report. Backslash escapes are valid for any ASCII punctuation in CommonMark and GFM and
render as the character itself, so escaping changes how the text looks in the raw file only.
Control and invisible characters (terminal escapes, bidi overrides, zero-width spaces) are shown as
visible escapes by `engine.printable`'s rule, as on every other stream.

Rule-set text (titles, tips, citations) goes through `prose`, the same escaping with two
relaxations for punctuation that cannot act in Markdown, so that the core rules' prose, which
uses colons and a few code spans, is already its own escaped form and reports do not change.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from engine.printable import is_inert, one_line

# Inline syntax: code, emphasis, links and images, HTML and entities, tables, strikethrough,
# GitHub math ($), mentions and e-mail autolinks (@), URL autolinks (:), issue references (#).
_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&$@:])")
# Block syntax only means something at the start of a line: lists, headings, quotes, rules.
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")
# Any "www." can start an extended autolink after `_`, `*`, `~` or `(`, which `\b` would miss.
_WWW = re.compile(r"(?i)(www)\.")
_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\u0085")


def _line(text: str) -> str:
    value = _SPECIAL.sub(r"\\\1", text)
    value = _WWW.sub(r"\1\\.", value)
    match = _LINE_START.match(value)
    if match:
        lead, marker = match.groups()
        if marker.isdigit():
            end = match.end()
            value = f"{value[:end]}\\{value[end:]}"
        else:
            value = f"{lead}\\{value[len(lead) :]}"
    return value


def _shown(line: str) -> str:
    """One line with every control and invisible character as a visible escape; tabs as spaces."""
    return one_line(line.replace("\t", " "))


@lru_cache(maxsize=4096)
def _inline(text: str) -> str:
    return _line(_shown(_NEWLINES.sub(" ", text)))


def inline(text: object) -> str:
    """Plain text safe anywhere in a Markdown line (newlines become spaces)."""
    return _inline(str(text))


def cell(text: object) -> str:
    """Text safe inside a GFM table cell: like `inline`, and never empty."""
    value = inline(text).strip()
    return value or " "


def block(text: object) -> str:
    """Multi-line text, each line escaped; blank lines kept so paragraphs survive."""
    return "\n".join(_line(_shown(line)) for line in _NEWLINES.split(str(text)))


def answer(value: Any) -> str:
    """An answer quoted back, escaped; a blank is shown as blank, never as 'no'."""
    if value is None:
        return "*blank*"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "*none listed*" if not value else ", ".join(answer(item) for item in value)
    if isinstance(value, dict):
        parts = [f"{inline(key)}: {answer(item)}" for key, item in value.items()]
        return "{" + "; ".join(parts) + "}"
    return inline(value)


_LABEL_SAFE = re.compile(r"[^0-9A-Za-z ,.\-/()]")


def label(text: object, limit: int = 40) -> str:
    """Text for a mermaid chart label: letters, digits and a little punctuation only.

    Mermaid offers no escaping that is safe on GitHub, so anything else is dropped; a label can
    therefore never end the chart or inject directives.
    """
    value = _LABEL_SAFE.sub("", _NEWLINES.sub(" ", str(text))).strip()
    return value[:limit] or "unnamed"


# A colon acts only in a link's scheme (`https://`); e-mail and `www.` links are escaped by `@`
# and `.`. An ordered-list marker needs a space after it. A code span whose content holds no
# backtick, pipe or backslash shows its characters as they are, even in a table cell.
_PROSE_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&$@]|:(?=/))")
_PROSE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)](?:\s|$)))")
_CODE_SPAN = re.compile(r"(`[^`|\\]+`)")


def _prose_part(text: str) -> str:
    return _WWW.sub(r"\1\\.", _PROSE_SPECIAL.sub(r"\\\1", text))


@lru_cache(maxsize=4096)
def _prose(text: str) -> str:
    parts = _CODE_SPAN.split(_shown(_NEWLINES.sub(" ", text)))
    value = "".join(part if index % 2 else _prose_part(part) for index, part in enumerate(parts))
    match = _PROSE_START.match(value)
    if match is None:
        return value
    end = match.end() if match.group(2).isdigit() else len(match.group(1))
    return f"{value[:end]}\\{value[end:]}"


def prose(text: object) -> str:
    """Rule-set text (a title, tip, citation or name) safe anywhere in a Markdown line.

    As `inline`, except that a colon not followed by `/`, digits and a dot not followed by a space,
    and simple code spans are left as written: none of them can make a link, a list, HTML or a
    broken table. Rule text that passed the loader, core or custom, changes only where it holds
    markup.
    """
    return _prose(str(text))


_CODE_TEXT = re.compile(r"[^`|\\\s]([^`|\\]*[^`|\\\s])?")


def code(text: object) -> str:
    """An identifier (rule id, fact) in code font when that shows it exactly, else escaped text."""
    value = str(text)
    if _CODE_TEXT.fullmatch(value) and is_inert(value):
        return f"`{value}`"
    return inline(value)


# Characters a Markdown link destination or an HTML attribute could act on, or that end it.
_URL_SAFE = "-._~:/?#[]@!$+,;=%"


def href(url: object) -> str:
    """A URL as a link destination: anything outside plain URL characters percent-encoded, so
    that no parenthesis, angle bracket, quote, space or entity can end the link or open another.
    URLs reach here already validated as http(s) (`--link-base`) with a percent-encoded path."""
    return quote(str(url), safe=_URL_SAFE)
