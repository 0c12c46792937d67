"""Any valid profile written to YAML and read back is the same profile."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import given, settings

from engine.profile.models import Profile
from engine.profile.validation import load_profile
from tests.strategies import profiles


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_dump_then_load_gives_the_same_profile(profile: Profile) -> None:
    text = yaml.safe_dump(
        profile.model_dump(mode="json", exclude_none=True), allow_unicode=True, sort_keys=False
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.yaml"
        path.write_text(text, encoding="utf-8")
        loaded, _ = load_profile(path)
    assert loaded == profile


@settings(max_examples=30, deadline=None)
@given(profiles())
def test_yaml_1_1_booleans_in_text_answers_survive(profile: Profile) -> None:
    """Text that PyYAML 1.1 would turn into a bool or number stays the planner's text."""
    data = profile.model_dump(mode="json", exclude_none=True)
    data.setdefault("profile", {})["name"] = "NO"
    data["profile"]["ids"] = "0123"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.yaml"
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        path.write_text(text.replace("'NO'", "NO").replace("'0123'", "0123"), encoding="utf-8")
        loaded, _ = load_profile(path)
    assert loaded.profile is not None
    assert (loaded.profile.name, loaded.profile.ids) == ("NO", "0123")
