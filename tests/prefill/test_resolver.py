"""Prefill from the demo population: values, provenance, the audit row, lists, sources,
data minimisation and a bounded number of queries."""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from formsvc.db import get_engine, session_scope
from formsvc.prefill import PATHS, Citizen, PrefillRead, PrefillSkipped, Registry, resolve
from formsvc.prefill.generator import generate
from formsvc.prefill.models import AppendOnlyError
from formsvc.prefill.paths import PrefillPath
from formsvc.prefill.resolver import JOURNEY
from formsvc.prefill.sources.sql import PopulationSource
from formsvc.schemas import CompiledForm, FormDocument, latest_version
from formsvc.types import utcnow

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = sorted((ROOT / "form_definitions").glob("*.json"))
HEAD, WIFE, SON, NHUNG = "092080123451", "092184234562", "092210345673", "092192456784"


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


def _form(*fields: tuple[str, dict[str, Any]], form_id: str = "test") -> FormDocument:
    return FormDocument(form_id, {"type": "object", "properties": dict(fields)}, 1)


def _scalar(path: str) -> tuple[str, dict[str, Any]]:
    return path.replace(".", "_"), {"type": "string", "x-prefill": path}


def _plain(values: Mapping[tuple[str, ...], Any]) -> dict[str, Any]:
    return {".".join(path): prefilled.value for path, prefilled in values.items()}


@pytest.mark.parametrize("definition", CATALOGUE, ids=lambda p: p.stem)
@pytest.mark.parametrize("personal_id", [HEAD, WIFE, SON, NHUNG])
def test_every_catalogue_form_resolves_for_every_demo_citizen(
    app: Flask, definition: Path, personal_id: str
) -> None:
    document = json.loads(definition.read_text(encoding="utf-8"))
    form = FormDocument(definition.stem, document, 1)
    mapped = {node.path: node.prefill for node in form.fields() if node.prefill}
    with session_scope(app) as session:
        citizen = _citizen(session, personal_id)
        values = resolve(session, form, citizen.id, None, "kiểm thử")
        truth = PopulationSource(session).fetch(citizen.id, [str(p) for p in mapped.values()])
    assert values, "a catalogue form should prefill something for a demo citizen"
    for path, prefilled in values.items():
        assert prefilled.source == mapped[path]
        assert prefilled.value == truth[prefilled.source]
    # Whatever the database lacks stays out: the field will be empty and editable.
    missing = {path for path, source in mapped.items() if str(source) not in truth}
    assert not missing & values.keys()


def test_missing_relatives_leave_fields_out(app: Flask) -> None:
    paths = ["citizen.full_name", "citizen.spouse.full_name", "citizen.mother.full_name",
             "citizen.temporary_address"]  # fmt: skip
    form = _form(*map(_scalar, paths))
    with session_scope(app) as session:
        values = _plain(resolve(session, form, _citizen(session, NHUNG).id, None, "x"))
    assert values == {"citizen_full_name": "Lê Thị Hồng Nhung"}


def test_family_links_resolve_both_ways(app: Flask) -> None:
    paths = ["citizen.spouse.full_name", "citizen.spouse.personal_id", "citizen.father.full_name",
             "citizen.mother.birth_year", "citizen.permanent_address.ward",
             "citizen.permanent_address.province_code", "citizen.household.address"]  # fmt: skip
    form = _form(*map(_scalar, paths))
    with session_scope(app) as session:
        wife = _plain(resolve(session, form, _citizen(session, WIFE).id, None, "x"))
        son = _plain(resolve(session, form, _citizen(session, SON).id, None, "x"))
    assert wife["citizen_spouse_full_name"] == "Nguyễn Văn An"
    assert wife["citizen_spouse_personal_id"] == HEAD
    assert son["citizen_father_full_name"] == "Nguyễn Văn An"
    assert son["citizen_mother_birth_year"] == 1984
    assert son["citizen_permanent_address_ward"] == "Phường Ninh Kiều"
    assert son["citizen_permanent_address_province_code"] == "92"
    assert son["citizen_household_address"] == (
        "Số 12, đường Trần Hưng Đạo, Phường Ninh Kiều, Thành phố Cần Thơ"
    )


