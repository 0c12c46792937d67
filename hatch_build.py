"""Build hook: compile the translators' catalogues (`.po`) into the `.mo` files the wheel ships.

The `.po` files are the only ones anyone edits, and the only ones in git; the wheel carries them
compiled, so an installed copy loads a catalogue without parsing it (engine/i18n/catalogue.py
compiles the `.po` in memory where no `.mo` exists, as in a checkout). An editable install reads
the checkout, so nothing is compiled for it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("engine") / "i18n" / "locale"


class CatalogueHook(BuildHookInterface):  # type: ignore[misc]  # hatchling is build-time only
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._out = tempfile.TemporaryDirectory()
        for source in sorted((Path(self.root) / LOCALE).glob("*/LC_MESSAGES/messages.po")):
            relative = source.relative_to(self.root).with_suffix(".mo")
            compiled = Path(self._out.name) / relative
            compiled.parent.mkdir(parents=True, exist_ok=True)
            with source.open("rb") as stream:
                catalogue = read_po(stream)
            with compiled.open("wb") as stream:
                write_mo(stream, catalogue)
            build_data["force_include"][str(compiled)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if hasattr(self, "_out"):
            self._out.cleanup()
