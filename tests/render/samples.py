"""Answers for any form definition, and what a printed application must then show.

Catalogue forms come and go, so the PDF tests do not keep hand-written answers per form:
every field gets a short, distinct value with Vietnamese diacritics (choices take their
last option, booleans false so "else"-style branches are exercised too), and every
repeatable group two rows. The expectations are computed from the field tree
independently of the renderer's layout code.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from formsvc.render.values import choices, display
from formsvc.schemas import FormDocument, Node, load_definition

ROOT = Path(__file__).resolve().parents[2]
DEFINITIONS = sorted((ROOT / "form_definitions").glob("*.json")) + sorted(
    (Path(__file__).parent / "definitions").glob("*.json")
)
ROWS = 2
# Words that must survive shaping and text extraction: tones, hooks and horns.
_WORDS = ("Đặng Thị Hường", "Phường Bến Nghé", "Lưu Quỳnh Anh", "Thôn Ỷ Lan", "Ngữ văn")


def document_for(path: Path) -> FormDocument:
    form_id, document = load_definition(path)
    return FormDocument(form_id, document, 1)


class _Values:
    def __init__(self) -> None:
        self.counter = itertools.count(1)

    def of(self, node: Node) -> Any:
        if node.children:
            return {child.name: self.of(child) for child in node.children}
        if node.item is not None:
            if node.item.children:
                return [self.of(node.item) for _ in range(ROWS)]
            options = choices(node.item.schema) or []
            return [const for const, _ in options[:2]] or [self.scalar(node.item)]
        return self.scalar(node)

    def scalar(self, node: Node) -> Any:
        options = choices(node.schema)
        if options:
            return options[-1][0]
        number = next(self.counter)
        if node.kind == "boolean":
            return False
        if node.kind in ("integer", "number"):
            return int(node.schema.get("minimum", 0)) + number
        if node.schema.get("format") == "date":
            return f"19{50 + number % 50:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        if node.schema.get("format") == "personal-id":
            return f"0010{number:08d}"
        return f"{_WORDS[number % len(_WORDS)]} {number:03d}"


def sample_data(document: FormDocument) -> dict[str, Any]:
    data: dict[str, Any] = _Values().of(document.root)
    return data


def _child(value: Any, name: str) -> Any:
    if isinstance(value, dict):
        return value.get(name)
    if isinstance(value, list) and name.isdigit() and int(name) < len(value):
        return value[int(name)]  # a position of a fixed-length array
    return None


def _printed(schema: Any, value: Any) -> str:
    """Containers the definition does not describe field by field print as JSON."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return display(schema, value)


def _leaves(node: Node, value: Any) -> Iterator[str]:
    if node.children or (not node.path and node.kind == "object"):
        for child in node.children:
            yield from _leaves(child, _child(value, child.name))
        # Answers the definition does not name, and entries past a fixed array's positions.
        if isinstance(value, dict):
            known = {child.name for child in node.children}
            yield from (_printed({}, v) for k, v in value.items() if k not in known)
        if isinstance(value, list):
            yield from (_printed({}, v) for v in value[len(node.children) :])
    elif node.item is not None:
        for entry in value or []:
            yield from _leaves(node.item, entry)
    elif value is not None:
        yield _printed(node.schema, value)


def printed_values(document: FormDocument, data: dict[str, Any]) -> list[str]:
    """Every answer as a person reads it (labels for codes, dd/mm/yyyy)."""
    return [text for text in _leaves(document.root, data) if text]


def _descendants(node: Node) -> Iterator[Node]:
    """Fields and groups below ``node``; an array's item is not printed, its fields are."""
    for child in node.children:
        yield child
        yield from _descendants(child)
    if node.item is not None:
        yield from _descendants(node.item)


def printed_labels(document: FormDocument) -> list[str]:
    """Every field and group label, except fields printed in the frame instead of as items."""
    options = document.meta.get("pdf", {})
    framed = {options.get(key) for key in ("addressee_field", "place_field", "copies_field")}
    parties = {(party["field"],) for party in options.get("columns", {}).get("parties", ())}
    return [
        node.title
        for node in _descendants(document.root)
        if node.path[0] not in framed and node.path not in parties
    ]
