"""A seeded generator of realistic, varied, valid profiles.

Realistic because each one starts from one of the example profiles in profiles/ (the size and
shape of what planners write); varied because answers with a closed vocabulary are redrawn and
some answers are left blank at random; valid because every result is validated, and redrawn if a
cross-field rule fails. The same seed always gives the same profiles.

Run: .venv/bin/python -m benchmarks.generate N FOLDER [--seed S]   (writes N YAML files)
"""

from __future__ import annotations

import argparse
import copy
import random
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from engine.profile import consistency
from engine.profile.loader import load_file
from engine.profile.models import Profile
from engine.profile.models.fields import model_fields
from engine.profile.positions import to_data

ROOT = Path(__file__).resolve().parents[1]
REDRAW, BLANK = 0.25, 0.08


def _bases() -> list[dict[str, Any]]:
    found = []
    for path in sorted((ROOT / "profiles").glob("*.yaml")):
        data = to_data(load_file(path))
        assert isinstance(data, dict)
        found.append(data)
    return found


def _vary(data: Any, model: type[BaseModel], rng: random.Random) -> None:
    """Redraw or blank the closed-vocabulary answers of one section, recursively."""
    if not isinstance(data, dict):
        return
    for spec in model_fields(model):
        name = spec.path[0]
        if name not in data or name in ("schema_version", "between"):
            continue
        if spec.kind == "choice" and rng.random() < REDRAW:
            data[name] = rng.choice(spec.vocabulary)
        elif spec.kind in ("choice", "integer", "text") and rng.random() < BLANK:
            del data[name]
        elif spec.kind == "section" and spec.model is not None:
            _vary(data[name], spec.model, rng)
        elif spec.kind == "items" and spec.model is not None and isinstance(data[name], list):
            for item in data[name]:
                _vary(item, spec.model, rng)


def generate(count: int, seed: int = 0) -> list[dict[str, Any]]:
    """`count` profiles as plain data (what a YAML file holds)."""
    rng = random.Random(seed)
    bases = _bases()
    result: list[dict[str, Any]] = []
    while len(result) < count:
        data = copy.deepcopy(rng.choice(bases))
        data.pop("waivers", None)
        _vary(data, Profile, rng)
        data.setdefault("profile", {})["name"] = f"Generated profile {len(result) + 1}"
        try:
            profile = Profile.model_validate(data)
        except ValidationError:
            continue
        if not consistency.check(profile)[0]:
            result.append(data)
    return result


def generate_profiles(count: int, seed: int = 0) -> list[Profile]:
    return [Profile.model_validate(data) for data in generate(count, seed)]


def write(count: int, folder: Path, seed: int = 0) -> list[Path]:
    """Write `count` profiles as YAML files named profile-00001.yaml, ..."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, data in enumerate(generate(count, seed), start=1):
        path = folder / f"profile-{index:05d}.yaml"
        # Typed values (numbers as numbers), as a planner writes them and as JSON Schema expects.
        typed = Profile.model_validate(data).model_dump(mode="json", exclude_none=True)
        text = "# yaml-language-server: $schema=profile.schema.json\n"
        text += yaml.safe_dump(typed, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = write(args.count, args.folder, args.seed)
    print(f"wrote {len(paths)} profiles to {args.folder}")


if __name__ == "__main__":
    main()
