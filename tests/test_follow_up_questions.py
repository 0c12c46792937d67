"""Follow-up questions (a letter after the number they extend) say when they apply.

The semantics of `applies_when` (a question that does not apply is neither answered nor a gap)
live elsewhere; here we only check the declarations: each follow-up has one, and each is a
condition the rule loader accepts (facts that exist, operators that fit them, values in their
vocabularies), so a typo fails here rather than silently never applying.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from engine.profile.models import Profile
from engine.profile.models.fields import walk_fields
from engine.rules.rule_loader import default_rules_dir, load_ruleset

FOLLOW_UP = re.compile(r"^\d+\.\d+[a-z]$")


def _declared() -> dict[str, object]:
    return {
        spec.dotted: spec.meta["x-applies-when"]
        for spec in walk_fields(Profile)
        if "x-applies-when" in spec.meta
    }


# Our own budget lines carry a letter too, but are asked of everyone, like the worksheet's lines;
# so is 2.8b, asked of every stakeholder group like 2.6 to 2.8.
ALWAYS_ASKED = {"2.8b", "3.14a", "3.16a"}


def test_every_follow_up_question_declares_when_it_applies() -> None:
    # `question` is set only on the field that asks it; the fields below inherit it unmarked.
    follow_ups = {
        spec.dotted
        for spec in walk_fields(Profile)
        if spec.question and FOLLOW_UP.match(spec.question) and spec.question not in ALWAYS_ASKED
    }
    assert follow_ups <= set(_declared())
    assert len(follow_ups) >= 2


def test_every_applies_when_is_a_valid_rule_condition(tmp_path: Path) -> None:
    shutil.copy(default_rules_dir() / "ruleset.yaml", tmp_path / "ruleset.yaml")
    probes = [
        {
            "id": f"applies-{index}",
            "title": f"{field} applies",
            "area": "objectives",
            "severity": "advisory",
            "when": condition,
            "tip": "A probe.",
            "cite": {"source": "nothing-to-hide", "section": "C.1"},
        }
        for index, (field, condition) in enumerate(sorted(_declared().items()))
    ]
    (tmp_path / "probes.yaml").write_text(yaml.safe_dump(probes), encoding="utf-8")
    loaded = {rule.id for rule in load_ruleset(tmp_path).rules}
    assert {f"applies-{index}" for index in range(len(probes))} <= loaded
