"""Server-side truth for an incoming answer set: verified values win, the schema decides.

Text is stored NFC. Answers to conditional questions that do not apply are dropped. A
locked prefilled value that comes back missing is put back; one that comes back different is
tampering and is refused, never trusted. Everything else is left to the form version's JSON
Schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from formsvc.prefill import Prefilled
from formsvc.prefill.provenance import Origins, provenance
from formsvc.schemas import CompiledForm, FieldError, prune_inactive
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
        if verified.locked and _get(answers, path) is None:
            _set(answers, path, verified.value)
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
    locked_paths = {error.path for error in intake.errors}
    intake.errors.extend(e for e in form.validate(answers) if e.path not in locked_paths)
    return intake
