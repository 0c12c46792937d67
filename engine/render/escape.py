"""Escaping text from a profile for Markdown, so that no answer can break or hijack a report.

A planner's free text can contain anything: pipes that split table cells, HTML, link or image
syntax, backticks, emphasis, headings, list markers, autolinks, mentions, or a line that closes a
mermaid block. Every string that came from a profile passes through one of these functions on its
way into a report. Backslash escapes are valid for any ASCII punctuation in CommonMark and GFM and
render as the character itself, so escaping changes how the text looks in the raw file only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Inline syntax: code, emphasis, links and images, HTML and entities, tables, strikethrough,
# GitHub math ($), mentions and e-mail autolinks (@), URL autolinks (:), issue references (#).
_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&$@:])")
# Block syntax only means something at the start of a line: lists, headings, quotes, rules.
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")
_WWW = re.compile(r"(?i)\b(www)\.")
_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\u0085")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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


@lru_cache(maxsize=4096)
def _inline(text: str) -> str:
    return _line(_NEWLINES.sub(" ", _CONTROL.sub("", text)))


def inline(text: object) -> str:
    """Plain text safe anywhere in a Markdown line (newlines become spaces)."""
    return _inline(str(text))


def cell(text: object) -> str:
    """Text safe inside a GFM table cell: like `inline`, and never empty."""
    value = inline(text).strip()
    return value or " "


def block(text: object) -> str:
    """Multi-line text, each line escaped; blank lines kept so paragraphs survive."""
    lines = _NEWLINES.split(_CONTROL.sub("", str(text)))
    return "\n".join(_line(line) for line in lines)


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
