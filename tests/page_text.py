"""The sentences a reader meets on a page, to compare a page across languages.

Text is what a browser would show or voice: element text outside scripts and styles, and the
attributes a person reads (labels, titles, the survey's messages). Each text is cut into
sentences; a "sentence" of fewer than two words (a number, a name, a dash) says nothing about
the page's language and is left out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

READ_ATTRIBUTES = {
    "aria-label",
    "title",
    "alt",
    "placeholder",
    "data-twice",
    "data-skip",
    "data-saved",
}
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\s*\n\s*")
_WORD = re.compile(r"[^\W\d_]{2,}")
_IDENTIFIER = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)+")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skipping += 1
        self.parts.extend(value for name, value in attrs if name in READ_ATTRIBUTES and value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def texts(html: str) -> list[str]:
    """The page's texts, each with its spaces collapsed."""
    parser = _Text()
    parser.feed(html)
    return [" ".join(part.split()) for part in parser.parts if part.strip()]


def _words(piece: str) -> bool:
    """Two words or more, and not an identifier (`trust-not-improved`), which no language words."""
    return len(_WORD.findall(piece)) >= 2 and not _IDENTIFIER.fullmatch(piece)


def _within(piece: str, text: str) -> bool:
    """Whether the piece holds `text`, or is a part of it (a long title cut at its colon)."""
    return text in piece or piece.rstrip(".:;,") in text


def sentences(html: str, without: tuple[str, ...] = ()) -> set[str]:
    """The page's sentences of two words or more, once each; with `without`, sentences that
    hold any of those strings (the profile's own texts), or are part of one, are left out."""
    found = set()
    for text in texts(html):
        for part in _SENTENCE_END.split(text):
            piece = part.strip()
            if _words(piece) and not any(_within(piece, w) for w in without):
                found.add(piece)
    return found
