"""The prefill path language: dotted paths from a citizen record to the values forms reuse.

Each path carries a type and a Vietnamese label so ``formsvc population fields`` and the form
checker can list and verify them; the getter is the single place that knows where the value
lives in the models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from formsvc.prefill.models import Citizen

__all__ = ["PATHS", "PrefillPath"]


@dataclass(frozen=True)
class PrefillPath:
    path: str
    type: str
    label: str
    get: Callable[[Citizen], Any]

    def read(self, citizen: Citizen) -> Any:
        """The JSON value for a form (dates as ISO text), or ``None`` when unknown."""
        value = self.get(citizen)
        return value.isoformat() if isinstance(value, date) else value


def _head(citizen: Citizen) -> Citizen | None:
    return citizen.household.head if citizen.household else None


def _of_head(attribute: str) -> Callable[[Citizen], Any]:
    return lambda citizen: getattr(_head(citizen), attribute, None)


_DEFINITIONS = [
    ("citizen.full_name", "string", "Họ, chữ đệm và tên", lambda c: c.full_name),
    ("citizen.date_of_birth", "date", "Ngày, tháng, năm sinh", lambda c: c.date_of_birth),
    ("citizen.sex", "string", "Giới tính", lambda c: c.sex),
    ("citizen.personal_id", "string", "Số định danh cá nhân", lambda c: c.personal_id),
    ("citizen.ethnicity", "string", "Dân tộc", lambda c: c.ethnicity),
    ("citizen.nationality", "string", "Quốc tịch", lambda c: c.nationality),
    ("citizen.phone", "string", "Số điện thoại", lambda c: c.phone),
    ("citizen.email", "string", "Email", lambda c: c.email),
    ("citizen.permanent_address", "string", "Nơi thường trú", lambda c: c.permanent_address),
    (
        "citizen.relationship_to_head",
        "string",
        "Mối quan hệ với chủ hộ",
        lambda c: c.relationship_to_head,
    ),
    ("citizen.household.head.full_name", "string", "Họ tên chủ hộ", _of_head("full_name")),
    (
        "citizen.household.head.personal_id",
        "string",
        "Số định danh cá nhân của chủ hộ",
        _of_head("personal_id"),
    ),
]

PATHS: dict[str, PrefillPath] = {
    path: PrefillPath(path, kind, label, getter) for path, kind, label, getter in _DEFINITIONS
}
