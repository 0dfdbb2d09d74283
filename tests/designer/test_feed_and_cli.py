"""The publication feed (parsed by a real feed parser), the CLI, and staff-typed markup."""

from __future__ import annotations

import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlalchemy import select

from formsvc.db import session_scope
from formsvc.schemas import FormVersion
from formsvc.schemas.actions import StaffAction
from tests.conftest import Citizen
from tests.designer.helpers import create_form, operate, publish

ATOM = "{http://www.w3.org/2005/Atom}"
SCRIPT = "<script>alert(1)</script>"


def _check_atom(xml: bytes) -> ET.Element:
    """RFC 4287: a feed has id, title, updated, an author, and entries with id, title,
    updated and links; ids are absolute IRIs."""
    root = ET.fromstring(xml)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "summary"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
        assert ":" in (entry.findtext(f"{ATOM}id") or "")
        rels = {link.get("rel") for link in entry.findall(f"{ATOM}link")}
        assert {"alternate", "describedby"} <= rels
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    return root


def test_the_catalogue_feed_is_valid_atom(client: FlaskClient) -> None:
    response = client.get("/feeds/forms.atom")
    assert response.status_code == 200
    assert response.content_type.startswith("application/atom+xml")
    _check_atom(response.data)
    parsed = feedparser.parse(response.data)
    ct01 = next(e for e in parsed.entries if e.id == "urn:formsvc:form:ct01:version:1")
    assert ct01.title.startswith("CT01 — ")
    assert "Căn cứ pháp lý: Thông tư số 66/2023/TT-BCA" in ct01.summary
    links = {link.rel: link.href for link in ct01.links}
    assert links["describedby"].endswith("/forms/ct01/versions/1.json")
    assert links["alternate"].endswith("/forms/ct01/versions/1/changes")
    assert client.get(links["describedby"]).json["x-form"]["code"] == "CT01"
    assert client.get("/feeds/forms/ct01.atom").status_code == 200
    assert client.get("/feeds/forms/nope.atom").status_code == 404


def test_staff_typed_markup_stays_text_everywhere(
    designer: Citizen, form_id: str, app: Flask, demo_accounts: list
) -> None:
    client = designer.client
    create_form(client, form_id, title=f"Tờ khai {SCRIPT}")
    operate(client, form_id, "add", name="note", kind="text", label=f"Ghi chú {SCRIPT}")
    operate(client, form_id, "update", path="note", label=f"Ghi chú {SCRIPT}",
            hint=f"Gợi ý {SCRIPT}")  # fmt: skip
    editor = client.get(f"/staff/forms/{form_id}")
    assert SCRIPT not in editor.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in editor.text
    preview = client.get(f"/staff/forms/{form_id}/preview")
    assert SCRIPT not in preview.text and "&lt;script&gt;" in preview.text
    assert publish(client, form_id, note=f"Ghi chú {SCRIPT}").status_code == 303
    assert SCRIPT not in client.get(f"/staff/forms/{form_id}/versions").text
    assert SCRIPT not in client.get(f"/forms/{form_id}/versions/1/changes").text

    feed = client.get(f"/feeds/forms/{form_id}.atom").data
    assert SCRIPT.encode() not in feed and b"&lt;script&gt;" in feed
    root = _check_atom(feed)
    entry = root.find(f"{ATOM}entry")
    assert entry is not None and SCRIPT in (entry.findtext(f"{ATOM}title") or "")
    assert f"Nội dung thay đổi: Ghi chú {SCRIPT}" in (entry.findtext(f"{ATOM}summary") or "")

    pdf = client.get(f"/staff/forms/{form_id}/preview.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "alert(1)" in text and "<script>" in text  # printed as letters, not interpreted

    person = Citizen(client, demo_accounts[0])
    person.sign_in()
    page = client.get(f"/forms/{form_id}")
    assert page.status_code == 200
    assert SCRIPT not in page.text and "Ghi chú &lt;script&gt;" in page.text


def test_cli_publishes_a_file_and_a_draft(
    app: Flask, tmp_path: Path, designer: Citizen, form_id: str
) -> None:
    definition = {
        "title": "Tờ khai qua dòng lệnh",
        "x-form": {"id": form_id, "code": "TK98", "agency": "UBND", "legal_basis": "QĐ cũ"},
        "type": "object",
        "properties": {"note": {"type": "string", "title": "Ghi chú"}},
    }
    path = tmp_path / f"{form_id}.json"
    path.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["forms", "publish", str(path), "--note", "Ban hành", "--legal-basis", "QĐ 5"]
    )
    assert result.exit_code == 0, result.output
    assert f"{form_id}: version 1 (published)" in result.output
    again = runner.invoke(
        args=["forms", "publish", str(path), "--note", "Lại", "--legal-basis", "QĐ 5"]
    )
    assert "unchanged" in again.output

    operate(designer.client, form_id, "add", name="extra", kind="date", label="Ngày")
    by_id = runner.invoke(args=["forms", "publish", form_id, "--note", "Thêm ngày"])
    assert by_id.exit_code == 0, by_id.output
    assert f"{form_id}: version 2 (published)" in by_id.output
    missing = runner.invoke(args=["forms", "publish", form_id, "--note", "x"])
    assert missing.exit_code != 0 and "no draft" in missing.output

    with session_scope(app) as session:
        versions = session.scalars(
            select(FormVersion).where(FormVersion.form_id == form_id).order_by(FormVersion.version)
        ).all()
        assert [v.legal_basis for v in versions] == ["QĐ 5", "QĐ 5"]
        assert [v.change_note for v in versions] == ["Ban hành", "Thêm ngày"]
        actions = session.scalars(
            select(StaffAction.detail).where(
                StaffAction.form_id == form_id, StaffAction.action == "publish"
            )
        ).all()
        assert actions == ["CLI: Ban hành", "CLI: Thêm ngày"]


def test_the_diff_page_words_a_second_version(designer: Citizen, form_id: str) -> None:
    client = designer.client
    create_form(client, form_id)
    operate(client, form_id, "add", name="email", kind="email", label="Email")
    publish(client, form_id)
    operate(client, form_id, "update", path="email", label="Email", required="y")
    assert publish(client, form_id, note="Email bắt buộc").status_code == 303
    page = client.get(f"/forms/{form_id}/versions/2/changes")
    assert "Trường &#39;Email&#39; chuyển thành bắt buộc" in page.text
    assert client.get(f"/forms/{form_id}/versions/2/changes?from=x").status_code == 400
    assert client.get(f"/forms/{form_id}/versions/9/changes").status_code == 404
