"""Prefill locks follow the data, not only the definition.

A field the definition marks as verified (``x-prefill``, locked by default) is built
read-only (disabled for choices). When the population database holds no value for it, or the
citizen declined prefill, there is nothing verified to protect: this request's form lets the
citizen type it instead of showing an empty box they cannot fill.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from wtforms import Field, FieldList, Form, FormField

from formsvc.schemas import Node

__all__ = ["release_unfilled", "show_verified"]

_LOCKS = ("readonly", "disabled")


class _Origin(Protocol):
    """A prefilled value (``formsvc.prefill.Prefilled``); render does not import prefill."""

    @property
    def locked(self) -> bool: ...

    @property
    def value(self) -> Any: ...


def _verified(origin: _Origin | None) -> bool:
    return origin is not None and origin.locked


def _unlock(field: Field, node: Node) -> None:
    if node.locked and not node.schema.get("readOnly") and "const" not in node.schema:
        # render_kw is shared by every instance of the cached class: replace, never mutate.
        field.render_kw = {k: v for k, v in (field.render_kw or {}).items() if k not in _LOCKS}


def _release_all(field: Any, node: Node) -> None:
    """Unlock everything below one field: a group, a repeatable group or a single control.

    Asks the field, not the node, what it holds: an array can be rows, but also one control
    (tick boxes for an array of choices, a JSON box).
    """
    if isinstance(field, FormField):
        for child in node.children:
            _release_all(field.form[child.name], child)
    elif isinstance(field, FieldList) and node.item is not None:
        for entry in field.entries:
            _release_all(entry, node.item)
    else:
        _unlock(field, node)


def release_unfilled(form: Form, node: Node, prefilled: Mapping[tuple[str, ...], _Origin]) -> None:
    """Unlock the locked fields of ``form`` that hold no verified value in this request."""
    for child in node.children:
        field = form[child.name]
        if child.children:
            release_unfilled(field.form, child, prefilled)
        elif not _verified(prefilled.get(child.path)):
            _release_all(field, child)


def show_verified(form: Form, node: Node, prefilled: Mapping[tuple[str, ...], _Origin]) -> None:
    """Put verified values back into controls the browser did not send.

    A locked choice is a disabled radio or select, and browsers post nothing for disabled
    controls: after an error elsewhere, the page would show a verified answer as unanswered.
    """
    for child in node.children:
        field = form[child.name]
        if isinstance(field, FormField):
            show_verified(field.form, child, prefilled)
        elif _verified(origin := prefilled.get(child.path)) and field.data in (None, "", []):
            assert origin is not None
            field.data = origin.value
