"""``formsvc report burden``: the figures per form in text, JSON and Markdown, for a complete
record and for a real seeded citizen, and the Done-when target over the catalogue."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask

from formsvc.reports import catalogue, complete_record_burden, median_saved_share
from formsvc.reports.formats import as_markdown
from tests.conftest import FORM_DEFINITIONS, ROOT

NGOC = "092184234562"
KHOI = "092210345673"  # Nguyễn Minh Khôi, 15: no spouse, no phone, no email


def _json(app: Flask, *args: str) -> list[dict[str, object]]:
    result = app.test_cli_runner().invoke(args=["report", "burden", "--json", *args])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert list(document) == ["forms"]
    return list(document["forms"])


def test_json_has_the_stable_shape_for_every_form(app: Flask) -> None:
    forms = _json(app)
    assert [form["id"] for form in forms] == sorted(p.stem for p in FORM_DEFINITIONS.glob("*.json"))
    for form in forms:
        assert list(form) == [
            "id", "code", "title", "fields", "prefilled", "to_type", "saved_share",
        ]  # fmt: skip
        assert form["to_type"] == form["fields"] - form["prefilled"]  # type: ignore[operator]
        assert 0 <= form["saved_share"] <= 1  # type: ignore[operator]
    ct01 = next(form for form in forms if form["id"] == "ct01")
    assert ct01 == {
        "id": "ct01", "code": "CT01", "title": "Tờ khai thay đổi thông tin cư trú",
        "fields": 11, "prefilled": 9, "to_type": 2, "saved_share": 0.8182,
    }  # fmt: skip


def test_a_complete_record_types_at_most_half_the_median_form() -> None:
    rows = complete_record_burden(catalogue(FORM_DEFINITIONS))
    assert len(rows) >= 8
    assert median_saved_share(rows) >= 0.5


def test_text_output_is_a_table_with_the_median(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["report", "burden"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["Form", "Fields", "Prefilled", "To", "type", "Saved"]
    assert lines[1].split() == ["ct01", "11", "9", "2", "82%"]
    assert lines[-1].startswith("Median saved share: ")


def test_a_real_citizen_gets_only_what_their_record_holds(app: Flask) -> None:
    complete = {form["id"]: form for form in _json(app)}
    ngoc = {form["id"]: form for form in _json(app, "--citizen", NGOC)}
    khoi = {form["id"]: form for form in _json(app, "--citizen", KHOI)}
    for form_id, form in complete.items():
        assert ngoc[form_id]["fields"] == form["fields"]
        assert ngoc[form_id]["prefilled"] <= form["prefilled"]  # type: ignore[operator]
    # Ngọc has no email and no linked parents: the passport form asks her for those.
    assert ngoc["tk01-ho-chieu"]["prefilled"] == complete["tk01-ho-chieu"]["prefilled"] - 6  # type: ignore[operator]
    # Khôi has no spouse: the marriage form's groom column is his to type.
    assert khoi["ket-hon"]["prefilled"] < ngoc["ket-hon"]["prefilled"]  # type: ignore[operator]


def test_an_unknown_citizen_is_a_usage_error(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["report", "burden", "--citizen", "000000000000"])
    assert result.exit_code == 2
    assert "no citizen with personal ID 000000000000" in result.output


def test_docs_catalogue_is_the_generated_page(app: Flask) -> None:
    """docs/catalogue.md is regenerated with ``formsvc report burden --markdown``."""
    result = app.test_cli_runner().invoke(args=["report", "burden", "--markdown"])
    assert result.exit_code == 0
    page = (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    assert page == result.output
    rows = complete_record_burden(catalogue(FORM_DEFINITIONS))
    assert result.output == as_markdown(rows) + "\n"
    for row in rows:
        assert str(row.document.meta["legal_basis"]) in page
        assert str(row.document.meta["agency"]) in page


def test_catalogue_reads_the_configured_directory(tmp_path: Path) -> None:
    assert catalogue(tmp_path) == []
    assert median_saved_share([]) == 0.0
