"""How much one input file may cost to read.

Its own module because both the loader (which takes limits from its callers) and the composer
(which enforces them while it reads) need it, and neither should import the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Bounds on what a single file may cost to read."""

    max_bytes: int = MIB
    max_depth: int = 64
    max_aliases: int = 200
    # The largest example holds about 630 values; a profile of 100,000 would be a hundred
    # engagements in one file. The bound keeps a 1 MiB flood within 100 MiB of memory.
    max_nodes: int = 100_000
