"""Post a form page the way a browser does: every control's current value (prefilled ones
included, locked or not), with the test's answers on top; or a JSON instance typed in."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from html.parser import HTMLParser
from typing import Any

from formsvc.render.values import choices, html_value
from formsvc.schemas import Node

__all__ = ["filled_in", "member", "page_values", "typed"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button"):
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a:
                    self.values[name] = a.get("value", "on")
            else:
                self.values[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += (
                data.lstrip("\n") if not self.values[self._textarea] else data
            )


def page_values(html: str) -> dict[str, str]:
    """Name → value of every successful control on the page, as a browser would post them."""
    parser = _Controls()
    parser.feed(html)
    return parser.values


def member(value: Any, name: str) -> Any:
    """A group's member, or a fixed-length array's position (children named "0", "1", …)."""
    if isinstance(value, Mapping):
        return value.get(name)
    if isinstance(value, list) and name.isdigit() and int(name) < len(value):
        return value[int(name)]
    return None


def typed(node: Node, value: Any) -> str | None:
    """What a person types or picks in one control for ``value``; None leaves it unticked.

    Browsers strip line breaks from single-line inputs and send a textarea's line breaks as
    CR LF (the HTML value sanitisation and form submission algorithms).
    """
    if node.kind == "boolean" and node.schema.get("x-widget") == "checkbox":
        return "y" if value else None
    if choices(node.schema) is not None or isinstance(value, bool):
        return html_value(value)
    if isinstance(value, int | float):
        return repr(value)
    if node.schema.get("format") == "date":
        day = date.fromisoformat(value)
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    if node.schema.get("x-widget") == "textarea":
        return _LINE_BREAK.sub("\r\n", value)
    return _LINE_BREAK.sub("", value)


def _fill(node: Node, value: Any, name: str, fields: dict[str, list[str]]) -> None:
    """Mirror of ``formsvc.render.builder._unbound``: one control per schema node."""
    if value is None:
        return
    plain_list = node.item is not None and not node.item.children
    if node.schema.get("x-widget") == "json" or (
        not node.children
        and node.kind in ("object", "array")
        and (node.item is None or (plain_list and node.item.kind in ("object", "array")))
    ):
        fields[name] = [json.dumps(value, ensure_ascii=False)]
    elif node.children:
        for child in node.children:
            _fill(child, member(value, child.name), f"{name}-{child.name}", fields)
    elif node.item is not None and plain_list and choices(node.item.schema) is not None:
        fields[name] = [html_value(v) for v in value]  # ticked boxes share one name
    elif node.item is not None:
        for index, entry in enumerate(value):  # rows past the first are "Thêm dòng" rows
            _fill(node.item, entry, f"{name}-{index}", fields)
    else:
        text = typed(node, value)
        if text is not None:
            fields[name] = [text]


def filled_in(root: Node, instance: Mapping[str, Any]) -> dict[str, list[str]]:
    """The fields a browser posts once ``instance`` is typed into the form's controls.

    Names are the ones the form page uses (``group-field``, ``rows-0-field``). A property
    the definition does not declare has no control on the page, so it is not posted.
    """
    fields: dict[str, list[str]] = {}
    for child in root.children:
        _fill(child, instance.get(child.name), child.name, fields)
    return fields
