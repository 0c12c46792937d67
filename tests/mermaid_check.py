"""Mermaid charts drawn by mermaid itself in headless Chromium, as GitHub's viewer would.

Each version's browser bundle (dist/mermaid.min.js) comes from the npm registry by `npm pack`, once,
into a cache folder outside git; nothing is committed. The versions are pinned so that a result
does not change under us: raise them on purpose (`npm view mermaid@11 version`).
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from tests.browser import Browser

MERMAID_VERSIONS = ("10.9.6", "11.17.2")  # the newest 10.x and 11.x when pinned
_BUNDLE = "package/dist/mermaid.min.js"

# Parse, render into the page, then read every label back with its box: a label whose box leaves
# the chart's box is cut off on screen (as in "...maintenance st").
_RENDER = """async ([code, id]) => {
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
  try {
    await mermaid.parse(code);
    const { svg } = await mermaid.render(id, code);
    document.getElementById("out").innerHTML = svg;
  } catch (error) {
    return { error: String((error && error.message) || error), texts: [], cut: [], svg: "" };
  }
  const root = document.querySelector("#out svg");
  const frame = root.getBoundingClientRect();
  const texts = [], cut = [];
  for (const label of root.querySelectorAll("text, foreignObject")) {
    const text = label.textContent.replace(/\\s+/g, " ").trim();
    if (!text) continue;
    texts.push(text);
    const box = label.getBoundingClientRect();
    if (box.left < frame.left - 1 || box.right > frame.right + 1 ||
        box.top < frame.top - 1 || box.bottom > frame.bottom + 1) cut.push(text);
  }
  return { error: null, texts, cut, svg: root.outerHTML };
}"""


class MermaidUnavailableError(Exception):
    """A mermaid bundle could not be had (no npm, or the registry did not answer)."""


@dataclass(frozen=True)
class Chart:
    """One chart as one mermaid version drew it, or the error it raised instead."""

    version: str
    error: str | None
    texts: list[str]
    cut: list[str]
    svg: str


def fetch_mermaid(version: str, cache: Path) -> Path:
    """The path of mermaid `version`'s browser bundle, fetched into `cache` if not there yet."""
    target = cache / f"mermaid-{version}.min.js"
    if target.is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise MermaidUnavailableError(
            "npm not found: it fetches the mermaid bundles from the registry"
        )
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as folder:
        done = subprocess.run(
            [npm, "pack", f"mermaid@{version}", "--pack-destination", folder, "--silent"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            raise MermaidUnavailableError(
                f"npm pack mermaid@{version} failed: {done.stderr.strip()}"
            )
        with tarfile.open(Path(folder) / done.stdout.split()[-1]) as archive:
            bundle = archive.extractfile(_BUNDLE)
            if bundle is None:
                raise MermaidUnavailableError(f"mermaid@{version} has no {_BUNDLE}")
            partial = Path(folder) / "bundle.js"
            partial.write_bytes(bundle.read())
        partial.replace(target)  # whole or not at all, so a half-written bundle is never reused
    return target


def mermaid_blocks(markdown: str) -> list[str]:
    """The code of every ```mermaid block in `markdown`, in order."""
    return [
        token.content
        for token in MarkdownIt("commonmark").parse(markdown)
        if token.type == "fence" and token.info.split()[:1] == ["mermaid"]
    ]


def render_mermaid(
    browser: Browser, bundle: Path, codes: Sequence[str], *, width: int = 1012
) -> list[Chart]:
    """Draw each chart in `codes` with the mermaid `bundle`, `width` wide (GitHub's file box).
    One page loads the bundle once and draws the charts one after the other."""
    version = bundle.name.removeprefix("mermaid-").removesuffix(".min.js")
    charts = []
    with browser.open('<div id="out"></div>', size=(width, 900)) as page:
        page.add_script_tag(path=bundle)
        for number, code in enumerate(codes):
            found = page.evaluate(_RENDER, [code, f"chart{number}"])
            charts.append(
                Chart(version, found["error"], found["texts"], found["cut"], found["svg"])
            )
    return charts
