"""JUnit XML: each profile a test suite, each rule a test case, so CI test tabs show readiness.

An open finding is a failed test case, a waived one is skipped, and a rule that did not fire
passes. The suite's properties carry the verdict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from xml.etree import ElementTree as ET

from engine.assessment.assessment import Assessment, FindingItem
from engine.assessment.verdict import LABELS
from engine.render.locations import location
from engine.rules.ruleset import RuleSet


def _evidence(finding: FindingItem) -> str:
    lines = [finding.tip, "", "Evidence:"]
    lines += [
        f"  {e.fact}: {json.dumps(e.value, ensure_ascii=False)} (line {e.line})"
        for e in finding.evidence
    ]
    lines.append(f"Source: {finding.cite.source}, {finding.cite.section}")
    return "\n".join(lines)


def _suite(result: Assessment, ruleset: RuleSet) -> ET.Element:
    findings = {f.rule: f for f in result.findings}
    tests, failures, skipped = counts(result, ruleset)
    suite = ET.Element(
        "testsuite",
        name=result.profile,
        tests=str(tests),
        failures=str(failures),
        errors="0",
        skipped=str(skipped),
    )
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="verdict", value=LABELS[result.verdict])
    answered = f"{result.completeness.answered}/{result.completeness.total}"
    ET.SubElement(properties, "property", name="answered", value=answered)
    for rule in ruleset.rules:
        case = ET.SubElement(
            suite, "testcase", classname=f"readiness.{rule.area}", name=f"{rule.id}: {rule.title}"
        )
        finding = findings.get(rule.id)
        if finding is None:
            continue
        line, _ = location(finding)
        case.set("file", result.profile)
        case.set("line", str(line))
        if finding.status == "waived":
            reason = str(finding.waiver["reason"]) if finding.waiver else "waived"
            ET.SubElement(case, "skipped", message=f"waived: {reason}")
        else:
            failure = ET.SubElement(case, "failure", type=finding.severity, message=finding.title)
            failure.text = _evidence(finding)
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
