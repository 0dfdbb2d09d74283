"""What changed between two versions of a form, in words staff understand.

Localities are told when a ministry updates a form; "Trường 'Email' chuyển thành bắt buộc"
tells them what to do, a JSON diff does not. Fields are compared by path on the resolved
field tree (so a change inside a standard component shows too), metadata by key.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from formsvc.schemas.document import FormDocument, Node

__all__ = ["Change", "diff_documents"]

_CONSTRAINTS = ("minLength", "maxLength", "minimum", "maximum", "pattern", "format")
_META = {
    "code": ("mã biểu mẫu", "form code"),
    "agency": ("cơ quan tiếp nhận", "receiving agency"),
    "procedure": ("thủ tục", "procedure"),
    "legal_basis": ("căn cứ pháp lý", "legal basis"),
    "processing_time": ("thời hạn giải quyết", "processing time"),
}


@dataclass(frozen=True)
class Change:
    """One change: ``kind`` for code and tests, ``text``/``text_en`` for people."""

    kind: str
    path: tuple[str, ...]
    text: str
    text_en: str


def _label(node: Node) -> str:
    return node.title


def _choices(node: Node) -> tuple[Any, ...]:
    schema = node.schema
    options = schema.get("oneOf") or schema.get("anyOf") or ()
    labelled = tuple((o.get("const"), o.get("title")) for o in options if isinstance(o, Mapping))
    return labelled or tuple(schema.get("enum") or ())


def _condition(node: Node) -> Any:
    condition = node.condition
    return None if condition is None else (condition.kind, condition.field, condition.values)


def _field_changes(old: Node, new: Node) -> Iterator[Change]:
    path, name = new.path, _label(new)
    if _label(old) != name:
        yield Change(
            "label",
            path,
            f"Đổi nhãn trường '{_label(old)}' thành '{name}'",
            f"Field '{_label(old)}' relabelled '{name}'",
        )
    if not old.required and new.required:
        yield Change(
            "required",
            path,
            f"Trường '{name}' chuyển thành bắt buộc",
            f"Field '{name}' is now required",
        )
    if old.required and not new.required:
        yield Change(
            "optional",
            path,
            f"Trường '{name}' không còn bắt buộc",
            f"Field '{name}' is no longer required",
        )
    if old.kind != new.kind or old.schema.get("format") != new.schema.get("format"):
        yield Change(
            "type", path, f"Trường '{name}' đổi kiểu dữ liệu", f"Field '{name}' changed type"
        )
    if old.prefill != new.prefill:
        text = (
            (f"Trường '{name}' được điền sẵn từ {new.prefill}", f"Field '{name}' is prefilled")
            if new.prefill
            else (f"Trường '{name}' không còn được điền sẵn", f"Field '{name}' is not prefilled")
        )
        yield Change("prefill", path, *text)
    elif old.locked != new.locked:
        yield Change(
            "locked",
            path,
            f"Trường '{name}' " + ("bị khóa, không sửa được" if new.locked else "cho phép sửa"),
            f"Field '{name}' is " + ("locked" if new.locked else "editable"),
        )
    if _choices(old) != _choices(new):
        yield Change(
            "choices",
            path,
            f"Trường '{name}' đổi danh sách lựa chọn",
            f"Field '{name}' has different choices",
        )
    if any(old.schema.get(k) != new.schema.get(k) for k in _CONSTRAINTS):
        yield Change(
            "constraints",
            path,
            f"Trường '{name}' đổi điều kiện kiểm tra",
            f"Field '{name}' has different checks",
        )
    if _condition(old) != _condition(new):
        yield Change(
            "condition",
            path,
            f"Trường '{name}' đổi điều kiện hiển thị",
            f"Field '{name}' is shown under a different condition",
        )
    if old.description != new.description:
        yield Change(
            "hint", path, f"Trường '{name}' đổi hướng dẫn", f"Field '{name}' has a new hint"
        )


def _all_nodes(document: FormDocument) -> dict[tuple[str, ...], Node]:
    """Every node by path, a repeatable group's row fields under the group's path."""
    found: dict[tuple[str, ...], Node] = {}

    def visit(node: Node) -> None:
        for child in node.children:
            found[child.path] = child
            visit(child)
            if child.item is not None:
                visit(child.item)

    visit(document.root)
    return found


def _inside_new(path: tuple[str, ...], other: Mapping[tuple[str, ...], Node]) -> bool:
    """Whether a group around ``path`` is itself missing from ``other``."""
    return len(path) > 1 and path[:-1] not in other


def diff_documents(old: FormDocument, new: FormDocument) -> list[Change]:
    """Changes from ``old`` to ``new``: metadata first, then fields in the new form's order
    (removed fields last)."""
    changes: list[Change] = []
    if old.title != new.title:
        changes.append(
            Change(
                "title",
                (),
                f"Đổi tên biểu mẫu '{old.title}' thành '{new.title}'",
                f"Form renamed from '{old.title}' to '{new.title}'",
            )
        )
    for key, (vi, en) in _META.items():
        before, after = old.meta.get(key, ""), new.meta.get(key, "")
        if before != after:
            changes.append(
                Change(
                    "meta",
                    (),
                    f"Đổi {vi}: '{before}' thành '{after}'",
                    f"Changed {en}: '{before}' to '{after}'",
                )
            )
    before_nodes, after_nodes = _all_nodes(old), _all_nodes(new)
    for path, node in after_nodes.items():
        previous = before_nodes.get(path)
        if previous is None and _inside_new(path, before_nodes):
            continue  # "Thêm trường 'Người khai'" says it; its inner fields would only repeat
        if previous is None:
            changes.append(
                Change(
                    "added", path, f"Thêm trường '{_label(node)}'", f"Added field '{_label(node)}'"
                )
            )
        else:
            changes.extend(_field_changes(previous, node))
    for path, node in before_nodes.items():
        if path not in after_nodes and not _inside_new(path, after_nodes):
            changes.append(
                Change(
                    "removed",
                    path,
                    f"Bỏ trường '{_label(node)}'",
                    f"Removed field '{_label(node)}'",
                )
            )
    return changes
