"""The verdict policy: findings and waivers in, GO / GO WITH CONDITIONS / INCOMPLETE / NO-GO out.

- NO-GO: any open blocker (the sources' cases where engaging is pointless or harmful).
- INCOMPLETE: no open blocker, but a critical question is blank. The answers given cannot yet
  support a verdict, and a headline of GO WITH CONDITIONS would read to a board like a profile one
  step from ready. It ranks above GO WITH CONDITIONS because the unknown could hide a blocker.
- GO WITH CONDITIONS: no open blocker, at least one open major; each major is a condition.
- GO: only minor and advisory findings, or none.
A finding another open finding supersedes (one cause, counted once) is shown folded under it and
does not count; a rule may only supersede rules no more severe than itself, so folding never
lowers the verdict.
A waived finding stays in the report as accepted. A waiver that has expired no longer applies, and
these do not apply either, each saying why: a waiver of a blocker (the sources' cases where
engaging is pointless: no approval makes it worth doing, so the report says what answer would lift
it instead); a waiver of a blank that decides the verdict (the way out is to answer it); and a
waiver with no expiry or one more than `MAX_WAIVER_DAYS` after the assessment date, so that every
accepted risk comes back to the board at least once a year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from engine.i18n import Np_
from engine.profile.models.profile import Waiver

SEVERITY_ORDER = ("blocker", "major", "minor", "advisory")
GO, CONDITIONAL, INCOMPLETE, NO_GO = "go", "conditional", "incomplete", "no-go"
VERDICT_ORDER = (GO, CONDITIONAL, INCOMPLETE, NO_GO)
# The verdict's words, as the JSON gives them and as the reports show them in English.
LABELS = {
    GO: Np_("verdict", "GO"),
    CONDITIONAL: Np_("verdict", "GO WITH CONDITIONS"),
    INCOMPLETE: Np_("verdict", "INCOMPLETE"),
    NO_GO: Np_("verdict", "NO-GO"),
}
OPEN, WAIVED, EXPIRED, SUPERSEDED = "open", "waived", "expired-waiver", "superseded"
MAX_WAIVER_DAYS = 365


@dataclass(frozen=True)
class Decision:
    """How one finding stands after waivers are considered."""

    status: str
    note: str | None = None


def apply_waiver(
    severity: str,
    waiver: Waiver | None,
    today: dt.date,
    use_waivers: bool,
    *,
    waivable: bool = True,
    lift: str | None = None,
) -> Decision:
    """The status of a finding given the waiver the profile holds for its rule, if any."""
    if waiver is None:
        return Decision(OPEN)
    if not use_waivers:
        return Decision(OPEN, "a waiver exists but --no-waivers is set")
    if severity == "blocker":
        return Decision(OPEN, "a blocker cannot be waived" + (f": {lift}" if lift else ""))
    if not waivable:
        return Decision(OPEN, "a blank that decides the verdict cannot be waived; answer it")
    if waiver.expires is not None and waiver.expires < today:
        return Decision(EXPIRED, f"the waiver expired on {waiver.expires.isoformat()}")
    refusal = _too_long(waiver, today)
    if refusal is not None:
        return Decision(OPEN, refusal)
    return Decision(WAIVED)


def _too_long(waiver: Waiver, today: dt.date) -> str | None:
    latest = (today + dt.timedelta(days=MAX_WAIVER_DAYS)).isoformat()
    if waiver.expires is None:
        return f"a waiver needs `expires`, at most {MAX_WAIVER_DAYS} days ahead ({latest})"
    if waiver.expires.isoformat() > latest:
        return (
            f"a waiver lasts at most {MAX_WAIVER_DAYS} days; this one runs to "
            f"{waiver.expires.isoformat()}: set `expires` on or before {latest}"
        )
    return None


def is_open(status: str) -> bool:
    return status in (OPEN, EXPIRED)


def verdict(open_severities: Iterable[str], critical_blank: bool = False) -> str:
    """The verdict from the severities of the findings still open, and whether a critical
    question is still blank."""
    present = set(open_severities)
    if "blocker" in present:
        return NO_GO
    if critical_blank:
        return INCOMPLETE
    if "major" in present:
        return CONDITIONAL
    return GO


def at_least(value: str, threshold: str) -> bool:
    """Whether a verdict is as bad as `threshold` or worse (used by --fail-on)."""
    return VERDICT_ORDER.index(value) >= VERDICT_ORDER.index(threshold)
