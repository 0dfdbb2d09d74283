"""The JSON API: catalogue, keys and scopes, submissions, transitions, problem details."""

from __future__ import annotations

import os
import threading
from datetime import datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from formsvc.db import session_scope
from formsvc.demo import DemoAccount
from formsvc.prefill import PrefillRead
from formsvc.submissions import Submission, remote
from tests.conftest import Citizen, MakeKey, csrf_token, store_submission

HEAD_ID = "092080123451"
ANSWERS = {
    "recipient": "Công an phường Ninh Kiều",
    "phone": "0912345678",
    "email": "an.nguyen@example.vn",
    "request": "Đăng ký tạm trú cho con tại Phường Tân An, thành phố Cần Thơ",
}
PROBLEM = "application/problem+json"


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_catalogue_and_versions_are_public(client: FlaskClient) -> None:
    forms = client.get("/api/v1/forms").json
    assert "ct01" in [f["form_id"] for f in forms["items"]]
    latest = client.get("/api/v1/forms/ct01").json
    assert latest["version"] >= 1 and latest["document"]["type"] == "object"
    versions = client.get("/api/v1/forms/ct01/versions").json["items"]
    assert [v["version"] for v in versions] == list(range(1, len(versions) + 1))
    one = client.get(versions[0]["href"])
    assert one.status_code == 200 and one.json["version"] == 1
    for url in ("/api/v1/forms/nope", "/api/v1/forms/ct01/versions/99", "/api/v1/nothing"):
        missing = client.get(url)
        assert missing.status_code == 404 and missing.mimetype == PROBLEM


def test_openapi_document_is_valid(client: FlaskClient) -> None:
    from openapi_spec_validator import validate

    document = client.get("/api/v1/openapi.json").json
    validate(document)
    assert document["openapi"].startswith("3.1")


def test_no_key_is_401_and_a_key_without_the_scope_is_403(
    app: Flask, client: FlaskClient, make_key: MakeKey, demo_accounts: list[DemoAccount]
) -> None:
    code = store_submission(app, demo_accounts[0])
    assert client.get("/api/v1/submissions").status_code == 401
    bad = client.get("/api/v1/submissions", headers=_bearer("fsk_wrong"))
    assert bad.status_code == 401 and bad.mimetype == PROBLEM and "WWW-Authenticate" in bad.headers
    assert (
        client.get("/api/v1/submissions", headers={"Authorization": "Basic x"}).status_code == 401
    )
    write_only = _bearer(make_key("submissions:write"))
    for method, url in [
        ("GET", "/api/v1/submissions"),
        ("GET", f"/api/v1/submissions/{code}"),
        ("GET", f"/api/v1/submissions/{code}/application.pdf"),
        ("GET", "/api/v1/submissions/export"),
        ("POST", f"/api/v1/submissions/{code}/transitions"),
    ]:
        response = client.open(url, method=method, headers=write_only, json={"status": "x"})
        assert response.status_code == 403, url
        assert response.json["status"] == 403
    read_only = _bearer(make_key("submissions:read"))
    created = client.post("/api/v1/submissions", headers=read_only, json={})
    assert created.status_code == 403


def test_revoked_key_is_401(app: Flask, client: FlaskClient, make_key: MakeKey) -> None:
    secret = make_key("submissions:read")
    assert client.get("/api/v1/submissions", headers=_bearer(secret)).status_code == 200
    runner = app.test_cli_runner()
    assert runner.invoke(args=["apikey", "revoke", "test-0"]).exit_code == 0
    assert client.get("/api/v1/submissions", headers=_bearer(secret)).status_code == 401
    assert runner.invoke(args=["apikey", "revoke", "test-0"]).exit_code != 0


def test_cli_prints_the_key_once_and_stores_its_hash(app: Flask, client: FlaskClient) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["apikey", "create", "--name", "portal", "--scope", "submissions:read"]
    )
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip()
    assert secret.startswith("fsk_")
    with session_scope(app) as session:
        from formsvc.apikeys import ApiKey

        stored = session.scalars(select(ApiKey).filter_by(name="portal")).one()
        assert secret not in stored.key_hash and stored.scopes == ["submissions:read"]
    assert client.get("/api/v1/submissions", headers=_bearer(secret)).status_code == 200
    again = runner.invoke(
        args=["apikey", "create", "--name", "portal", "--scope", "submissions:read"]
    )
    assert again.exit_code != 0


