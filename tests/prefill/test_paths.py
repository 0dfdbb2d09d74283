"""The prefill path language: every path is documented, typed, and reads only what it says."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from formsvc.db import session_scope
from formsvc.prefill import PATHS, Citizen
from formsvc.prefill.paths import _DEFINITIONS, CATEGORIES, CATEGORIES_EN
from formsvc.prefill.sources.sql import PopulationSource

ROOT = Path(__file__).resolve().parents[2]
HEAD_ID = "092080123451"


def test_paths_are_unique_typed_and_labelled() -> None:
    assert len(PATHS) == len(_DEFINITIONS)
    for path in PATHS.values():
        assert path.path.startswith("citizen.")
        assert path.type in {"string", "date", "integer", "array"}
        assert path.label and unicodedata.is_normalized("NFC", path.label)
        assert path.description and path.category in CATEGORIES
        assert bool(path.items) == (path.type == "array")


def test_existing_and_required_paths_are_there() -> None:
    for path in (
        "citizen.full_name", "citizen.date_of_birth", "citizen.sex", "citizen.personal_id",
        "citizen.ethnicity", "citizen.religion", "citizen.nationality", "citizen.hometown",
        "citizen.place_of_birth", "citizen.permanent_address", "citizen.permanent_address.ward",
        "citizen.temporary_address", "citizen.current_address", "citizen.id_card.number",
        "citizen.id_card.issue_date", "citizen.id_card.issue_place", "citizen.mother.full_name",
        "citizen.father.date_of_birth", "citizen.spouse.personal_id", "citizen.phone",
        "citizen.email", "citizen.household.head.full_name", "citizen.household.head.personal_id",
        "citizen.relationship_to_head", "citizen.marital_status", "citizen.household.members",
        "citizen.children",
    ):  # fmt: skip
        assert path in PATHS, path


def test_the_documentation_lists_every_path() -> None:
    text = (ROOT / "docs" / "population.md").read_text(encoding="utf-8")
    for path in PATHS.values():
        assert f"`{path.path}`" in text, path.path
        for item in path.items:
            assert f"`{path.path}[].{item.key}`" in text


@pytest.mark.parametrize("path", sorted(PATHS))
def test_each_path_reads_only_what_it_declares(app: Flask, path: str) -> None:
    """Loading raises on any attribute a path did not declare, so this proves minimisation."""
    with session_scope(app) as session:
        head = session.scalars(select(Citizen.id).where(Citizen.personal_id == HEAD_ID)).one()
        session.expunge_all()
        PopulationSource(session).fetch(head, [path])


@pytest.mark.parametrize(
    ("personal_id", "kind", "year"),
    [("092080123451", "can_cuoc_cong_dan", 1980), ("092184234562", "can_cuoc", 1984)],
)
def test_card_kind_follows_the_issue_date_and_year_the_birth_date(
    app: Flask, personal_id: str, kind: str, year: int
) -> None:
    """Cards issued from 1 July 2024 (Luật Căn cước) are "thẻ căn cước", earlier ones CCCD."""
    with session_scope(app) as session:
        who = session.scalars(select(Citizen.id).where(Citizen.personal_id == personal_id)).one()
        found = PopulationSource(session).fetch(who, ["citizen.id_card.kind", "citizen.birth_year"])
    assert found == {"citizen.id_card.kind": kind, "citizen.birth_year": year}


def test_every_path_and_category_has_an_english_name() -> None:
    """The consent page in English lists what will be read in English."""
    assert [p.path for p in PATHS.values() if not p.label_en or p.label_en == p.label] == [
        "citizen.email"  # the same word in both languages
    ]
    assert set(CATEGORIES_EN) == set(CATEGORIES)
    assert PATHS["citizen.mother.full_name"].label_in("en") == "Mother's full name"
    assert PATHS["citizen.mother.full_name"].label_in("vi") == "Họ, chữ đệm và tên của mẹ"
