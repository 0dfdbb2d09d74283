"""The declaration-burden report: per form, the answers a citizen can be asked, how many the
population database supplies, and how many are left to type.

Two readings of "supplies": for a citizen with a *complete* record every mapped field is
filled (``formsvc.schemas.burden``, the definition alone decides); for a *real* citizen only
the fields the resolver actually filled count, so gaps in the record show up as typing.
Both count leaf inputs once and a repeatable group's item fields once, whatever the rows.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from formsvc.prefill import Prefilled, resolve
from formsvc.schemas import Burden, FormDocument, Node, burden, load_definition
from formsvc.schemas.burden import inputs

__all__ = [
    "REPORT_PURPOSE",
    "FormBurden",
    "catalogue",
    "citizen_burden",
    "complete_record_burden",
    "median_saved_share",
]

# Written to the audit log with every read a --citizen report makes.
REPORT_PURPOSE = "Báo cáo gánh nặng khai báo của danh mục biểu mẫu"


@dataclass(frozen=True)
class FormBurden:
    """One row of the report: a form and its burden."""

    document: FormDocument
    burden: Burden

    def as_json(self) -> dict[str, Any]:
        """The stable shape of ``formsvc report burden --json``."""
        return {
            "id": self.document.form_id,
            "code": str(self.document.meta.get("code", "")),
            "title": self.document.title,
            "fields": self.burden.fields,
            "prefilled": self.burden.prefilled,
            "to_type": self.burden.to_type,
            "saved_share": round(self.burden.saved_share, 4),
        }


def catalogue(directory: Path) -> list[FormDocument]:
    """The definition files of the catalogue, in id order (broken files are the checker's)."""
    documents = [FormDocument(*load_definition(path)) for path in directory.glob("*.json")]
    return sorted(documents, key=lambda document: document.form_id)


def complete_record_burden(documents: Iterable[FormDocument]) -> list[FormBurden]:
    return [FormBurden(document, burden(document)) for document in documents]


def _received(leaf: Node, values: Mapping[tuple[str, ...], Prefilled]) -> bool:
    """Whether the resolver gave this input a value; an item field counts if any row has it."""
    if leaf.path in values:
        return True
    rows = values.get(leaf.path[:-1]) if leaf.in_array else None
    return rows is not None and any(
        isinstance(row, Mapping) and leaf.name in row for row in rows.value
    )


def citizen_burden(
    session: Session, documents: Iterable[FormDocument], citizen_id: int
) -> list[FormBurden]:
    """The burden for one real citizen: what the resolver actually filled (reads are audited)."""
    rows = []
    for document in documents:
        values = resolve(session, document, citizen_id, None, REPORT_PURPOSE)
        leaves = list(inputs(document.root))
        filled = sum(1 for leaf in leaves if _received(leaf, values))
        rows.append(FormBurden(document, Burden(fields=len(leaves), prefilled=filled)))
    return rows


def median_saved_share(rows: Iterable[FormBurden]) -> float:
    """The Done-when measure: at least 0.5 means the median form is at most half typed."""
    shares = [row.burden.saved_share for row in rows]
    return statistics.median(shares) if shares else 0.0
