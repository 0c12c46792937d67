"""Text the tool prints, made inert: nothing a profile, rule set, JSON file or file name holds can
act on the terminal, the CI log or a reader.

One rule for every stream. Each character that is invisible or acts rather than shows is written
as a visible escape (`\\x1b`, `\\u202e`): C0 and C1 controls and DEL (terminal escapes, OSC-8
links, backspaces), line and paragraph separators (a new line the reader does not see), bidi
controls (text shown reversed), zero-width and other format characters (names that look the same
but are not), lone surrogates (undecodable file names) and the two non-characters XML refuses. A
line that would start with `::` is prefixed, so GitHub Actions cannot read it as a workflow
command. The character classes are written out rather than computed from `unicodedata`, which
would cost a cold start 0.2 s; a test checks them against the Unicode database.
"""

from __future__ import annotations

import re
import unicodedata

# Cc (C0, DEL, C1), Cf (format), Zl, Zp, Cs (surrogates), and U+FFFE/U+FFFF.
_INERT = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ud800-\udfff\ufeff\ufff9-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "]"
)
_INERT_KEEPING_NEWLINES = re.compile(_INERT.pattern.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f"))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def one_line(text: str) -> str:
    """`text` as one inert line: every control, separator and invisible character escaped."""
    shown = _INERT.sub(_escape, text)
    return "\\" + shown if shown.lstrip().startswith("::") else shown


def inert_lines(text: str) -> str:
    """`text` with its newlines kept and every line made inert, for multi-line output."""
    if not _INERT_KEEPING_NEWLINES.search(text) and "::" not in text:
        return text
    return "\n".join(one_line(line) for line in text.split("\n"))


def is_inert(text: str) -> bool:
    """True when `text` holds nothing `one_line` would escape."""
    return _INERT.search(text) is None


def visible(text: str) -> str:
    """What a reader can tell apart: invisible characters dropped, compatibility forms unified
    (NFKC: a full-width A is an A), spaces folded.

    Used to compare names (two stakeholders that look identical are one) and to check that an
    approver's name is there at all.
    """
    return " ".join(unicodedata.normalize("NFKC", _INERT.sub("", text)).split())