def test_system_submits_for_a_citizen_with_prefill_rules(
    app: Flask, client: FlaskClient, full_key: dict[str, str]
) -> None:
    body = {"form_id": "ct01", "personal_id": HEAD_ID, "data": ANSWERS}
    created = client.post("/api/v1/submissions", headers=full_key, json=body)
    assert created.status_code == 201, created.json
    record = created.json
    assert record["status"] == "received" and record["form_code"]
    assert created.headers["Location"] == record["href"]
    assert record["data"]["full_name"]  # the verified value was put back
    assert any(not p["edited"] for p in record["prefill"].values())
    with session_scope(app) as session:
        read = session.scalars(select(PrefillRead)).first()
        assert read is not None and "test-" in read.purpose

    tampered = {**body, "data": {**ANSWERS, "full_name": "Kẻ Giả Mạo"}}
    refused = client.post("/api/v1/submissions", headers=full_key, json=tampered)
    assert refused.status_code == 422 and refused.mimetype == PROBLEM
    assert {"path": ["full_name"]}.items() <= refused.json["errors"][0].items()
    assert refused.json["errors"][0]["message_en"]

    invalid = client.post(
        "/api/v1/submissions", headers=full_key, json={**body, "data": {"phone": "abc"}}
    )
    assert invalid.status_code == 422
    paths = [e["path"] for e in invalid.json["errors"]]
    assert ["phone"] in paths and ["request"] in paths


@pytest.mark.parametrize(
    ("body", "status", "path"),
    [
        ({"personal_id": HEAD_ID, "data": {}}, 422, ["form_id"]),
        ({"form_id": "nope", "personal_id": HEAD_ID, "data": {}}, 422, ["form_id"]),
        ({"form_id": "ct01", "data": {}}, 422, ["personal_id"]),
        ({"form_id": "ct01", "personal_id": "000000000000", "data": {}}, 422, ["personal_id"]),
        ({"form_id": "ct01", "personal_id": HEAD_ID, "data": []}, 422, ["data"]),
        ({"form_id": "ct01", "personal_id": HEAD_ID, "data": {}, "form_version": 99}, 422,
         ["form_version"]),
    ],
)  # fmt: skip
def test_bad_bodies_are_field_errors(
    client: FlaskClient,
    full_key: dict[str, str],
    body: dict[str, object],
    status: int,
    path: list[str],
) -> None:
    response = client.post("/api/v1/submissions", headers=full_key, json=body)
    assert response.status_code == status and response.mimetype == PROBLEM
    assert response.json["errors"][0]["path"] == path


def test_malformed_bodies(client: FlaskClient, full_key: dict[str, str]) -> None:
    url = "/api/v1/submissions"
    broken = client.post(url, headers=full_key, data="{", content_type="application/json")
    assert broken.status_code == 400 and broken.mimetype == PROBLEM
    not_json = client.post(url, headers=full_key, data="a=b")
    assert not_json.status_code == 415
    array = client.post(url, headers=full_key, json=[1])
    assert array.status_code == 400
    huge = client.post(url, headers=full_key, json={"data": {"x": "y" * 300_000}})
    assert huge.status_code == 413 and huge.mimetype == PROBLEM


def test_idempotency_key_makes_one_submission(
    client: FlaskClient, full_key: dict[str, str]
) -> None:
    body = {"form_id": "ct01", "personal_id": HEAD_ID, "data": ANSWERS, "idempotency_key": "k-1"}
    first = client.post("/api/v1/submissions", headers=full_key, json=body)
    second = client.post("/api/v1/submissions", headers=full_key, json=body)
    assert first.json["tracking_code"] == second.json["tracking_code"]
    listed = client.get("/api/v1/submissions", headers=full_key).json["items"]
    assert len(listed) == 1


def test_list_filters_and_cursor_pages(
    app: Flask, client: FlaskClient, full_key: dict[str, str], demo_accounts: list[DemoAccount]
) -> None:
    codes = [store_submission(app, demo_accounts[0]) for _ in range(5)]
    seen: list[str] = []
    url = "/api/v1/submissions?limit=2&form_id=ct01&status=received"
    while url:
        page = client.get(url, headers=full_key).json
        seen += [s["tracking_code"] for s in page["items"]]
        url = (
            f"/api/v1/submissions?limit=2&cursor={page['next_cursor']}"
            if page["next_cursor"]
            else ""
        )
    assert seen == codes[::-1]
    assert client.get("/api/v1/submissions?status=x", headers=full_key).status_code == 400
    assert client.get("/api/v1/submissions?limit=0", headers=full_key).status_code == 400
    assert client.get("/api/v1/submissions?cursor=zz", headers=full_key).status_code == 400


