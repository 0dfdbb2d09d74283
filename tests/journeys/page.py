"""A form page read the way a browser and a person read it: its controls, and whether a
refusal is one a person can act on (GOV.UK's error summary pattern).

A small element tree from ``html.parser`` is enough: the service's own templates are the
only input, and the checks need ancestry (which form group holds a message), not CSS.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict

__all__ = ["Control", "Element", "Page", "parse"]

_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    @property
    def id(self) -> str | None:
        return self.attrs.get("id")

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def inside(self, other: Element) -> bool:
        return self is other or any(a is other for a in self.ancestors())

    def all_text(self) -> str:
        return " ".join(" ".join(e.text) for e in self.walk()).strip()


@dataclass(frozen=True)
class Control:
    """One named form control as it stands on the page."""

    name: str
    kind: str  # text, textarea, radio, checkbox, select, hidden
    value: str  # a radio's or checkbox's own value; a select's selected option
    checked: bool = False
    locked: bool = False  # readonly or disabled: the person cannot change it
    disabled: bool = False  # not posted by a browser
    options: tuple[str, ...] = ()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self._open = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self._open)
        self._open.children.append(element)
        if tag not in _VOID:
            self._open = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v if v is not None else "" for k, v in attrs}, self._open)
        self._open.children.append(element)

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self._open
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self._open = node.parent

    def handle_data(self, data: str) -> None:
        self._open.text.append(data)


class Page:
    """A parsed page: elements by id, the form's controls, and refusal checks."""

    def __init__(self, html: str) -> None:
        builder = _TreeBuilder()
        builder.feed(html)
        builder.close()
        self.html = html
        self.root = builder.root
        self.elements = list(self.root.walk())
        self.by_id: dict[str, Element] = {}
        for element in self.elements:
            if element.id is not None:
                self.by_id.setdefault(element.id, element)

    # --- the form's controls ------------------------------------------------------------

    def controls(self) -> list[Control]:
        found: list[Control] = []
        for element in self.elements:
            name = element.attrs.get("name")
            if not name or element.tag not in ("input", "select", "textarea"):
                continue
            locked = "readonly" in element.attrs or "disabled" in element.attrs
            disabled = "disabled" in element.attrs
            kind = element.attrs.get("type", "text") if element.tag == "input" else element.tag
            if kind in ("submit", "button", "image", "reset"):
                continue
            if element.tag == "select":
                options = [o for o in element.walk() if o.tag == "option"]
                chosen = next((o for o in options if "selected" in o.attrs), None)
                value = chosen.attrs.get("value", "") if chosen else ""
                values = tuple(o.attrs.get("value", "") for o in options)
                found.append(Control(name, "select", value, False, locked, disabled, values))
            elif element.tag == "textarea":
                text = "".join(element.text)
                # HTML drops one line break right after <textarea>; WTForms writes CR LF.
                text = text.removeprefix("\r\n") if text.startswith("\r\n") else text
                found.append(Control(name, "textarea", text.removeprefix("\n"), False, locked,
                                     disabled))  # fmt: skip
            elif kind in ("radio", "checkbox"):
                value = element.attrs.get("value", "on")
                checked = "checked" in element.attrs
                found.append(Control(name, kind, value, checked, locked, disabled))
            else:
                value = element.attrs.get("value", "")
                found.append(Control(name, kind, value, False, locked, disabled))
        return found

    def posted(self) -> MultiDict[str, str]:
        """What a browser sends when the person presses a button without typing anything:
        every enabled control's current value (HTML's successful controls)."""
        data: MultiDict[str, str] = MultiDict()
        for control in self.controls():
            if control.disabled:
                continue
            if control.kind in ("radio", "checkbox") and not control.checked:
                continue
            data.add(control.name, control.value)
        return data

    def shown(self) -> dict[str, str]:
        """Name → the value a person sees (checked choices, disabled ones too)."""
        values: dict[str, str] = {}
        for control in self.controls():
            if control.kind in ("radio", "checkbox"):
                if control.checked:
                    values[control.name] = control.value
            else:
                values.setdefault(control.name, control.value)
        return values

    def buttons(self, prefix: str) -> list[str]:
        """The ``_action`` values of the page's buttons that start with ``prefix``."""
        return [
            e.attrs.get("value", "")
            for e in self.elements
            if e.tag == "button"
            and e.attrs.get("name") == "_action"
            and e.attrs.get("value", "").startswith(prefix)
        ]

    # --- refusals ---------------------------------------------------------------------

    def summary_targets(self) -> list[str]:
        summary = next((e for e in self.elements if "error-summary" in e.classes), None)
        if summary is None:
            return []
        return [
            e.attrs.get("href", "")[1:]
            for e in summary.walk()
            if e.tag == "a" and e.attrs.get("href", "").startswith("#")
        ]

    def has_summary(self) -> bool:
        return any("error-summary" in e.classes for e in self.elements)

    def container(self, field_id: str) -> Element | None:
        """Where a field's message belongs: a fieldset (a group, a choice list) holds its
        own; a single control's is in its form group."""
        target = self.by_id.get(field_id)
        if target is None:
            return None
        if target.tag == "fieldset":
            return target
        return next((a for a in target.ancestors() if "form-group" in a.classes), None)

    def message_on(self, field_id: str) -> bool:
        """The field shows an error message of its own, inside its form group or fieldset."""
        message = self.by_id.get(f"{field_id}-error")
        box = self.container(field_id)
        return (
            message is not None
            and box is not None
            and message.inside(box)
            and "error-message" in message.classes
            and bool(message.all_text())
        )

    def refusal_problems(self) -> list[str]:
        """Why this page fails a person who made a mistake; empty when it serves them."""
        problems: list[str] = []
        duplicated = sorted(i for i, n in Counter(e.id for e in self.elements if e.id).items()
                            if n > 1)  # fmt: skip
        if duplicated:
            problems.append(f"ids used more than once: {duplicated}")
        targets = self.summary_targets()
        if not self.has_summary():
            problems.append("no error summary")
        elif not targets:
            problems.append("the error summary links to nothing")
        for target in targets:
            if target not in self.by_id:
                problems.append(f"summary link #{target} points to no element")
            elif not self.message_on(target):
                problems.append(f"summary link #{target}: no message on that field")
        shown = {
            e.id.removesuffix("-error")
            for e in self.elements
            if "error-message" in e.classes and e.id and e.id.endswith("-error")
        }
        if shown - set(targets):
            problems.append(f"messages missing from the summary: {sorted(shown - set(targets))}")
        title = next((e.all_text() for e in self.elements if e.tag == "title"), "")
        if not title.startswith("Lỗi"):
            problems.append(f"title does not start with “Lỗi”: {title!r}")
        return problems

    def error_near(self, field_id: str) -> bool:
        """The refusal names this field, or (for a group) one of the fields inside it."""
        targets = self.summary_targets()
        return any(
            (t == field_id or t.startswith(f"{field_id}-")) and self.message_on(t) for t in targets
        )


def parse(html: str) -> Page:
    return Page(html)
