"""Where a finding points in its profile: the first answer behind it, or the top of the file."""

from __future__ import annotations

import os
from pathlib import PurePath
from urllib.parse import quote_from_bytes

from engine.assessment.assessment import FindingItem


def location(finding: FindingItem) -> tuple[int, int]:
    """(line, column), 1-based: the first positioned evidence, else line 1, column 1."""
    for item in finding.evidence:
        if item.line > 0:
            return item.line, max(item.column, 1)
    return 1, 1


def uri(profile: str) -> str:
    """A profile path as a SARIF artifact URI: an RFC 3986 relative reference with forward
    slashes, or a `file://` URI for an absolute path.

    Every octet but the unreserved ones and `/` is percent-encoded: a space, `#`, `?` or `%` in a
    file name would otherwise end or change the reference, and a `:` in the first segment would
    read as a scheme. Undecodable bytes in a file name are encoded as the bytes they were.
    """
    path = PurePath(profile)
    encoded = quote_from_bytes(_octets(path.as_posix()), safe="/")
    return "file:///" + encoded.lstrip("/") if path.is_absolute() else encoded


def _octets(text: str) -> bytes:
    try:
        return os.fsencode(text)
    except UnicodeEncodeError:  # a surrogate no file system decoding produced
        return text.encode("utf-8", "surrogatepass")
