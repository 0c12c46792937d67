"""What a browser would submit for a rendered form fragment, read with `html.parser`.

The successful controls of the HTML forms spec, as far as the form fragment uses them: text and
hidden inputs and text areas always, checkboxes and radio buttons when checked, a select's
selected option (its first when none is), never a button unless pressed. Reading the HTML rather
than the form tree means the round-trip tests also check what the template wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Submitted(HTMLParser):
    """(name, value) pairs in document order, as `application/x-www-form-urlencoded` holds them."""

    pairs: list[tuple[str, str]] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    _textarea: tuple[str, list[str]] | None = None
    _select: tuple[str, list[tuple[str, bool]]] | None = None
    _option: list[str] | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        found = {name: value or "" for name, value in attrs}
        if tag == "input":
            kind = found.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in found:
                return
            self.pairs.append(
                (found["name"], found.get("value", "on" if kind == "checkbox" else ""))
            )
        elif tag == "textarea":
            self._textarea = (found["name"], [])
        elif tag == "select":
            self._select = (found["name"], [])
        elif tag == "option" and self._select is not None:
            self._select[1].append((found["value"], "selected" in found))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            text = "".join(parts)
            # The HTML parser drops one line break right after <textarea>; html.parser does not.
            self.pairs.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, options = self._select
            chosen = [value for value, selected in options if selected] or [options[0][0]]
            self.pairs.append((name, chosen[-1]))
            self._select = None


def submitted(html: str) -> Submitted:
    reader = Submitted()
    reader.feed(html)
    reader.close()
    return reader
