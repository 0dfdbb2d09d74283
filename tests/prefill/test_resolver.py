"""Prefill from the demo population: values, provenance and the audit row."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from formsvc.db import session_scope
from formsvc.prefill import Citizen, PrefillRead, resolve
from formsvc.schemas import CompiledForm, latest_version


def _citizen(session, personal_id: str) -> Citizen:  # type: ignore[no-untyped-def]
    return session.scalars(select(Citizen).where(Citizen.personal_id == personal_id)).one()


def test_household_member_gets_head_of_household(app: Flask) -> None:
    with session_scope(app) as session:
        version = latest_version(session, "ct01")
        assert version is not None
        form = CompiledForm("ct01", version.version, version.document)
        wife = _citizen(session, "092184234562")
        values = resolve(session, form.document, wife.id, None, "kiểm thử")
        plain = {".".join(path): p.value for path, p in values.items()}
        assert plain == {
            "full_name": "Trần Thị Bích Ngọc",
            "date_of_birth": "1984-11-02",
            "sex": "female",
            "personal_id": "092184234562",
            "phone": "0987654321",
            "household_head_name": "Nguyễn Văn An",
            "relationship_to_head": "Vợ",
            "household_head_id": "092080123451",
        }
        assert values[("full_name",)].locked and not values[("phone",)].locked
        # The database has no email for her: the field stays empty, nothing is invented.
        assert ("email",) not in values
        read = session.scalars(select(PrefillRead).where(PrefillRead.citizen_id == wife.id)).one()
        assert read.purpose == "kiểm thử" and read.form_id == "ct01"
        assert "citizen.household.head.personal_id" in read.paths


def test_form_without_prefill_reads_nothing(app: Flask) -> None:
    form = CompiledForm("plain", 1, {"type": "object", "properties": {"a": {"type": "string"}}})
    with session_scope(app) as session:
        citizen = _citizen(session, "092080123451")
        assert resolve(session, form.document, citizen.id, None, "x") == {}
        assert session.scalars(select(PrefillRead)).all() == []
