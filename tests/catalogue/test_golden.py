"""Golden outputs: each catalogue form's fields and what the resolver fills for a fixed demo
citizen, compared with committed files so an accidental change to a definition (a label, a
prefill path, a required flag) shows up in review.

After an intended change: ``FORMSVC_UPDATE_GOLDEN=1 pytest tests/catalogue/test_golden.py``
rewrites the files; commit them with the definition.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from formsvc.db import session_scope
from formsvc.prefill import Citizen, resolve
from formsvc.schemas import FormDocument, Node, load_definition
from formsvc.schemas.burden import inputs
from tests.conftest import FORM_DEFINITIONS

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("FORMSVC_UPDATE_GOLDEN") == "1"
NGOC = "092184234562"  # Trần Thị Bích Ngọc: spouse, household, ID card issued in 2024
CATALOGUE = sorted(FORM_DEFINITIONS.glob("*.json"))


def _display(node: Node) -> str:
    """``residence_history[].from`` for a repeatable group's field, dotted otherwise."""
    parts = list(node.path)
    if node.in_array:
        parts[-2] += "[]"
    return ".".join(parts)


def _field(node: Node) -> dict[str, Any]:
    condition = node.condition
    return {
        "path": _display(node),
        "label": node.title,
        "type": node.kind + (f"/{node.schema['format']}" if "format" in node.schema else ""),
        "required": node.required,
        "prefill": node.prefill,
        "locked": node.locked,
        "condition": (
            None
            if condition is None
            else {
                "field": ".".join(condition.field or ()),
                "values": list(condition.values),
                "when_unanswered": condition.absent,
            }
        ),
    }


def _compare(name: str, actual: dict[str, Any]) -> None:
    path = GOLDEN / name
    text = json.dumps(actual, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with FORMSVC_UPDATE_GOLDEN=1"
    assert json.loads(path.read_text(encoding="utf-8")) == actual


@pytest.mark.parametrize("path", CATALOGUE, ids=[p.stem for p in CATALOGUE])
def test_fields_and_prefill_match_the_golden_file(app: Flask, path: Path) -> None:
    document = FormDocument(*load_definition(path))
    with session_scope(app) as session:
        citizen_id = session.scalars(select(Citizen.id).where(Citizen.personal_id == NGOC)).one()
        values = resolve(session, document, citizen_id, None, "Kiểm thử đầu ra chuẩn")
    _compare(
        f"{document.form_id}.json",
        {
            "form": document.form_id,
            "fields": [_field(node) for node in inputs(document.root)],
            "prefilled_for": NGOC,
            "prefilled": {".".join(key): found.value for key, found in sorted(values.items())},
        },
    )


def test_there_is_no_stale_golden_file() -> None:
    forms = {FormDocument(*load_definition(path)).form_id for path in CATALOGUE}
    assert {path.stem for path in GOLDEN.glob("*.json")} == forms
