"""Headless Chromium for tests that look at a report as a reader meets it: on screen and printed.

Playwright drives Debian's own `chromium` (never a downloaded browser build): one browser per test
session, a fresh context per look, so tests stay fast and independent. A source is either HTML
text or the path of an HTML file. Network requests are refused (and can be listed), because a
report must be self-contained and a fetch would only hang here.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import pypdf
from playwright.sync_api import Browser as PlaywrightBrowser
from playwright.sync_api import Page, PdfMargins, Route, sync_playwright

Source = str | Path
Media = Literal["screen", "print"]

CHROMIUM_ENV = "READINESS_CHROMIUM"  # the browser to use, when it is not `chromium` on PATH
SCREEN = (1200, 900)  # the first screen a reader sees (issue 14)
# Chrome's print dialog leaves 0.4in margins when a page sets none; the page's @page margins win.
PRINT_MARGIN = "0.4in"
# The width a printed US Letter page lays out at with those margins: (8.5in - 2 * 0.4in) * 96px.
PRINT_WIDTH_PX = 739

_OVERFLOWING_TABLES = """() => {
  const clipped = (table) => {
    const box = table.getBoundingClientRect();
    if (box.left < -0.5 || box.right > document.documentElement.clientWidth + 0.5) return true;
    if (box.width > table.parentElement.getBoundingClientRect().width + 0.5) return true;
    for (let up = table; up; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible" && up.scrollWidth > up.clientWidth + 1) {
        return true;
      }
    }
    return false;
  };
  return [...document.querySelectorAll("table")].filter(clipped).map((table) => {
    const head = table.querySelector("tr");
    return (head ? head.innerText : table.innerText).replace(/\\s+/g, " ").trim().slice(0, 80);
  });
}"""

# WCAG 2.2 A and AA, as axe-core tags them: every page a person sees must pass all of them.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PHONE = (390, 844)  # the narrow screen no page may scroll sideways on
_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => `${v.id}: ${v.nodes.length} ${v.help}`);
}"""
_SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def axe_source() -> str:
    """axe-core as the axe-playwright-python package ships it (never fetched)."""
    import axe_playwright_python  # noqa: PLC0415 - only the accessibility tests need it

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now: `id: nodes help` each.

    Run through the DevTools protocol (`evaluate`), which a page's content security policy does
    not govern, so a page that allows only its own script is checked as it is."""
    page.evaluate(axe_source())
    found: list[str] = page.evaluate(_AXE_RUN, AXE_TAGS)
    return found


def sideways(page: Page) -> int:
    """How many pixels the page scrolls sideways (0: none)."""
    extra: int = page.evaluate(_SIDEWAYS)
    return extra


def height(page: Page) -> int:
    """How tall the whole page is, in CSS pixels (a phone screen is `PHONE[1]`)."""
    tall: int = page.evaluate("() => document.documentElement.scrollHeight")
    return tall


# Text a reader can see above `fold`: every text node with a rendered line box starting above it.
_TEXT_ABOVE = """(fold) => {
  const seen = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const element = node.parentElement;
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const folded = element.closest("details:not([open])");  // shows its own <summary> only
    if (folded && element.closest("summary")?.parentElement !== folded) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const boxes = [...range.getClientRects()].filter((box) => box.width > 0 && box.height > 0);
    if (boxes.some((box) => box.top < fold)) seen.push(node.textContent.trim());
  }
  return seen;
}"""


def find_chromium() -> str | None:
    """The Chromium to drive: $READINESS_CHROMIUM, else `chromium` (Debian's name) on PATH."""
    wanted = os.environ.get(CHROMIUM_ENV)
    if wanted:
        return shutil.which(wanted)
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass(frozen=True)
class Printed:
    """A document printed to PDF: its bytes and the text of each page."""

    data: bytes
    pages: list[str]

    @property
    def page_count(self) -> int:
        return len(self.pages)


class Browser:
    """One running Chromium; every method opens its own page and closes it again."""

    def __init__(self, browser: PlaywrightBrowser) -> None:
        self._browser = browser

    @contextmanager
    def open(
        self,
        source: Source,
        *,
        size: tuple[int, int] = SCREEN,
        media: Media = "screen",
        refused: list[str] | None = None,
        scripts: bool = True,
    ) -> Iterator[Page]:
        """A page showing `source` at `size`; URLs of refused network requests go to `refused`;
        with `scripts` False, as a browser that runs no JavaScript shows it."""
        context = self._browser.new_context(
            viewport={"width": size[0], "height": size[1]}, java_script_enabled=scripts
        )

        def refuse(route: Route) -> None:
            if refused is not None:
                refused.append(route.request.url)
            route.abort()

        try:
            context.route(re.compile(r"^(https?|wss?)://"), refuse)
            page = context.new_page()
            page.emulate_media(media=media)
            if isinstance(source, Path):
                page.goto(source.resolve().as_uri())
            else:
                page.set_content(source)
            yield page
        finally:
            context.close()

    @contextmanager
    def visit(self, url: str, *, size: tuple[int, int] = SCREEN) -> Iterator[Page]:
        """A page at `url` on a local server: requests to its origin go through, all others are
        refused, as for reports (the workspace must load nothing from elsewhere either)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}/"
        context = self._browser.new_context(viewport={"width": size[0], "height": size[1]})

        def only_local(route: Route) -> None:
            if route.request.url.startswith(origin):
                route.continue_()
            else:
                route.abort()

        try:
            context.route(re.compile(r"^(https?|wss?)://"), only_local)
            page = context.new_page()
            page.goto(url)
            yield page
        finally:
            context.close()

    def evaluate(
        self,
        source: Source,
        script: str,
        arg: Any = None,
        *,
        size: tuple[int, int] = SCREEN,
        media: Media = "screen",
    ) -> Any:
        """The value of a JavaScript function `script` called with `arg` in the loaded page."""
        with self.open(source, size=size, media=media) as page:
            return page.evaluate(script, arg)

    def print_pdf(self, source: Source) -> Printed:
        """Print to US Letter as Chrome's print dialog does (print CSS, @page rules honoured)."""
        with self.open(source, media="print") as page:
            margin: PdfMargins = {
                "top": PRINT_MARGIN,
                "right": PRINT_MARGIN,
                "bottom": PRINT_MARGIN,
                "left": PRINT_MARGIN,
            }
            data = page.pdf(
                format="Letter", margin=margin, prefer_css_page_size=True, print_background=True
            )
        reader = pypdf.PdfReader(io.BytesIO(data))
        return Printed(data, [page.extract_text() for page in reader.pages])

    def screenshot(
        self, source: Source, path: Path | None = None, *, size: tuple[int, int] = SCREEN
    ) -> bytes:
        """A PNG of the first screen (the viewport, not the full page); also written to `path`."""
        with self.open(source, size=size) as page:
            return page.screenshot(path=path)

    def overflowing_tables(self, source: Source, *, width: int = PRINT_WIDTH_PX) -> list[str]:
        """The first row of every table that is clipped or wider than its container when printed."""
        found: list[str] = self.evaluate(
            source, _OVERFLOWING_TABLES, size=(width, 1000), media="print"
        )
        return found

    def text_above_fold(self, source: Source, *, size: tuple[int, int] = SCREEN) -> list[str]:
        """The text nodes a reader sees on the first screen, in document order."""
        found: list[str] = self.evaluate(source, _TEXT_ABOVE, size[1], size=size)
        return found

    def first_screen_text(self, source: Source, *, size: tuple[int, int] = SCREEN) -> str:
        """The first screen's text as one string, whitespace collapsed."""
        return " ".join(" ".join(self.text_above_fold(source, size=size)).split())

    def accessibility(self, source: Source, *, size: tuple[int, int] = SCREEN) -> list[str]:
        """axe-core's WCAG 2.2 A/AA violations, and any sideways scroll, at `size`."""
        with self.open(source, size=size) as page:
            scroll = sideways(page)
            return [*violations(page), *([f"scrolls sideways by {scroll} px"] if scroll else [])]

    def refused_requests(self, source: Source) -> list[str]:
        """Every network request the page tried while loading (a report should make none)."""
        refused: list[str] = []
        with self.open(source, refused=refused) as page:
            page.wait_for_load_state("networkidle")
        return refused


@contextmanager
def launch(executable: str) -> Iterator[Browser]:
    """Start `executable` headless, with --no-sandbox (Playwright adds it): root in a container."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=["--disable-dev-shm-usage"], chromium_sandbox=False
        )
        try:
            yield Browser(chromium)
        finally:
            chromium.close()