def test_lists_fill_repeatable_groups_by_item_prefill_or_property_name(app: Flask) -> None:
    members = {
        "type": "array",
        "x-prefill": "citizen.household.members",
        "items": {"$ref": "#/$defs/member"},
    }
    children = {
        "type": "array",
        "x-prefill": "citizen.children",
        "x-prefill-locked": False,
        "items": {
            "type": "object",
            "properties": {
                "full_name": {"type": "string"},
                "born": {"type": "string", "x-prefill": "date_of_birth"},
            },
        },
    }
    document = {
        "type": "object",
        "$defs": {
            "member": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "x-prefill": "full_name"},
                    "relationship_to_head": {"type": "string"},
                    "note": {"type": "string"},
                },
            }
        },
        "properties": {"members": members, "children": children},
    }
    form = FormDocument("lists", document, 1)
    with session_scope(app) as session:
        values = resolve(session, form, _citizen(session, WIFE).id, None, "x")
        empty = resolve(session, form, _citizen(session, SON).id, None, "x")
    assert values[("members",)].value == [
        {"name": "Nguyễn Văn An", "relationship_to_head": "Chủ hộ"},
        {"name": "Trần Thị Bích Ngọc", "relationship_to_head": "Vợ"},
        {"name": "Nguyễn Minh Khôi", "relationship_to_head": "Con đẻ"},
    ]
    assert values[("members",)].locked
    assert values[("children",)].value == [{"full_name": "Nguyễn Minh Khôi", "born": "2010-06-25"}]
    assert not values[("children",)].locked
    assert ("children",) not in empty  # a child with no children of his own: nothing invented


def test_reads_fetch_only_the_mapped_columns(app: Flask) -> None:
    form = _form(_scalar("citizen.full_name"), _scalar("citizen.mother.full_name"))
    with session_scope(app) as session:
        son = _citizen(session, SON).id
        with _statements(app) as statements:
            resolve(session, form, son, None, "x")
    sql = " ".join(statements).lower()
    assert "full_name" in sql
    for column in ("phone", "email", "religion", "permanent_street", "blood_group"):
        assert column not in sql, column


@contextmanager
def _statements(app: Flask) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(str(args[2]))

    engine = get_engine(app)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _count_queries(app: Flask, form: FormDocument, personal_id: str) -> int:
    with session_scope(app) as session:
        citizen_id = _citizen(session, personal_id).id
        session.expunge_all()
        with _statements(app) as statements:
            values = resolve(session, form, citizen_id, None, "đếm truy vấn")
        assert values
    return len(statements)


def _wide_form(size: int) -> FormDocument:
    """A form of ``size`` fields that always maps both lists and a spread of relations."""
    lists = ["citizen.household.members", "citizen.children"]
    scalars = [path for path, p in PATHS.items() if p.type != "array"]
    fields = [
        (f"f{index}", {"type": "array" if path in lists else "string", "x-prefill": path})
        for index, path in enumerate(lists + scalars[: size - len(lists)])
    ]
    return _form(*fields)


def test_query_count_does_not_grow_with_form_or_population_size(app: Flask) -> None:
    small, large = _wide_form(10), _wide_form(30)
    assert len(list(large.fields())) == 30
    before = {_count_queries(app, small, HEAD), _count_queries(app, large, HEAD)}
    generate(get_engine(app), 1500, seed=31337)
    after = {_count_queries(app, small, HEAD), _count_queries(app, large, HEAD)}
    assert before == after == {3}  # the citizen with its joins, members, children
    everything = _form(*[(f"f{i}", {"x-prefill": p}) for i, p in enumerate(PATHS)])
    assert _count_queries(app, everything, WIFE) == 3


class _Broken:
    name = "broken"

    def __init__(self, session: Session) -> None:
        pass

    def attributes(self) -> Mapping[str, PrefillPath]:
        return PATHS

    def fetch(self, citizen_ref: int, paths: Collection[str]) -> dict[str, Any]:
        raise ConnectionError("the data-sharing platform is down")


class _Nobody(_Broken):
    name = "nobody"

    def fetch(self, citizen_ref: int, paths: Collection[str]) -> dict[str, Any]:
        raise PrefillSkipped


class _Fixed(_Broken):
    name = "fixed"

    def attributes(self) -> Mapping[str, PrefillPath]:
        return {"citizen.full_name": PATHS["citizen.full_name"]}

    def fetch(self, citizen_ref: int, paths: Collection[str]) -> dict[str, Any]:
        return {"citizen.full_name": "Người Từ Nguồn Khác"}


@pytest.fixture
def registry() -> Registry:
    fresh = Registry()
    for source in (_Broken, _Nobody, _Fixed):
        fresh(source.name)(source)
    return fresh


