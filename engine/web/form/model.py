"""The questionnaire as data: a tree a renderer walks, with no markup and no web framework in it.

Kept apart from the HTML template so that the web app can render it another way (or test it)
without parsing HTML, and so that the tree, not the template, decides what a planner is asked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from engine.web.form.names import ADD, NONE, REMOVE, element_id

# How an answer is entered: `radio` and `select` hold one word of a vocabulary (with a blank
# "not answered yet" choice), `checkboxes` several words, the rest text as typed (`integer` and
# `number` are text inputs, so that a wrong value from a file is shown, not dropped by a browser).
INPUTS = ("radio", "select", "checkboxes", "text", "textarea", "integer", "number", "date")


@dataclass(frozen=True)
class Option:
    """One choice of a closed answer; `value` "" is the blank "not answered yet" choice."""

    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class FollowUp:
    """A follow-up question: when it applies, in words, and whether it does for these answers."""

    question: str
    wording: str  # "2.1 is yes"
    applies: bool


@dataclass(kw_only=True)
class Node:
    """What every part of the form has: its name, its label and the question it serves."""

    name: str
    label: str
    question: str | None = None  # the worksheet question id this answer serves
    source: str = ""  # the worksheet section, e.g. "C.1 §2 Environment: stakeholders"
    critical: bool = False
    leads: bool = False  # this is where the question is asked (its first field)
    follow_up: FollowUp | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return element_id(self.name)

    @property
    def hidden(self) -> bool:
        """A follow-up that does not apply: rendered, so that its answer is kept, but hidden
        (unless a message is about it: a planner must see what to fix)."""
        return self.follow_up is not None and not self.follow_up.applies and not self.errors

    @property
    def answered(self) -> bool:
        """Whether the planner has given this answer (a list answered "none" counts)."""
        return any(child.answered for child in self.parts())

    @property
    def troubled(self) -> bool:
        """Whether a message is about this part of the form or anything inside it."""
        return bool(self.errors) or any(child.troubled for child in self.parts())

    def parts(self) -> list[Node]:
        """The nodes directly inside this one (list entries, not the list's template)."""
        return []

    def filled(self) -> tuple[int, int]:
        """(answered, asked) among the answers directly inside, for a one-line summary."""
        shown = [child for child in self.parts() if not child.hidden]
        return sum(child.answered for child in shown), len(shown)


@dataclass(kw_only=True)
class Field(Node):
    """One input (or one group of radio buttons or checkboxes)."""

    input: str  # one of INPUTS
    value: str = ""  # the current answer as text ("" when blank); unused by choices
    options: tuple[Option, ...] = ()
    hint: str = ""  # how to write the answer, e.g. "a date, YYYY-MM-DD"
    none: bool | None = None  # checkboxes: whether "none of these" is ticked; None: no such box

    @property
    def none_name(self) -> str:
        return f"{self.name}.{NONE}"

    @property
    def answered(self) -> bool:
        chosen = any(option.checked and option.value for option in self.options)
        return bool(self.value.strip()) or chosen or bool(self.none)


@dataclass(kw_only=True)
class Group(Node):
    """A fieldset: a nested section, or fixed positions (a ranking, the two sides of a pair)."""

    children: list[AnyNode]
    positions: bool = False
    none: bool | None = None  # a ranking: whether "none" is ticked; None: no such box
    # One of a run of like sections (the budget's lines, the ten elements' practices): shown
    # folded to its summary line unless a message is about it, so that the run fits a phone.
    fold: bool = False

    @property
    def none_name(self) -> str:
        return f"{self.name}.{NONE}"

    @property
    def answered(self) -> bool:
        return bool(self.none) or super().answered

    def parts(self) -> list[Node]:
        return list(self.children)


@dataclass(kw_only=True)
class Entry(Node):
    """One entry of a list; `children` is a single field for a list of texts."""

    index: int
    children: list[AnyNode]
    texts: bool = False

    @property
    def remove_action(self) -> str:
        return f"{REMOVE}{self.name}"

    def parts(self) -> list[Node]:
        return list(self.children)

    @property
    def title(self) -> str:
        """What the entry is called in its own answers (a group's name, a rule's id), if yet."""
        named = (f.value for f in self.children if isinstance(f, Field) and f.input == "text")
        return next((value.strip() for value in named if value.strip()), "")

    @property
    def open(self) -> bool:
        """Shown open: a new or blank entry, or one a message is about; the others fold to one
        line (their summary), so that a long list stays a short page."""
        return self.troubled or not self.answered


@dataclass(kw_only=True)
class ListField(Node):
    """A list the planner adds entries to and removes them from.

    `template` is the entry to add next (index `len(entries)`, every answer blank), for an app
    that adds entries in the page; without JavaScript the add button asks the server instead.
    `none` is whether the list is answered "there are none" (an empty list, not a blank one).
    """

    entries: list[Entry]
    template: Entry
    item_label: str
    none: bool = False
    texts: bool = False

    @property
    def add_action(self) -> str:
        return f"{ADD}{self.name}"

    @property
    def none_name(self) -> str:
        return f"{self.name}.{NONE}"

    @property
    def answered(self) -> bool:
        return self.none or super().answered

    def parts(self) -> list[Node]:
        return list(self.entries)


@dataclass(kw_only=True)
class Column(Node):
    """A column of a per-element table: the question each row answers for its element."""


@dataclass(kw_only=True)
class Row:
    """One of the ten elements, with its answers in column order."""

    key: str
    title: str
    fields: list[Field]


@dataclass(kw_only=True)
class MappingField(Node):
    """The ten elements of trustworthy data stewardship, one row each."""

    columns: list[Column]
    rows: list[Row]

    def parts(self) -> list[Node]:
        return [cell for row in self.rows for cell in row.fields]


@dataclass(kw_only=True)
class Section(Node):
    """A top-level part of the profile, in worksheet order."""

    description: str
    children: list[AnyNode]

    def parts(self) -> list[Node]:
        return list(self.children)


AnyNode = Field | Group | ListField | MappingField


@dataclass
class Form:
    """The whole questionnaire; `errors` holds messages no field could be found for.

    `unrepresented` names the data the form has no input for (an unknown key, a list where a
    section belongs), and `kept` holds the same as locations (a key may hold a dot): a
    submission of this form would lose it, so an app must keep it unless the planner removes it.
    `answered_ids` and `skipped` are the worksheet questions answered, and the follow-ups that do
    not apply, as the assessment counts them (for each part's progress).
    """

    sections: list[Section]
    hidden: tuple[tuple[str, str], ...] = ()
    errors: list[str] = field(default_factory=list)
    unrepresented: list[str] = field(default_factory=list)
    kept: list[tuple[str | int, ...]] = field(default_factory=list)
    answered_ids: frozenset[str] = frozenset()
    skipped: frozenset[str] = frozenset()

    def nodes(self, templates: bool = False) -> Iterator[Node]:
        """Every node, parents first; with `templates`, each list's template instead of its
        entries (the form's outline: every question once)."""
        for section in self.sections:
            yield from walk(section, templates)


def walk(node: Node, templates: bool = False) -> Iterator[Node]:
    """`node` and every node inside it, parents first (with `templates`, as `Form.nodes`)."""
    yield node
    children: list[Node] = []
    if isinstance(node, (Section, Group, Entry)):
        children = list(node.children)
    elif isinstance(node, ListField):
        children = [node.template] if templates else list(node.entries)
    elif isinstance(node, MappingField):
        children = [*node.columns, *(f for row in node.rows for f in row.fields)]
    for child in children:
        yield from walk(child, templates)
