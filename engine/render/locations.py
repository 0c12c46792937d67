"""Where a finding points in its profile: the first answer behind it, or the top of the file."""

from __future__ import annotations

from pathlib import Path

from engine.assessment.assessment import FindingItem


def location(finding: FindingItem) -> tuple[int, int]:
    """(line, column), 1-based: the first positioned evidence, else line 1, column 1."""
    for item in finding.evidence:
        if item.line > 0:
            return item.line, max(item.column, 1)
    return 1, 1


def uri(profile: str) -> str:
    """A profile path as a SARIF artifact URI: relative with forward slashes, or file://."""
    path = Path(profile)
    return path.as_uri() if path.is_absolute() else path.as_posix()