def test_a_failing_source_is_logged_and_gives_an_empty_form(
    app: Flask, registry: Registry, caplog: pytest.LogCaptureFixture
) -> None:
    form = _form(_scalar("citizen.full_name"))
    with session_scope(app) as session:
        citizen = _citizen(session, HEAD)
        with caplog.at_level(logging.ERROR):
            assert (
                resolve(session, form, citizen.id, None, "x", source="broken", registry=registry)
                == {}
            )
        assert (
            resolve(session, form, citizen.id, None, "x", source="nobody", registry=registry) == {}
        )
        assert session.scalars(select(PrefillRead)).all() == []
    assert "platform is down" in caplog.text


def test_an_injected_source_answers_only_what_it_offers(app: Flask, registry: Registry) -> None:
    form = _form(_scalar("citizen.full_name"), _scalar("citizen.phone"))
    with session_scope(app) as session:
        citizen = _citizen(session, HEAD)
        values = resolve(session, form, citizen.id, 1, "x", source="fixed", registry=registry)
        read = session.scalars(select(PrefillRead)).one()
    assert _plain(values) == {"citizen_full_name": "Người Từ Nguồn Khác"}
    assert values[("citizen_full_name",)].provider == "fixed"
    assert read.source == "fixed" and read.paths == ["citizen.full_name"]


def test_registry_rejects_duplicates_and_unknown_names(registry: Registry) -> None:
    with pytest.raises(ValueError, match="already registered"):
        registry("fixed")(_Fixed)
    with pytest.raises(LookupError, match="unknown prefill source 'nope'"):
        registry.create("nope", None)  # type: ignore[arg-type]
    assert list(registry) == ["broken", "fixed", "nobody"]


def test_the_configured_source_must_exist(database_url: str) -> None:
    from tests.conftest import make_app

    with pytest.raises(RuntimeError, match="FORMSVC_PREFILL_SOURCE='nope'"):
        make_app(database_url, PREFILL_SOURCE="nope")


def test_audit_rows_cannot_be_changed_or_removed(app: Flask) -> None:
    from sqlalchemy import delete, update

    form = _form(_scalar("citizen.full_name"))
    with session_scope(app) as session:
        resolve(session, form, _citizen(session, HEAD).id, None, "đúng mục đích")
    for change in (
        lambda s, read: setattr(read, "purpose", "sửa lại"),
        lambda s, read: s.delete(read),
        lambda s, read: s.execute(update(PrefillRead).values(purpose="sửa")),
        lambda s, read: s.execute(delete(PrefillRead)),
    ):
        with pytest.raises(AppendOnlyError), session_scope(app) as session:
            change(session, session.scalars(select(PrefillRead)).one())
            session.flush()
    with session_scope(app) as session:
        assert session.scalars(select(PrefillRead.purpose)).all() == ["đúng mục đích"]


def test_one_row_stands_for_a_reader_s_repeated_reads_within_a_journey(app: Flask) -> None:
    form = _form(_scalar("citizen.full_name"), _scalar("citizen.sex"))
    smaller = _form(_scalar("citizen.full_name"))
    with session_scope(app) as session:
        citizen = _citizen(session, HEAD)
        for _ in range(3):
            resolve(session, form, citizen.id, 1, "điền CT01")
        resolve(session, form, citizen.id, 1, "mục đích khác")  # another purpose
        resolve(session, smaller, citizen.id, 1, "điền CT01")  # other paths
        resolve(session, form, citizen.id, 2, "điền CT01")  # another reader
        resolve(session, form, citizen.id, None, "dòng lệnh")
        resolve(session, form, citizen.id, None, "dòng lệnh")  # no reader: every read
        assert len(session.scalars(select(PrefillRead)).all()) == 6
        # A journey ends: a row older than JOURNEY no longer stands for a new read.
        session.add(
            PrefillRead(
                read_at=utcnow() - JOURNEY - timedelta(minutes=1),
                reader_account_id=3,
                citizen_id=citizen.id,
                form_id="test",
                form_version=1,
                paths=["citizen.full_name", "citizen.sex"],
                purpose="điền CT01",
                source="population",
            )
        )
        resolve(session, form, citizen.id, 3, "điền CT01")
        reads = session.scalars(select(PrefillRead).where(PrefillRead.reader_account_id == 3))
        assert len(reads.all()) == 2
