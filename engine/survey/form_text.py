"""Text for an XLSForm cell, made so that ODK and KoboToolbox show it as written and run nothing.

Labels in ODK Collect and Enketo are a small Markdown (`*`, `_`, `#`, links, lists) with `<span>`
styling, and pyxform replaces `${name}` with another field's answer. A planner's practice text
is shown as typed: its formatting characters are escaped the way both renderers read escapes,
a link or a tag is broken by an invisible space, and `${` likewise, so it is never a reference.
Invisible and control characters are written as visible escapes (`engine.printable`), as every
other output of the tool does. XPath string literals are built so that no name can end one.
"""

from __future__ import annotations

import re

from engine.printable import inert_lines, visible

_MARKUP = re.compile(r"([\\*_#])")  # the escapes Enketo's and Collect's Markdown read
_LINK = re.compile(r"\](?=\s*\()")
_TAG = re.compile(r"<(?=\s*/?\s*(?:span|sup|sub)\b)", re.IGNORECASE)
_REFERENCE = re.compile(r"\$(?=\{)")
_BREAK = "\u200b"  # zero-width space: invisible, and no renderer's syntax continues across it


def unreferenced(text: str) -> str:
    """`text` with every `${` broken, for any cell pyxform reads references in."""
    return _REFERENCE.sub("$" + _BREAK, text)


def shown(text: str) -> str:
    """Profile text as a label shows it: as typed, inert, and never formatting or a reference."""
    text = _MARKUP.sub(r"\\\1", inert_lines(text))
    text = _TAG.sub("<" + _BREAK, _LINK.sub("]" + _BREAK, text))
    return unreferenced(text)


def literal(text: str) -> str:
    """An XPath expression whose value is `text` as a reader sees it (`visible`): one quoted
    literal, or a `concat` of them where `text` holds a quote or `${`."""
    pieces = [piece for piece in re.split(r"('|\$(?=\{))", visible(text)) if piece]
    quoted = [_quoted(piece) for piece in pieces] or ["''"]
    return quoted[0] if len(quoted) == 1 else f"concat({', '.join(quoted)})"


def _quoted(piece: str) -> str:
    return '"\'"' if piece == "'" else f"'{piece}'"
