"""The body of a printed application: the field tree as numbered items, groups and tables.

One model serves the three kinds of PDF, so a blank form, a fillable one and a filled one
always show the same items under the same numbers; only what goes into the blanks differs.
Filled forms print the conditional fields whose branch applies to the data; blank and
fillable ones print every branch with its "only if …" hint, as paper forms do.

Input names of fillable PDFs are the field paths joined by ``-``, with the 0-based row
index for repeatable groups (``household_head_name``, ``members-0-full_name``): the names
the web form posts, and free of the ``.`` that PDF reserves for field hierarchies.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, ClassVar

from formsvc.prefill import Origins
from formsvc.render.values import choices, display
from formsvc.schemas import FormDocument, Node, relevant

__all__ = [
    "APART",
    "DEFAULT_BLANK_ROWS",
    "ROOT_NAME",
    "Block",
    "Choice",
    "Group",
    "Item",
    "Layout",
    "Parties",
    "PartyRow",
    "PdfKind",
    "Table",
    "field_name",
    "items",
    "lookup",
]

DEFAULT_BLANK_ROWS = 4
# ``x-form.pdf`` options naming fields that paper prints outside the numbered items: the
# addressee after "Kính gửi:", the place on the date line, the number of copies.
APART = ("addressee_field", "place_field", "copies_field")
# The input name of a form whose root is not an object (its answer is one value or a list).
ROOT_NAME = "value"
# Long free text gets several ruled lines to write on.
_LONG_TEXT = 500
_LONG_TEXT_LINES = 3
_BOOLEAN = (("true", "Có", True), ("false", "Không", False))
# More options than this make a drop-down list on fillable forms rather than radio buttons
# (a radio group must not straddle pages, where it would become two fields of one name).
_RADIO_LIMIT = 6

Path = tuple[str, ...]
_NO_NODE = Node("", (), {}, False)


class PdfKind(StrEnum):
    FILLED = "filled"
    BLANK = "blank"
    FILLABLE = "fillable"


@dataclass(frozen=True)
class Choice:
    label: str
    value: str
    checked: bool


@dataclass(frozen=True)
class Item:
    """A field to print: its answer (``text``) or, when empty, a ruled blank.

    ``name`` is the field's input name on the web form and on fillable PDFs (its id on the
    form page); ``verified``, ``prefilled`` and ``dispute`` are the marks of
    :class:`~formsvc.prefill.provenance.Origins`.
    """

    kind: ClassVar[str] = "item"
    number: str
    label: str
    name: str
    text: str = ""
    verified: bool = False
    prefilled: bool = False
    dispute: str = ""
    hint: str = ""
    choices: tuple[Choice, ...] = ()
    multiple: bool = False
    lines: int = 1
    max_length: int | None = None

    @property
    def dropdown(self) -> bool:
        return not self.multiple and len(self.choices) > _RADIO_LIMIT


@dataclass(frozen=True)
class Group:
    kind: ClassVar[str] = "group"
    number: str
    label: str
    hint: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Table:
    """A repeatable group: one column per item field, one row per entry."""

    kind: ClassVar[str] = "table"
    number: str
    label: str
    hint: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Item, ...], ...]
    name: str = ""


@dataclass(frozen=True)
class PartyRow:
    label: str
    cells: tuple[Item | None, ...]
    depth: int
    is_group: bool


@dataclass(frozen=True)
class Parties:
    """Two or more people side by side ("Thông tin | Bên nữ | Bên nam"), one row per field."""

    kind: ClassVar[str] = "parties"
    title: str
    headings: tuple[str, ...]
    rows: tuple[PartyRow, ...]


Block = Item | Group | Table | Parties


def lookup(data: Any, path: Sequence[str]) -> Any:
    """The answer at ``path``; digits index the positions of a fixed-length array."""
    value = data
    for part in path:
        if isinstance(value, Mapping):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def field_name(path: Sequence[str]) -> str:
    return "-".join(path)


def items(blocks: Sequence[Block]) -> Iterator[Item]:
    """Every printed field, table cells and party cells included."""
    for block in blocks:
        if isinstance(block, Item):
            yield block
        elif isinstance(block, Group):
            yield from items(block.blocks)
        elif isinstance(block, Table):
            yield from (cell for row in block.rows for cell in row)
        else:
            yield from (cell for row in block.rows for cell in row.cells if cell is not None)


def _answered(value: Any) -> bool:
    return value not in (None, "", [], {})


class Layout:
    """Blocks for one form and one set of answers (none for a blank form).

    ``columns=False`` leaves parties as ordinary groups: side by side suits paper, while a
    page (the answers a citizen checks) keeps every field on its own line.
    """

    def __init__(
        self,
        document: FormDocument,
        data: Any,
        origins: Origins,
        kind: PdfKind,
        *,
        columns: bool = True,
    ) -> None:
        self.nodes = document.nodes()
        self.title = document.title
        self.language = document.language  # yes and no in it; labels are the document's
        self.data = data
        self.origins = origins
        self.kind = kind
        layout: Mapping[str, Any] = document.meta.get("pdf", {})
        self.blank_rows = int(layout.get("blank_rows", DEFAULT_BLANK_ROWS))
        self.columns: Mapping[str, Any] = (layout.get("columns") or {}) if columns else {}
        self.apart = {key: str(layout[key]) for key in APART if isinstance(layout.get(key), str)}
        # Parties the definition really has; a misnamed one is printed as ordinary items.
        self.party_titles = {
            str(party["field"]): str(party["title"])
            for party in self.columns.get("parties", ())
            if self.nodes.get((str(party["field"]),), _NO_NODE).children
        }
        self.parties = list(self.party_titles)

    def body(self, skip: frozenset[str] = frozenset()) -> tuple[Block, ...]:
        """The numbered blocks in definition order, leaving out ``skip`` (printed elsewhere)."""
        return tuple(self.root(skip))

    def field(self, name: str) -> Item | None:
        """A top-level field printed outside the numbered items (addressee, place, copies)."""
        node = self.nodes.get((name,))
        return None if node is None else self.item(node, "", self.data, 0, (name,))

    def root(self, skip: frozenset[str]) -> Iterator[Block]:
        root = self.nodes[()]
        if root.kind != "object":  # the answer is one value or one list: a single item
            yield self.block(
                replace(root, schema={**root.schema, "title": self.title}),
                "1.",
                self.data,
                0,
                (ROOT_NAME,),
            )
            return
        index = 0
        for child in root.children:
            if child.name in skip:
                continue
            if child.name in self.parties:
                if child.name == self.parties[0]:
                    yield self.side_by_side()
                continue
            if self.shown(child, self.data, 0):
                index += 1
                yield self.block(child, f"{index}.", self.data, 0, child.path)
        yield from self.extras(root, "", index + 1, self.data, 0, ())

    def blocks(
        self, node: Node, prefix: str, source: Any, offset: int, name: Path
    ) -> Iterator[Block]:
        shown = [child for child in node.children if self.shown(child, source, offset)]
        for index, child in enumerate(shown, start=1):
            yield self.block(child, f"{prefix}{index}.", source, offset, (*name, child.name))
        yield from self.extras(node, prefix, len(shown) + 1, source, offset, name)

    def extras(
        self, node: Node, prefix: str, start: int, source: Any, offset: int, name: Path
    ) -> Iterator[Item]:
        """Answers the definition does not name (``additionalProperties``, entries past a
        fixed-length array's positions): printed rather than silently dropped."""
        value = lookup(source, node.path[offset:])
        if self.kind is not PdfKind.FILLED:
            return
        if isinstance(value, Mapping):
            known = {child.name for child in node.children}
            unnamed = [(str(key), str(key), v) for key, v in value.items() if key not in known]
        elif isinstance(value, list):
            positions = range(len(node.children), len(value))
            unnamed = [(str(i), f"{node.title} ({i + 1})", value[i]) for i in positions]
        else:
            return
        answered = [entry for entry in unnamed if _answered(entry[2])]
        for index, (key, label, answer) in enumerate(answered, start=start):
            yield Item(
                f"{prefix}{index}.",
                label,
                field_name((*name, key)),
                _text({}, answer, self.language),
            )

    def block(self, node: Node, number: str, source: Any, offset: int, name: Path) -> Block:
        if node.children:
            blocks = tuple(self.blocks(node, number, source, offset, name))
            return Group(number, node.title, self.hint(node), blocks)
        if node.item is not None and node.item.children:
            return self.table(node, number, name)
        return self.item(node, number, source, offset, name)

    def item(self, node: Node, number: str, source: Any, offset: int, name: Path) -> Item:
        value = lookup(source, node.path[offset:])
        max_length = node.schema.get("maxLength")
        long_text = node.schema.get("x-widget") == "textarea" or (max_length or 0) >= _LONG_TEXT
        text, options = _answer(node, value, self.language)
        answered = _answered(value)
        return Item(
            number=number,
            label=node.title,
            name=field_name(name),
            text=text,
            verified=answered and _covered(node.path, self.origins.verified),
            prefilled=answered and _covered(node.path, self.origins.prefilled),
            dispute=self.origins.disputes.get(node.path, ""),
            hint=self.hint(node),
            choices=options,
            multiple=node.item is not None,
            lines=_LONG_TEXT_LINES if long_text else 1,
            max_length=max_length if isinstance(max_length, int) else None,
        )

    def table(self, node: Node, number: str, name: Path) -> Table:
        assert node.item is not None
        columns = list(node.item.fields())
        offset = len(node.path)
        entries = lookup(self.data, node.path)
        rows: list[Any] = list(entries) if isinstance(entries, list) else []
        wanted = 1 if self.kind is PdfKind.FILLED else self.blank_rows  # rows to write on
        rows += [{}] * max(wanted - len(rows), 0)
        # Keys the item does not define (additionalProperties) get columns of their own.
        known = {child.name for child in node.item.children}
        unnamed = list(
            dict.fromkeys(
                key
                for row in rows
                if isinstance(row, Mapping)
                for key, value in row.items()
                if key not in known and _answered(value)
            )
        )
        return Table(
            number,
            node.title,
            self.hint(node),
            (*(column.title for column in columns), *unnamed),
            tuple(
                (
                    *(
                        self.item(
                            column, "", row, offset, (*name, str(index), *column.path[offset:])
                        )
                        for column in columns
                    ),
                    *(
                        Item(
                            "",
                            key,
                            field_name((*name, str(index), key)),
                            _text({}, lookup(row, (key,)), self.language),
                        )
                        for key in unnamed
                    ),
                )
                for index, row in enumerate(rows)
            ),
            field_name(name),
        )

    def side_by_side(self) -> Parties:
        parties = [self.nodes[(name,)] for name in self.parties]
        return Parties(
            str(self.columns.get("title", "")),
            tuple(self.party_titles.values()),
            tuple(self.party_rows(parties[0], parties, depth=0)),
        )

    def party_rows(self, template: Node, parties: list[Node], depth: int) -> Iterator[PartyRow]:
        """Rows follow the first party's fields; each party fills its cell of the same field."""
        for child in template.children:
            relative = child.path[1:]
            twins = [self.nodes.get((party.name, *relative)) for party in parties]
            if not any(twin and self.shown(twin, self.data, 0) for twin in twins):
                continue
            if child.children:
                yield PartyRow(child.title, (), depth, True)
                yield from self.party_rows(child, parties, depth + 1)
                continue
            cells = tuple(
                self.item(twin, "", self.data, 0, twin.path) if twin else None for twin in twins
            )
            yield PartyRow(child.title, cells, depth, False)

    def shown(self, node: Node, source: Any, offset: int) -> bool:
        """Filled forms leave out conditional fields whose branch does not apply."""
        if self.kind is not PdfKind.FILLED:
            return True
        return relevant(node, lookup(source, node.path[offset:-1]))

    def hint(self, node: Node) -> str:
        condition = node.condition
        if condition is None or self.kind is PdfKind.FILLED:
            return ""
        if condition.label:
            return condition.label
        trigger = self.nodes.get(condition.field) if condition.field else None
        if trigger is None:
            return "Chỉ khai nếu thuộc trường hợp này"
        if condition.kind == "dependent":
            return f"Chỉ khai nếu có khai mục “{trigger.title}”"
        wording = " hoặc ".join(display(trigger.schema, value) for value in condition.values)
        verb = "là" if condition.kind == "if" else "không phải là"
        return f"Chỉ khai nếu “{trigger.title}” {verb} {wording}"


def _text(schema: Mapping[str, Any], value: Any, language: str) -> str:
    """An answer as printed; what the form does not describe field by field prints as JSON."""
    if isinstance(value, Mapping | list):
        return json.dumps(value, ensure_ascii=False)
    return display(schema, value, language)


def _answer(node: Node, value: Any, language: str) -> tuple[str, tuple[Choice, ...]]:
    """The printed answer and, for choices, every option with the chosen ones ticked."""
    if node.item is not None:  # a list of plain values, e.g. ticked choices
        values = value if isinstance(value, list) else []
        text = ", ".join(_text(node.item.schema, v, language) for v in values)
        options = choices(node.item.schema) or []
        return text, tuple(Choice(label, str(const), const in values) for const, label in options)
    if node.kind == "boolean":
        return _text(node.schema, value, language), tuple(
            Choice(label, key, value is flag) for key, label, flag in _BOOLEAN
        )
    options = choices(node.schema) or []
    return _text(node.schema, value, language), tuple(
        Choice(label, str(const), const == value) for const, label in options
    )


def _covered(path: Path, marked: frozenset[Path]) -> bool:
    """Marked itself, or inside a marked group or list (a prefilled household table)."""
    return any(path[:end] in marked for end in range(1, len(path) + 1))
