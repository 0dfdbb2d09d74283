"""The one reading of provenance: verified, prefilled and disputed are three different marks."""

from __future__ import annotations

from datetime import UTC, datetime

from formsvc.prefill import Origins, Prefilled
from formsvc.prefill.provenance import provenance

NOW = datetime(2026, 1, 5, tzinfo=UTC)
NAME = Prefilled("Nguyễn Văn An", "citizen.full_name", True, NOW)
PHONE = Prefilled("0912345678", "citizen.phone", False, NOW)


def test_marks_follow_the_lock_and_what_the_citizen_did() -> None:
    records = {
        "full_name": provenance(NAME, "Nguyễn Văn An", "Tên đúng là Nguyễn Văn Ân"),
        "phone": provenance(PHONE, "0912345678"),  # editable, left as the database gave it
        "email": provenance(Prefilled("a@b.vn", "citizen.email", False, NOW), "c@d.vn"),
        "person.sex": provenance(Prefilled("male", "citizen.sex", True, NOW), "male"),
    }
    origins = Origins.of(records)
    assert origins.verified == {("full_name",), ("person", "sex")}
    assert origins.prefilled == {("phone",)}  # the edited email carries no mark at all
    assert origins.disputes == {("full_name",): "Tên đúng là Nguyễn Văn Ân"}
    assert origins.notes() == {"full_name": "Tên đúng là Nguyễn Văn Ân"}
    assert records["phone"]["edited"] is False and "disputed" not in records["phone"]


def test_fresh_values_are_marked_by_their_lock() -> None:
    origins = Origins.fresh({("full_name",): NAME, ("phone",): PHONE})
    assert origins.verified == {("full_name",)} and origins.prefilled == {("phone",)}
    assert origins.disputes == {}