def test_transitions_over_the_api(
    app: Flask, client: FlaskClient, full_key: dict[str, str], demo_accounts: list[DemoAccount]
) -> None:
    code = store_submission(app, demo_accounts[0])
    url = f"/api/v1/submissions/{code}/transitions"
    assert client.post(url, headers=full_key, json={"status": "completed"}).status_code == 409
    moved = client.post(url, headers=full_key, json={"status": "in_processing"})
    assert moved.status_code == 200 and moved.json["status"] == "in_processing"
    no_note = client.post(url, headers=full_key, json={"status": "rejected"})
    assert no_note.status_code == 422 and no_note.json["errors"][0]["path"] == ["note"]
    unknown = client.post(url, headers=full_key, json={"status": "archived"})
    assert unknown.status_code == 422
    done = client.post(url, headers=full_key, json={"status": "rejected", "note": "Thiếu giấy tờ"})
    assert [h["status"] for h in done.json["history"]] == ["received", "in_processing", "rejected"]
    missing = client.post("/api/v1/submissions/AAAA-BBBB-CCCC/transitions", headers=full_key,
                          json={"status": "in_processing"})  # fmt: skip
    assert missing.status_code == 404


def test_citizen_session_sees_only_their_own(
    app: Flask, client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    mine = store_submission(app, demo_accounts[1])
    theirs = store_submission(app, demo_accounts[0])
    Citizen(client, demo_accounts[1]).sign_in()
    listed = client.get("/api/v1/submissions").json["items"]
    assert [s["tracking_code"] for s in listed] == [mine]
    assert client.get(f"/api/v1/submissions/{mine}").status_code == 200
    for url in (f"/api/v1/submissions/{theirs}", f"/api/v1/submissions/{theirs}/application.pdf"):
        assert client.get(url).status_code == 404
    assert client.get("/api/v1/submissions/export").status_code == 403
    assert client.get(f"/api/v1/submissions/{mine}/application.pdf").mimetype == "application/pdf"


def test_citizen_session_posts_need_the_csrf_token(
    client: FlaskClient, demo_accounts: list[DemoAccount]
) -> None:
    person = Citizen(client, demo_accounts[0])
    person.sign_in()
    person.decide("ct01")
    body = {"form_id": "ct01", "data": ANSWERS}
    forged = client.post("/api/v1/submissions", json=body)
    assert forged.status_code == 400 and forged.mimetype == PROBLEM
    token = csrf_token(client.get("/forms/ct01").text)
    made = client.post("/api/v1/submissions", json=body, headers={"X-CSRFToken": token})
    assert made.status_code == 201, made.json
    assert client.get("/submissions").text.count(made.json["tracking_code"]) >= 1


@pytest.mark.skipif(
    not os.environ.get("FORMSVC_TEST_DATABASE_URL"),
    reason="SQLite serialises writers: the second request's check already sees the first",
)
def test_concurrent_requests_with_one_idempotency_key_make_one_submission(
    app: Flask, full_key: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both requests pass the "already submitted?" check before either stores: the loser of
    the race answers with the winner's submission, not a 500."""
    both_checked = threading.Barrier(2, timeout=10)
    original = remote.find_submitted
    calls: list[int] = []

    def racing(*args: object) -> object:
        found = original(*args)  # type: ignore[arg-type]
        calls.append(1)
        if len(calls) <= 2:
            both_checked.wait()
        return found

    monkeypatch.setattr(remote, "find_submitted", racing)
    body = {"form_id": "ct01", "personal_id": HEAD_ID, "data": ANSWERS, "idempotency_key": "k-2"}
    answers: list[tuple[int, str]] = []

    def send() -> None:
        response = app.test_client().post("/api/v1/submissions", headers=full_key, json=body)
        answers.append((response.status_code, response.json["tracking_code"]))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(answers) == 2 and {status for status, _ in answers} == {201}
    assert len({code for _, code in answers}) == 1
    with session_scope(app) as session:
        assert len(session.scalars(select(Submission)).all()) == 1


def test_list_filters_by_submission_time(
    app: Flask, client: FlaskClient, full_key: dict[str, str], demo_accounts: list[DemoAccount]
) -> None:
    days = ["2026-03-01T09:00:00+07:00", "2026-03-02T09:00:00+07:00", "2026-03-03T09:00:00+07:00"]
    codes = [store_submission(app, demo_accounts[0]) for _ in days]
    with session_scope(app) as session:
        for code, day in zip(codes, days, strict=True):
            stored = session.scalars(select(Submission).filter_by(tracking_code=code)).one()
            stored.submitted_at = datetime.fromisoformat(day)

    def listed(query: str) -> list[str]:
        response = client.get(f"/api/v1/submissions?{query}", headers=full_key)
        assert response.status_code == 200, response.json
        return [s["tracking_code"] for s in response.json["items"]]

    assert listed("submitted_from=2026-03-02T02:00:00Z") == [codes[2], codes[1]]
    assert listed("submitted_until=2026-03-02T02:00:00Z") == [codes[0]]
    # A zone-less moment is UTC: 01:59 UTC on 2 March is before the second one (02:00 UTC).
    assert listed("submitted_from=2026-03-01&submitted_until=2026-03-02T01:59") == [codes[0]]
    bad = client.get("/api/v1/submissions?submitted_until=yesterday", headers=full_key)
    assert bad.status_code == 400 and bad.json["errors"][0]["path"] == ["submitted_until"]
