"""Prefill locks follow the data: a locked field without a verified value stays editable."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask

from formsvc.prefill import Prefilled
from formsvc.render import form_class, release_unfilled
from formsvc.schemas import CompiledForm

DOCUMENT = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "x-prefill": "citizen.full_name"},
        "spouse": {"type": "string", "x-prefill": "citizen.spouse.full_name"},
        "sex": {
            "type": "string",
            "x-prefill": "citizen.sex",
            "oneOf": [{"const": "male", "title": "Nam"}, {"const": "female", "title": "Nữ"}],
        },
        "fixed": {"type": "string", "readOnly": True, "x-prefill": "citizen.nationality"},
    },
}


def test_only_verified_values_stay_locked(app: Flask) -> None:
    form = CompiledForm("locks", 1, DOCUMENT)
    name = Prefilled("Lê Thị Hồng Nhung", "citizen.full_name", True, datetime.now(UTC))
    with app.test_request_context("/"):
        cls = form_class(form)
        wtform = cls()
        release_unfilled(wtform, form.document.root, {("name",): name})
        assert wtform.name.render_kw.get("readonly")
        assert "readonly" not in wtform.spouse.render_kw  # the database has no spouse
        assert "disabled" not in wtform.sex.render_kw
        assert wtform.fixed.render_kw.get(
            "readonly"
        )  # readOnly in the schema is not a prefill lock
        fresh = cls()  # render_kw is shared by the class: the next request starts locked again
        assert fresh.spouse.render_kw.get("readonly")
