"""JUnit XML: each profile a test suite, each rule a test case, so CI test tabs show readiness.

An open finding is a failed test case, a waived one is skipped, and a rule that did not fire
passes. The suite's properties carry the verdict.

Every text written, attribute or body, passes through `xml_safe`: XML 1.0 has no way to carry a
C0 control, a lone surrogate, U+FFFE or U+FFFF, not even as a character reference, so one backspace
in a waiver reason would leave the whole report unreadable to CI.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from xml.etree import ElementTree as ET

from engine.assessment.assessment import Assessment, FindingItem
from engine.assessment.verdict import LABELS
from engine.printable import inert_lines, one_line
from engine.render.locations import location
from engine.rules.ruleset import LoadedRule, RuleSet


def xml_safe(text: object, *, lines: bool = False) -> str:
    """`text` as XML 1.0 character data: what XML forbids, and every other control or invisible
    character, shown as a visible escape (`\\x08`, `\\ufffe`); newlines kept only in bodies."""
    return inert_lines(str(text)) if lines else one_line(str(text))


def _element(parent: ET.Element | None, tag: str, **attributes: object) -> ET.Element:
    safe = {name: xml_safe(value) for name, value in attributes.items()}
    return ET.Element(tag, safe) if parent is None else ET.SubElement(parent, tag, safe)


def _evidence(finding: FindingItem) -> str:
    lines = [finding.tip, "", "Evidence:"]
    lines += [
        f"  {e.fact}: {json.dumps(e.value, ensure_ascii=False)} (line {e.line})"
        for e in finding.evidence
    ]
    lines.append(f"Source: {finding.cite.source}, {finding.cite.section}")
    return xml_safe("\n".join(lines), lines=True)


def _case(suite: ET.Element, rule: LoadedRule, finding: FindingItem | None, profile: str) -> None:
    case = _element(
        suite, "testcase", classname=f"readiness.{rule.area}", name=f"{rule.id}: {rule.title}"
    )
    if finding is None:
        return
    line, _ = location(finding)
    case.set("file", xml_safe(profile))
    case.set("line", str(line))
    if finding.status == "waived":
        reason = str(finding.waiver["reason"]) if finding.waiver else "waived"
        _element(case, "skipped", message=f"waived: {reason}")
    else:
        failure = _element(case, "failure", type=finding.severity, message=finding.title)
        failure.text = _evidence(finding)


def _suite(result: Assessment, ruleset: RuleSet) -> ET.Element:
    findings = {f.rule: f for f in result.findings}
    tests, failures, skipped = counts(result, ruleset)
    suite = _element(
        None,
        "testsuite",
        name=result.profile,
        tests=tests,
        failures=failures,
        errors=0,
        skipped=skipped,
    )
    properties = _element(suite, "properties")
    _element(properties, "property", name="verdict", value=LABELS[result.verdict])
    answered = f"{result.completeness.answered}/{result.completeness.total}"
    _element(properties, "property", name="answered", value=answered)
    for rule in ruleset.rules:
        _case(suite, rule, findings.get(rule.id), result.profile)
    return suite


def fragment(result: Assessment, ruleset: RuleSet) -> str:
    """One profile's test suite, indented as it sits inside <testsuites>."""
    suite = _suite(result, ruleset)
    ET.indent(suite, space="  ", level=1)
    return "  " + ET.tostring(suite, encoding="unicode").rstrip() + "\n"


def assemble(fragments: Iterable[str], totals: tuple[int, int, int]) -> Iterator[str]:
    """The document in pieces; `totals` is (tests, failures, skipped) over all suites."""
    tests, failures, skipped = totals
    yield '<?xml version="1.0" encoding="utf-8"?>\n'
    yield (
        f'<testsuites name="ids-readiness" tests="{tests}" failures="{failures}" '
        f'skipped="{skipped}">\n'
    )
    yield from fragments
    yield "</testsuites>\n"


def counts(result: Assessment, ruleset: RuleSet) -> tuple[int, int, int]:
    """(tests, failures, skipped) of one profile's suite."""
    failures = sum(1 for f in result.findings if f.status != "waived")
    return len(ruleset.rules), failures, len(result.findings) - failures
