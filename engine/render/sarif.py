"""SARIF 2.1.0: one run for the whole batch, rules from the rule set, results on answers' lines.

Code-scanning tools (GitHub code scanning among them) read this. Waived findings are reported
with an accepted external suppression carrying the waiver's reason, as SARIF intends.

Viewers show message texts as they are, so every text is made inert (`engine.printable`), and the
one Markdown text, a rule's help, is escaped as rule-set text is in the report.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from engine import __version__
from engine.assessment.assessment import Assessment, FindingItem
from engine.printable import inert_lines, one_line
from engine.render.escape import prose
from engine.render.locations import location, uri
from engine.rules.ruleset import RuleSet

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"blocker": "error", "major": "warning", "minor": "note", "advisory": "note"}


def _rule(rule: Any, ruleset: RuleSet) -> dict[str, Any]:
    source = ruleset.sources.get(rule.cite.source)
    cited = f"{source.title.strip()}, {rule.cite.section}" if source else rule.cite.section
    area = ruleset.areas.get(rule.area)
    return {
        "id": rule.id,
        "shortDescription": {"text": inert_lines(rule.title)},
        "fullDescription": {
            "text": inert_lines(f"{rule.title} ({area.title if area else rule.area}).")
        },
        "help": {
            "text": inert_lines(f"{rule.tip} Source: {cited}."),
            "markdown": f"{prose(rule.tip)}\n\n*Source: {prose(cited)}.*",
        },
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "severity": rule.severity,
            "area": one_line(rule.area),
            "tags": ["readiness", one_line(rule.area)],
        },
    }


def _result(finding: FindingItem, profile: str, index: int) -> dict[str, Any]:
    line, column = location(finding)
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": inert_lines(f"{finding.title}. {finding.tip}")},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(profile)},
                    "region": {"startLine": line, "startColumn": column},
                }
            }
        ],
        "properties": {"severity": finding.severity, "status": finding.status},
    }
    if finding.status == "waived" and finding.waiver:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": inert_lines(str(finding.waiver["reason"])),
            }
        ]
    return result


def fragment(result: Assessment, ruleset: RuleSet) -> str:
    """One profile's results, formatted as they sit inside the whole log (indent 8)."""
    index = {rule.id: i for i, rule in enumerate(ruleset.rules)}
    items = [_result(f, result.profile, index[f.rule]) for f in result.findings]
    return ",\n".join(
        textwrap.indent(json.dumps(item, indent=2, ensure_ascii=False), " " * 8) for item in items
    )


def assemble(
    fragments: Iterable[str], verdicts: Mapping[str, str], ruleset: RuleSet
) -> Iterator[str]:
    """The log in pieces: everything around the results, and the results streamed between."""
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ids-readiness",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(rule, ruleset) for rule in ruleset.rules],
                    }
                },
                "properties": {
                    "rulesVersion": one_line(ruleset.label),
                    "verdicts": {one_line(path): verdict for path, verdict in verdicts.items()},
                },
                "results": _HOLE,
            }
        ],
    }
    head, tail = json.dumps(log, indent=2, ensure_ascii=False).split(f'"{_HOLE}"')
    yield head + "["
    first = True
    for piece in fragments:
        if piece:
            yield ("\n" if first else ",\n") + piece
            first = False
    yield ("]" if first else "\n      ]") + tail + "\n"


_HOLE = "__results__"
