"""The rule set's digest, from the rule files as they are read in this run.

A report prints it so that a board can tell exactly which rules decided its verdict. It is never
taken from anything stored: the files are read and hashed each run (which the rule set cache
does anyway, to know whether its entry still stands), so the digest names what was evaluated.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path

MAX_FILE = 1 << 20  # what the loader reads of a rule file; a larger one is refused there

FileDigests = tuple[str, ...]  # "name sha256" for each YAML file of one folder, in name order


def file_digests(folder: Path) -> FileDigests:
    """Every YAML file the loader reads in `folder`, by name and content.

    Raises OSError or ValueError for a folder or file the loader would refuse anyway.
    """
    found = []
    for path in sorted(folder.glob("*.yaml")):
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE:
            raise ValueError(f"{path} is not a small regular file")
        found.append(f"{path.name} {hashlib.sha256(path.read_bytes()).hexdigest()}")
    return tuple(found)


def combined(folders: Sequence[FileDigests]) -> str:
    """One digest for the folders' files, the core's first."""
    digest = hashlib.sha256()
    for index, files in enumerate(folders):
        for line in files:
            digest.update(f"{index} {line}\n".encode())
    return digest.hexdigest()
