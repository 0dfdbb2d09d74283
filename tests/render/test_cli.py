"""``formsvc forms render`` and ``formsvc pdf render`` through Flask's CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from formsvc.accounts import Account
from formsvc.db import session_scope
from formsvc.prefill import PrefillRead
from formsvc.render.cache import SubmissionPdf
from formsvc.schemas import latest_version
from formsvc.submissions import create_submission
from tests.render.pdfs import form_fields, text
from tests.render.samples import DEFINITIONS

HEAD_ID = "092080123451"  # Nguyễn Văn An in the demo population


def _render(app: Flask, *args: str) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=["forms", "render", *args])
    return result.exit_code, result.output


def test_blank_form_from_the_catalogue(app: Flask, tmp_path: Path) -> None:
    output = tmp_path / "blank.pdf"
    code, printed = _render(app, "ct01", "--format", "pdf", "--blank", "-o", str(output))
    assert code == 0, printed
    pdf = output.read_bytes()
    assert "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ" in text(pdf) and form_fields(pdf) == {}


def test_fillable_form_from_a_definition_file(app: Flask, tmp_path: Path) -> None:
    definition = next(path for path in DEFINITIONS if path.stem == "household")
    output = tmp_path / "fillable.pdf"
    code, printed = _render(app, str(definition), "--fillable", "-o", str(output))
    assert code == 0, printed
    assert "members-2-full_name" in form_fields(output.read_bytes())


def test_filled_from_a_citizen_record_and_a_data_file(app: Flask, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"recipient": "Công an phường Cái Khế", "phone": "0987654321"}))
    output = tmp_path / "filled.pdf"
    args = ("ct01", "--citizen", HEAD_ID, "--data", str(answers), "-o", str(output))
    code, printed = _render(app, *args)
    assert code == 0, printed
    printed_pdf = text(output.read_bytes())
    assert "Kính gửi: Công an phường Cái Khế" in printed_pdf
    assert "1. Họ, chữ đệm và tên: Nguyễn Văn An(*)" in printed_pdf  # verified, unchanged
    assert "5. Số điện thoại liên hệ: 0987654321 " in printed_pdf  # overridden: not verified
    with session_scope(app) as session:  # reading the record for prefill is audited
        reads = session.scalars(select(PrefillRead)).all()
    assert len(reads) == 1 and reads[0].reader_account_id is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("no-such-form",), "no form 'no-such-form'"),
        (("ct01", "--citizen", "000000000000"), "no citizen"),
        (("ct01", "--blank", "--fillable"), "exclude each other"),
    ],
)
def test_refusals(app: Flask, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    code, printed = _render(app, *args, "-o", str(tmp_path / "out.pdf"))
    assert code != 0 and message in printed
    assert not (tmp_path / "out.pdf").exists()


def test_a_broken_definition_file_is_refused(app: Flask, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "Thử", "properties": {"a": {"type": "strin"}}}')
    code, printed = _render(app, str(broken), "-o", str(tmp_path / "out.pdf"))
    assert code != 0 and "error" in printed


def _submissions(app: Flask, count: int) -> None:
    with session_scope(app) as session:
        version = latest_version(session, "ct01")
        account = session.scalars(select(Account).where(Account.username == HEAD_ID)).one()
        assert version is not None
        for index in range(count):
            data = {"recipient": f"Công an phường {index}", "full_name": "Nguyễn Văn An"}
            create_submission(session, version, account.id, data, {})


def _cached(app: Flask) -> int:
    with session_scope(app) as session:
        return session.scalar(select(func.count()).select_from(SubmissionPdf)) or 0


def test_pdf_render_all_fills_the_cache_in_parallel(app: Flask) -> None:
    _submissions(app, 30)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["pdf", "render", "--since", "2999-01-01"])
    assert result.exit_code == 0 and "0 PDF(s)" in result.output
    result = runner.invoke(args=["pdf", "render", "--all", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "30 PDF(s) rendered by 2 process(es)" in result.output
    assert _cached(app) == 30
    again = runner.invoke(args=["pdf", "render", "--all"])
    assert "0 PDF(s)" in again.output and _cached(app) == 30


@pytest.mark.parametrize("args", [(), ("--all", "--since", "2026-01-01")])
def test_pdf_render_wants_all_or_since(app: Flask, args: tuple[str, ...]) -> None:
    result = app.test_cli_runner().invoke(args=["pdf", "render", *args])
    assert result.exit_code != 0 and "--all or --since" in result.output


def test_html_is_the_citizen_page_with_values_and_errors(app: Flask, tmp_path: Path) -> None:
    output = tmp_path / "ct01.html"
    code, printed = _render(
        app, "ct01", "--format", "html", "--citizen", "092080123451", "-o", str(output)
    )
    assert code == 0, printed
    page = output.read_text(encoding="utf-8")
    assert 'value="Nguyễn Văn An"' in page and 'value="14/03/1980"' in page
    assert "Kính gửi là bắt buộc" in page  # the answers so far are checked like a submission
    definition = tmp_path / "outside.json"
    definition.write_text('{"properties": {"age": {"type": "integer", "title": "Tuổi"}}}')
    answers = tmp_path / "answers.json"
    answers.write_text('{"age": "many"}')
    code, printed = _render(
        app, str(definition), "--format", "html", "--data", str(answers), "-o", str(output)
    )
    assert code == 0, printed
    assert "the form has no title" in printed  # reported, not fatal, for outside schemas
    assert "age: Tuổi không đúng kiểu dữ liệu" in printed
    assert 'value="many"' in output.read_text(encoding="utf-8")
