"""Which files the workspace may read and write: YAML profiles inside its folder, nothing else.

A URL names a profile by its path relative to the folder. The browser is not trusted to have
normalised it (`%2e%2e`, `..%2f` and backslashes all arrive here decoded or not), so a name is
refused unless every part of it is an ordinary file or folder name, and refused again unless the
real path (symlinks resolved) is still inside the real folder: a symlink inside the folder that
points outside it would otherwise read or overwrite any file the user can.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from engine.i18n.text import _
from engine.workflows.discovery import SUFFIXES


class PathRefusedError(Exception):
    """The name is not a profile inside the folder; the message says why, for the page."""


@dataclass(frozen=True)
class Folder:
    """The workspace folder, as its real path, and the check every name goes through."""

    root: Path

    @classmethod
    def at(cls, folder: str | Path) -> Folder:
        return cls(Path(os.path.realpath(folder)))

    def resolve(self, name: str) -> Path:
        """The file `name` (relative, `/`-separated) names, if the workspace may touch it."""
        parts = _parts(name)
        path = self.root.joinpath(*parts)
        real = Path(os.path.realpath(path))
        if real != self.root and self.root not in real.parents:
            raise PathRefusedError(_("the file is outside the workspace folder (through a link)"))
        if real.suffix not in SUFFIXES:
            raise PathRefusedError(
                _("the link points at a file that is not a .yaml or .yml profile")
            )
        return path

    def relative(self, path: str | Path) -> str:
        """The `/`-separated name of a path found inside the folder (for links)."""
        return Path(os.path.relpath(path, self.root)).as_posix()


def _parts(name: str) -> list[str]:
    if not name or "\x00" in name or "\\" in name:
        raise PathRefusedError(_("not a profile name"))
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise PathRefusedError(_("absolute paths are not allowed; name a file inside the folder"))
    parts = name.split("/")
    for part in parts:
        if part in ("", ".", ".."):
            raise PathRefusedError(_("`.`, `..` and empty parts are not allowed in a profile name"))
        if part.startswith("."):
            raise PathRefusedError(_("hidden files and folders are not part of the workspace"))
    if not parts[-1].endswith(SUFFIXES):
        raise PathRefusedError(_("only .yaml and .yml profiles can be opened"))
    return parts
