"""The element tree of an HTML report, and what in it our template could not have written.

The report is parsed with the standard library's `html.parser`, the way a browser tokenises it:
an unescaped `<` or quote in profile or rule text would show up here as an element or an
attribute the template never emits. Shared by the golden, escaping and rule-set tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib.resources import files

# Every element and attribute report.html.j2 emits; anything else came from text.
TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "section", "article",
    "h1", "h2", "h3", "p", "span", "strong", "em", "code", "cite", "a", "ol", "ul", "li",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "details",
    "summary", "div", "figure", "figcaption", "svg", "symbol", "use", "circle", "rect", "path",
    "line", "text",
}  # fmt: skip
ATTRIBUTES = {
    "lang", "charset", "name", "content", "class", "id", "href", "scope", "role", "aria-hidden",
    "aria-labelledby", "focusable", "viewbox", "width", "height", "style", "x", "y", "cx", "cy",
    "r", "d", "fill", "stroke", "stroke-width", "x1", "y1", "x2", "y2", "text-anchor",
}  # fmt: skip
SPRITE_STYLE = "position:absolute"
SAFE_ID = re.compile(r"[a-z0-9-]+")
SAFE_CLASS = re.compile(r"[a-z0-9 -]+")
CSS = (files("engine.render") / "templates" / "report.css").read_text(encoding="utf-8")


@dataclass
class Tree(HTMLParser):
    """Start tags with their attributes, the text of each element kind, and anything odd."""

    elements: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    texts: dict[str, list[str]] = field(default_factory=dict)
    odd: list[str] = field(default_factory=list)
    _open: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag not in ("meta", "col", "use", "circle", "rect", "path", "line"):
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for tag in set(self._open) | {"*"}:  # an element's text includes its descendants'
            self.texts.setdefault(tag, []).append(data)

    def handle_comment(self, data: str) -> None:
        self.odd.append(f"comment {data[:40]!r}")

    def handle_decl(self, decl: str) -> None:
        if decl != "DOCTYPE html":
            self.odd.append(f"declaration {decl[:40]!r}")

    def handle_pi(self, data: str) -> None:
        self.odd.append(f"processing instruction {data[:40]!r}")

    def unknown_decl(self, data: str) -> None:
        self.odd.append(f"declaration {data[:40]!r}")

    def text(self, tag: str = "*") -> str:
        """The text of every `tag` element, descendants included, run together."""
        return "".join(self.texts.get(tag, []))

    def of(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]


def parse(text: str) -> Tree:
    tree = Tree()
    tree.feed(text)
    tree.close()
    return tree


def problems(text: str, links: set[str]) -> list[str]:
    """Whatever the template could not have written: other elements or attributes, event
    handlers, styles or scripts, ids and classes outside our alphabet, links to anywhere but
    `links` and the page's own ids."""
    tree = parse(text)
    found = list(tree.odd)
    ids = [str(a.get("id")) for _, a in tree.elements if "id" in a]
    found += [f"duplicate id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for tag, attrs in tree.elements:
        found += [f"<{tag}>"] if tag not in TAGS else []
        found += [f"<{tag} {name}>" for name in attrs if name not in ATTRIBUTES]
        found += _values(tag, attrs, set(ids), links)
    styles = tree.of("style")
    if len(styles) != 1 or tree.text("style").strip() != CSS.strip():
        found.append("the stylesheet is not exactly ours")
    return found


def _values(tag: str, attrs: dict[str, str | None], ids: set[str], links: set[str]) -> list[str]:
    found = []
    for name, given in attrs.items():
        value = given or ""
        if name == "id" and not SAFE_ID.fullmatch(value):
            found.append(f"id {value!r}")
        elif name == "class" and not SAFE_CLASS.fullmatch(value):
            found.append(f"class {value!r}")
        elif name == "style" and not (tag == "svg" and value == SPRITE_STYLE):
            found.append(f"style {value!r}")
        elif name == "href" and value.removeprefix("#") not in ids and value not in links:
            found.append(f"link to {value!r}")
    return found
