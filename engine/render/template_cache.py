"""Compiled report templates kept beside the package, so a cold run does not compile them again.

Jinja2 compiles a template to Python code on first use: for `report.md.j2` that was a tenth of a
cold `assess`. This keeps the code object between runs. It is code, so it is stored the way
Python's own byte-code cache stores modules (marshal, never pickle: Jinja2's own file cache
unpickles a header) and read only from the cache beside the installed package
(`engine.runtime.cache`), which only whoever can change the package's code can write; its frame
rejects a truncated or corrupt entry before marshal sees it. The key holds the template's source
checksum, the Jinja2 and Python versions and the engine's own code (which sets the environment's
options), so an entry is only ever the code that compiling would give.
"""

from __future__ import annotations

import hashlib
import marshal
import types

import jinja2
from jinja2.bccache import Bucket

from engine.runtime import cache


class TemplateCache(jinja2.BytecodeCache):
    """One environment's compiled templates; `label` tells environments' entries apart."""

    def __init__(self, label: str) -> None:
        self.label = label

    def _slot_and_key(self, bucket: Bucket) -> tuple[str, str]:
        name = hashlib.sha256(f"{self.label}\0{bucket.key}".encode()).hexdigest()[:32]
        key = cache.key("jinja2", jinja2.__version__, self.label, bucket.key, bucket.checksum)
        return f"template-{name}.bin", key

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill the bucket from the cache; a miss or anything unexpected leaves it empty."""
        payload = cache.load(*self._slot_and_key(bucket))
        if payload is None:
            return
        try:
            code = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return
        if isinstance(code, types.CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            cache.save(*self._slot_and_key(bucket), marshal.dumps(bucket.code))
