"""Babel extractors for the two kinds of fixed text that are not written as `_("...")` calls.

- `models`: every question the profile asks, as its field's description (shown whole where a
  question is asked, and cut to its first sentence where an answer is quoted as evidence), and
  every word of a closed vocabulary, in the `answer` context (`undetermined`, `public_records`),
  the fields of list entries, in the `field` context (`organiser: ...` when quoted whole), and
  what the workspace's form names beside a question (its guide's section, a list entry's name).
- `rules`: every title, tip and lift of a rule file, and the rule set's area titles, tips and
  source sections (ruleset.yaml), as the loader gives them to a report (stripped of the spaces a
  YAML block adds).

Both are named in `babel.cfg`, so `pybabel extract` finds them beside the Python and template
messages (see docs/translating.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

import yaml

from engine.i18n.text import ANSWER, FIELD

if TYPE_CHECKING:
    from engine.profile.models.fields import FieldSpec

Extracted = Iterator[tuple[int, str, Any, list[str]]]
RULE_FIELDS = ("title", "tip", "lift")
CONTAINERS = ("section", "items", "mapping")


def models(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Extracted:
    """The profile's questions and vocabularies; the file Babel hands over only triggers it."""
    from engine.profile.models import Profile  # noqa: PLC0415 - only when extracting
    from engine.profile.models.fields import walk_fields  # noqa: PLC0415
    from engine.render.view.evidence import humane, short_question  # noqa: PLC0415

    seen: set[str] = set()
    for spec in walk_fields(Profile):
        if spec.kind in CONTAINERS and spec.path[-1] not in seen:
            seen.add(spec.path[-1])
            yield 1, "gettext", humane(spec.path[-1]), ["a part of the profile, named"]
        for text in (spec.description, short_question(spec.description)):
            if text and text not in seen:
                seen.add(text)
                yield 1, "gettext", text, [f"field {spec.dotted}"]
        for word in spec.vocabulary:
            if isinstance(word, str) and f"{ANSWER}\x04{word}" not in seen:
                seen.add(f"{ANSWER}\x04{word}")
                yield 1, "pgettext", (ANSWER, word), ["a closed answer, shown as words"]
        yield from _entry_field(spec.path, spec.kind, seen)
        yield from _form_names(spec, seen)


def _entry_field(path: tuple[str, ...], kind: str, seen: set[str]) -> Extracted:
    """A list entry's field, named where an entry is quoted whole (`organiser: ...`)."""
    key = f"{FIELD}\x04{path[-1]}"
    if "*" in path[:-1] and kind not in CONTAINERS and key not in seen:
        seen.add(key)
        yield 1, "pgettext", (FIELD, path[-1]), ["a list entry's field, named beside its answer"]


def _form_names(spec: FieldSpec, seen: set[str]) -> Extracted:
    """What the workspace's form names beside a question: the part of a guide it comes from
    (`C.1 §3 Resources: staff`) and, for a list, what one entry is called (`Stakeholder group`)."""
    from engine.profile.models.fields import entry_name  # noqa: PLC0415 - only when extracting

    names = [str(spec.meta.get("x-section") or "")]
    if spec.kind == "items" and spec.model is not None:
        names.append(entry_name(spec.model))
    for text in names:
        if text and text not in seen:
            seen.add(text)
            yield 1, "gettext", text, [f"field {spec.dotted}: named in the workspace's form"]


def rules(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Extracted:
    """A rule file's texts, or ruleset.yaml's catalogue texts, with the line each is on."""
    text = fileobj.read().decode("utf-8")
    data = yaml.safe_load(text)
    if isinstance(data, list):
        yield from _rule_texts(data, text)
    elif isinstance(data, dict):
        yield from _catalogue_texts(data, text)


def _line(source: str, needle: str) -> int:
    """The line a value's key is on, for the translator's reference (1 when not found)."""
    index = source.find(needle)
    return source.count("\n", 0, index) + 1 if index >= 0 else 1


def _rule_texts(rules: list[Any], source: str) -> Extracted:
    for rule in rules:
        if not isinstance(rule, dict):
            continue
        line = _line(source, f"id: {rule.get('id')}")
        for field in RULE_FIELDS:
            value = rule.get(field)
            if isinstance(value, str) and value.strip():
                yield line, "gettext", value.strip(), [f"rule {rule.get('id')}: {field}"]
        cite = rule.get("cite")
        if isinstance(cite, dict) and isinstance(cite.get("section"), str):
            yield line, "gettext", cite["section"].strip(), ["a source's section, cited"]


def _catalogue_texts(info: dict[str, Any], source: str) -> Extracted:
    for key, area in (info.get("areas") or {}).items():
        yield _line(source, f"{key}:"), "gettext", str(area["title"]).strip(), [f"area {key}"]
    for key, tip in (info.get("tips") or {}).items():
        yield _line(source, f"{key}:"), "gettext", str(tip).strip(), [f"tip {key}"]
    for key, entry in (info.get("sources") or {}).items():
        for field in ("section", "licence"):
            if isinstance(entry.get(field), str):
                text = entry[field].strip()
                yield _line(source, f"{key}:"), "gettext", text, [f"source {key}: {field}"]
