"""GitHub Actions workflow commands: one annotation per open finding, on the answer's line.

GitHub shows these on the changed file in a pull request. Severity maps to annotation level:
blocker -> error, major (a condition) -> warning, minor and advisory -> notice. Waived findings
are not annotated; each profile also gets one annotation with its verdict on line 1.

The log shows these lines raw, so every text is made inert (`engine.printable`) before GitHub's
own escaping, which only covers `%`, line breaks, and `:` and `,` in properties.
"""

from __future__ import annotations

from engine.assessment import vocabulary
from engine.assessment.assessment import Assessment
from engine.printable import inert_lines
from engine.render.locations import location

LEVELS = {"blocker": "error", "major": "warning", "minor": "notice", "advisory": "notice"}
VERDICT_LEVELS = {
    "no-go": "error",
    "incomplete": "warning",
    "conditional": "warning",
    "go": "notice",
}
LABELS = {s: vocabulary.title(s) for s in vocabulary.WORDS}


def _data(text: str) -> str:
    """Escape a command's message by GitHub's toolkit rules, once it is inert (a carriage return
    is then already a visible `\\x0d`)."""
    return inert_lines(text).replace("%", "%25").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a command property value: as a message, plus ':' and ','."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, *, file: str, line: int, column: int, title: str, message: str) -> str:
    props = f"file={_property(file)},line={line},col={column},title={_property(title)}"
    return f"::{level} {props}::{_data(message)}"


def fragment(result: Assessment) -> str:
    """One profile's annotations: its verdict on line 1, then each open finding."""
    lines = []
    open_findings = result.open_findings()
    counts = ", ".join(
        vocabulary.counted(s, sum(f.severity == s for f in open_findings))
        for s in ("blocker", "major", "minor", "advisory")
    )
    answered = f"{result.completeness.answered}/{result.completeness.total} questions answered"
    verdict = command(
        VERDICT_LEVELS[result.verdict],
        file=result.profile,
        line=1,
        column=1,
        title=f"Readiness: {result.label}",
        message=f"{counts}; {answered}",
    )
    lines.append(verdict)
    for finding in open_findings:
        line, column = location(finding)
        title = f"{LABELS[finding.severity]}: {finding.title} ({finding.rule})"
        lines.append(
            command(
                LEVELS[finding.severity],
                file=result.profile,
                line=line,
                column=column,
                title=title,
                message=finding.tip,
            )
        )
    return "".join(f"{line}\n" for line in lines)
