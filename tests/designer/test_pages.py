"""The staff designer over HTTP: who may do what, editing, locking, publishing, audit."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from formsvc.db import session_scope
from formsvc.schemas import FormVersion
from formsvc.schemas.actions import StaffAction
from tests.conftest import Citizen, csrf_token
from tests.designer.helpers import create_form, operate, publish, revision


def test_anonymous_people_are_sent_to_sign_in(client: FlaskClient) -> None:
    for url in ("/staff/", "/staff/forms/ct01", "/staff/forms/new", "/staff/actions"):
        response = client.get(url)
        assert response.status_code == 302 and "/signin" in response.headers["Location"]


def test_citizens_are_refused(citizen: Citizen) -> None:
    assert citizen.client.get("/staff/").status_code == 403
    assert citizen.client.get("/staff/forms/ct01").status_code == 403


def test_the_list_shows_forms_with_their_prefilled_share(designer: Citizen) -> None:
    page = designer.client.get("/staff/")
    assert page.status_code == 200
    assert "CT01" in page.text and "Đã công bố" in page.text
    assert "%" in page.text and "Tạo biểu mẫu mới" in page.text


def test_officers_may_read_but_not_edit(officer: Citizen) -> None:
    client = officer.client
    page = client.get("/staff/forms/ct01")
    assert page.status_code == 200 and "Bạn chỉ có quyền xem" in page.text
    assert "Tạo biểu mẫu mới" not in client.get("/staff/").text
    token = csrf_token(page.text)
    data = {"csrf_token": token, "revision": "0", "op": "meta", "title": "Đổi"}
    assert client.post("/staff/forms/ct01", data=data).status_code == 403
    publish_data = {"csrf_token": token, "revision": "0", "change_note": "x", "legal_basis": "y"}
    assert client.post("/staff/forms/ct01/publish", data=publish_data).status_code == 403
    assert client.get("/staff/forms/new").status_code == 403


def test_posts_need_a_csrf_token(designer: Citizen) -> None:
    response = designer.client.post("/staff/forms/ct01", data={"revision": "0", "op": "meta"})
    assert response.status_code == 400


def test_build_publish_and_audit(designer: Citizen, form_id: str, app: object) -> None:
    client = designer.client
    create_form(client, form_id)
    assert operate(client, form_id, "component", name="applicant", component="person",
                   label="Người khai", prefill="citizen").status_code == 303  # fmt: skip
    assert operate(client, form_id, "add", name="kind", kind="choice",
                   label="Loại yêu cầu").status_code == 303  # fmt: skip
    operate(client, form_id, "update", path="kind", label="Loại yêu cầu",
            choices="new = Cấp mới\nrenew = Cấp lại", required="y")  # fmt: skip
    operate(client, form_id, "add", name="reason", kind="textarea", label="Lý do cấp lại")
    operate(client, form_id, "condition", path="reason", when="kind", operator="is", value="renew")
    page = client.get(f"/staff/forms/{form_id}")
    assert "Người khai" in page.text and "có điều kiện" in page.text
    response = publish(client, form_id, note="Ban hành lần đầu")
    assert response.status_code == 303, response.text
    with session_scope(app) as session:  # type: ignore[arg-type]
        version = session.scalars(select(FormVersion).where(FormVersion.form_id == form_id)).one()
        assert version.change_note == "Ban hành lần đầu"
        assert version.legal_basis == "QĐ 1/2026"
        assert version.document["x-form"]["legal_basis"] == "QĐ 1/2026"
        actions = [
            a.action
            for a in session.scalars(
                select(StaffAction).where(StaffAction.form_id == form_id).order_by(StaffAction.id)
            )
        ]
    assert actions[0] == "create" and actions[-1] == "publish"
    assert "edit:component" in actions and "edit:condition" in actions
    log = client.get(f"/staff/actions?form_id={form_id}")
    assert "publish" in log.text and "Ban hành lần đầu" in log.text
    versions = client.get(f"/staff/forms/{form_id}/versions")
    assert "Ban hành lần đầu" in versions.text
    assert client.get(f"/forms/{form_id}/versions/1.json").json == version.document


def test_a_stale_save_is_refused_and_overwrites_nothing(designer: Citizen, form_id: str) -> None:
    client = designer.client
    create_form(client, form_id)
    page = client.get(f"/staff/forms/{form_id}")
    token, stale = csrf_token(page.text), revision(page.text)
    first = {"csrf_token": token, "revision": str(stale), "op": "meta", "title": "Bản của A"}
    assert client.post(f"/staff/forms/{form_id}", data=first).status_code == 303
    second = {**first, "title": "Bản của B"}
    refused = client.post(f"/staff/forms/{form_id}", data=second)
    assert refused.status_code == 409
    assert "người khác lưu" in refused.text
    assert "Bản của A" in client.get(f"/staff/forms/{form_id}").text
    assert "refused-stale" in client.get(f"/staff/actions?form_id={form_id}").text
    as_json = client.post(
        f"/staff/forms/{form_id}", data=second, headers={"Accept": "application/json"}
    )
    assert as_json.status_code == 409 and as_json.json["conflict"] is True
    stale_publish = client.post(
        f"/staff/forms/{form_id}/publish",
        data={"csrf_token": token, "revision": str(stale), "change_note": "x", "legal_basis": "y"},
    )
    assert stale_publish.status_code == 409


def test_autosave_answers_with_the_new_revision(designer: Citizen, form_id: str) -> None:
    client = designer.client
    create_form(client, form_id)
    page = client.get(f"/staff/forms/{form_id}")
    data = {"csrf_token": csrf_token(page.text), "revision": str(revision(page.text))}
    response = client.post(
        f"/staff/forms/{form_id}",
        data={**data, "op": "add", "name": "email", "kind": "email", "label": "Email"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json["revision"] == revision(page.text) + 1


def test_json_tab_reports_problems_at_their_line_and_keeps_the_text(
    designer: Citizen, form_id: str
) -> None:
    client = designer.client
    create_form(client, form_id)
    broken = (
        '{\n  "title": "X",\n  "type": "object",\n  "properties": {\n    "a": {"type": 5}\n  }\n}'
    )
    response = operate(client, form_id, "json", document=broken)
    assert response.status_code == 422
    assert "Dòng 5" in response.text and "&#34;type&#34;: 5" in response.text
    invalid = operate(client, form_id, "json", document='{\n  "title": "X",\n}')
    assert invalid.status_code == 422 and "Dòng 3" in invalid.text
    assert "Tờ khai thử" in client.get(f"/staff/forms/{form_id}").text  # nothing was saved


def test_json_tab_saves_a_valid_document(designer: Citizen, form_id: str) -> None:
    client = designer.client
    create_form(client, form_id)
    page = client.get(f"/staff/forms/{form_id}?tab=json")
    assert 'id="json-text"' in page.text
    document = (
        '{"title": "Tờ khai từ JSON", "x-form": {"code": "TK", "agency": "A", '
        '"legal_basis": "B"}, "type": "object", "properties": '
        '{"note": {"type": "string", "title": "Ghi chú"}}}'
    )
    assert operate(client, form_id, "json", document=document).status_code == 303
    assert "Ghi chú" in client.get(f"/staff/forms/{form_id}").text


def test_publishing_refuses_errors_and_needs_a_note(designer: Citizen, form_id: str) -> None:
    client = designer.client
    create_form(client, form_id)
    operate(client, form_id, "add", name="who", kind="text", label="Ai")
    operate(client, form_id, "update", path="who", label="Ai", prefill="citizen.nothing_here")
    page = client.get(f"/staff/forms/{form_id}")
    assert "citizen.nothing_here" in page.text and "finding-error" in page.text
    assert publish(client, form_id, note="").status_code == 422
    refused = publish(client, form_id)
    assert refused.status_code == 422 and "Chưa công bố được" in refused.text


def test_edit_errors_are_shown_not_raised(designer: Citizen, form_id: str) -> None:
    client = designer.client
    create_form(client, form_id)
    response = operate(client, form_id, "add", name="Tên có dấu", kind="text", label="X")
    assert response.status_code == 422 and "Tên trường" in response.text


def test_previews_render_the_draft_prefilled(designer: Citizen, form_id: str) -> None:
    client = designer.client
    create_form(client, form_id)
    operate(client, form_id, "component", name="applicant", component="person",
            label="Người khai", prefill="citizen")  # fmt: skip
    page = client.get(f"/staff/forms/{form_id}/preview")
    assert page.status_code == 200
    assert "frame-ancestors 'self'" in page.headers["Content-Security-Policy"]
    assert "Đã xác thực" in page.text and "readonly" in page.text
    pdf = client.get(f"/staff/forms/{form_id}/preview.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    editor = client.get(f"/staff/forms/{form_id}")
    assert "frame-ancestors 'none'" in editor.headers["Content-Security-Policy"]


def test_reuse_opportunities_sit_beside_their_field(designer: Citizen, form_id: str) -> None:
    client = designer.client
    create_form(client, form_id)
    operate(client, form_id, "add", name="email", kind="email", label="Thư điện tử")
    page = client.get(f"/staff/forms/{form_id}").text
    block = page[page.index('id="field-email"') :]
    block = block[: block.index("</li>")]
    assert "reuse opportunity" in block and "citizen.email" in block
    operate(client, form_id, "update", path="email", label="Thư điện tử", prefill="citizen.email")
    assert "reuse opportunity" not in client.get(f"/staff/forms/{form_id}").text


def test_previews_of_unknown_forms_are_404_and_broken_drafts_explain(
    designer: Citizen, form_id: str
) -> None:
    client = designer.client
    assert client.get("/staff/forms/nope-nope/preview").status_code == 404
    assert client.get("/staff/forms/nope-nope/preview.pdf").status_code == 404
    create_form(client, form_id)
    broken = '{"title": "X", "type": "object", "properties": {"a": {"$ref": "#/$defs/none"}}}'
    assert operate(client, form_id, "json", document=broken).status_code == 303
    page = client.get(f"/staff/forms/{form_id}/preview")
    assert page.status_code == 200 and "Chưa xem trước được" in page.text
    assert "cannot resolve $ref" in client.get(f"/staff/forms/{form_id}").text


@pytest.mark.parametrize(
    "document",
    ['{"title": "X", "type": "object"' + ', "a": ' + "[" * 100_000 + "]" * 100_000 + "}",
     '{"title": "X", "type": "object", "maximum": NaN}',
     '{"title": "X", "type": "object", "title": "Y"}'],
    ids=["deeper than the parser", "NaN", "duplicate key"],
)  # fmt: skip
def test_json_tab_refuses_hostile_documents(designer: Citizen, form_id: str, document: str) -> None:
    create_form(designer.client, form_id)
    response = operate(designer.client, form_id, "json", document=document)
    assert response.status_code == 422 and "JSON không" in response.text
