"""Server-side truth for an incoming answer set: verified values win, the schema decides.

Text is stored NFC. Answers to conditional questions that do not apply are dropped. A
locked prefilled value that comes back missing, wholly or in part, is put back; one that
comes back different is tampering and is refused, never trusted; so is a read-only answer
other than the definition's default. Everything else is left to the form version's JSON
Schema.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from formsvc.prefill import Prefilled
from formsvc.prefill.provenance import Origins, provenance
from formsvc.schemas import CompiledForm, FieldError, prune_inactive
from formsvc.schemas.messages import message_for
from formsvc.schemas.text import nfc

__all__ = ["LOCKED_MESSAGE", "Intake", "check"]

LOCKED_MESSAGE = (
    "Thông tin này đã được xác thực từ Cơ sở dữ liệu quốc gia về dân cư và không thể sửa",
    "This value is verified from the national population database and cannot be changed",
)


@dataclass
class Intake:
    data: dict[str, Any]
    errors: list[FieldError] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def origins(self) -> Origins:
        return Origins.of(self.provenance)


def _get(data: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = data
    for part in path:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value


def _restored(given: Any, verified: Any) -> Any:
    """``given`` with the parts of a verified value it lacks put back: a browser posts no
    disabled control, so a prefilled household's rows come back without their locked
    choices (each member's sex) while the rows themselves are there."""
    if given is None:
        return verified
    if isinstance(given, Mapping) and isinstance(verified, Mapping):
        return {
            **verified,
            **{key: _restored(value, verified.get(key)) for key, value in given.items()},
        }
    if isinstance(given, list) and isinstance(verified, list):
        rows = zip(given, verified, strict=False)
        return [_restored(row, known) for row, known in rows] + given[len(verified) :]
    return given


def _read_only_changed(form: CompiledForm, answers: Mapping[str, Any]) -> Iterator[FieldError]:
    """A read-only field with a default is the definition's answer, shown in a box nobody can
    type in: another value did not come from the citizen."""
    for node in form.document.root.walk():
        if not node.path or node.in_array or "default" not in node.schema:
            continue
        given = _get(answers, node.path)
        if node.schema.get("readOnly") and given is not None and given != node.schema["default"]:
            changed = FieldError(node.path, "readOnly", *message_for("const", node.title))
            yield form.document.in_context(changed)


def check(
    form: CompiledForm,
    answers: dict[str, Any],
    prefilled: Mapping[tuple[str, ...], Prefilled],
    disputes: Mapping[tuple[str, ...], str] | None = None,
) -> Intake:
    """``disputes`` are the citizen's notes on verified values they say are wrong."""
    answers = nfc(answers)  # the API's text too, not only what the web form typed
    # Put missing verified values back first: a browser does not send read-only fields, and
    # the conditions judged next may read them (a branch for women opened by a verified sex).
    for path, verified in prefilled.items():
        if verified.locked:
            _set(answers, path, _restored(_get(answers, path), verified.value))
    answered = {path for path in prefilled if _get(answers, path) is not None}
    intake = Intake(data=prune_inactive(form.document.root, answers))
    disputes = disputes or {}
    for path, verified in prefilled.items():
        given = _get(answers, path)
        if given is None and path in answered:
            continue  # in a branch that does not apply: neither stored nor judged
        if verified.locked and given != verified.value:
            locked = FieldError(path, "x-prefill-locked", *LOCKED_MESSAGE)
            intake.errors.append(form.document.in_context(locked))
            continue
        intake.provenance[".".join(path)] = provenance(verified, given, disputes.get(path))
    intake.errors.extend(_read_only_changed(form, answers))
    locked_paths = {error.path for error in intake.errors}
    intake.errors.extend(e for e in form.validate(answers) if e.path not in locked_paths)
    return intake
