"""Submissions over the API: create, read, list, move, download and the export feed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from flask import Response, current_app, jsonify, request, url_for

from formsvc.db import get_session
from formsvc.prefill import Prefilled, resolve
from formsvc.prefill.consent import ConsentState, consent_state
from formsvc.schemas import FieldError, FormVersion, compiled, latest_version
from formsvc.submissions import STATUSES, Submission, TransitionRefused, find_by_code, transition
from formsvc.submissions.export import (
    BadCursor,
    as_record,
    changed_since,
    decode_cursor,
    encode_cursor,
    listed,
)
from formsvc.submissions.remote import account_for, purpose, submit_answers
from formsvc.web import dossier
from formsvc.web.api.access import Caller, require
from formsvc.web.api.blueprint import bp
from formsvc.web.api.body import json_object, string_field
from formsvc.web.api.problems import Problem

__all__ = ["MAX_LIMIT"]

MAX_LIMIT = 200
READ, WRITE, MOVE = "submissions:read", "submissions:write", "submissions:transition"


def _invalid(name: str, message: str, message_en: str) -> Problem:
    return Problem(
        422, "Unprocessable Content", errors=[FieldError((name,), "invalid", message, message_en)]
    )


def _bad_query(name: str, message_en: str) -> Problem:
    return Problem(
        400,
        "Bad Request",
        errors=[FieldError((name,), "invalid", f"Tham số “{name}” không hợp lệ", message_en)],
    )


def _limit() -> int:
    text = request.args.get("limit", "50")
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise _bad_query("limit", f"limit must be an integer from 1 to {MAX_LIMIT}")
    return int(text)


def _cursor(name: str = "cursor") -> int | None:
    text = request.args.get(name)
    if text is None:
        return None
    try:
        return decode_cursor(text)
    except BadCursor as error:
        raise _bad_query(name, "not a cursor this server handed out") from error


def _moment(name: str) -> datetime | None:
    """An ISO 8601 date-time (or date) query parameter; UTC when it names no zone."""
    text = request.args.get(name)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise _bad_query(name, f"{name} must be an ISO 8601 date-time") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _visible(caller: Caller, tracking_code: str) -> Submission:
    """The submission if this caller may see it; 404 otherwise (existence stays hidden)."""
    submission = find_by_code(get_session(), tracking_code)
    if (
        submission is None
        or submission.tracking_code != tracking_code
        or (caller.owner_id is not None and submission.account_id != caller.owner_id)
    ):
        raise Problem(404, "Not Found", f"Không có hồ sơ {tracking_code} / No such submission")
    return submission


def _record(submission: Submission) -> dict[str, Any]:
    return {
        **as_record(submission),
        "href": url_for("api.submission", tracking_code=submission.tracking_code),
    }


def _version(body: dict[str, Any]) -> FormVersion:
    form_id = string_field(body, "form_id", required=True, max_length=64)
    assert form_id is not None
    version = latest_version(get_session(), form_id)
    if version is None:
        raise _invalid("form_id", "Không có biểu mẫu này", f"No published form {form_id}")
    wanted = body.get("form_version")
    if wanted is not None and (isinstance(wanted, bool) or wanted != version.version):
        raise _invalid(
            "form_version",
            f"Chỉ nhận hồ sơ theo phiên bản mới nhất ({version.version})",
            f"Only the newest version ({version.version}) takes submissions",
        )
    return version


def _owner_and_prefill(
    caller: Caller, body: dict[str, Any], version: FormVersion
) -> tuple[int, dict[tuple[str, ...], Prefilled]]:
    """Whose submission it is, and the verified values its locked fields must keep."""
    document = compiled(version).document
    code = document.code
    if caller.account is not None:
        account = caller.account
        if consent_state(get_session(), account.id, document) is not ConsentState.AGREED:
            return account.id, {}
        system = "cổng dịch vụ công"
    else:
        assert caller.key is not None
        personal_id = string_field(body, "personal_id", required=True, max_length=12)
        found = account_for(get_session(), personal_id or "")
        if found is None:
            raise _invalid(
                "personal_id",
                "Không có công dân với số định danh cá nhân này",
                "No citizen has this personal ID number",
            )
        account, system = found, caller.key.name
    assert account.citizen_id is not None
    prefilled = resolve(
        get_session(),
        document,
        account.citizen_id,
        account.id if caller.account else None,
        purpose(code, system),
        source=current_app.config["PREFILL_SOURCE"],
    )
    return account.id, prefilled


@bp.post("/submissions")
def create() -> tuple[Response, int, dict[str, str]]:
    caller = require(WRITE)
    body = json_object()
    version = _version(body)
    data = body.get("data")
    if not isinstance(data, dict):
        raise _invalid("data", "“data” phải là một đối tượng JSON", "“data” must be an object")
    key = string_field(body, "idempotency_key", required=False, max_length=36)
    account_id, prefilled = _owner_and_prefill(caller, body, version)
    submission, intake = submit_answers(get_session(), version, account_id, data, prefilled, key)
    if submission is None:
        get_session().commit()  # the audit rows of the prefill read stay
        raise Problem(422, "Unprocessable Content", "The answers do not pass the form's rules",
                      errors=intake.errors)  # fmt: skip
    get_session().commit()
    href = url_for("api.submission", tracking_code=submission.tracking_code)
    return jsonify(_record(submission)), 201, {"Location": href}


@bp.get("/submissions")
def index() -> Response:
    caller = require(READ)
    status = request.args.get("status")
    if status is not None and status not in STATUSES:
        raise _bad_query("status", f"status must be one of {', '.join(STATUSES)}")
    limit = _limit()
    rows = listed(
        get_session(),
        account_id=caller.owner_id,
        form_id=request.args.get("form_id"),
        status=status,
        submitted_from=_moment("submitted_from"),
        submitted_until=_moment("submitted_until"),
        before=_cursor(),
        limit=limit,
    )
    more = encode_cursor(rows[-1].id) if len(rows) == limit else None
    return jsonify({"items": [_record(s) for s in rows], "next_cursor": more})


@bp.get("/submissions/export")
def export() -> Response:
    """NDJSON, oldest change first; each line carries the cursor to resume after it."""
    require(READ, citizens=False)
    rows = changed_since(get_session(), _moment("since"), _cursor() or 0, _limit())
    lines = [
        json.dumps({**as_record(s), "cursor": encode_cursor(s.change_seq or 0)}, ensure_ascii=False)
        for s in rows
    ]
    headers = {"Next-Cursor": encode_cursor(rows[-1].change_seq or 0)} if rows else {}
    body = "".join(line + "\n" for line in lines)
    return Response(body, mimetype="application/x-ndjson", headers=headers)


@bp.get("/submissions/<tracking_code>", endpoint="submission")
def show(tracking_code: str) -> Response:
    return jsonify(_record(_visible(require(READ), tracking_code)))


@bp.post("/submissions/<tracking_code>/transitions")
def move(tracking_code: str) -> Response:
    caller = require(MOVE, citizens=False)
    found = _visible(caller, tracking_code)
    body = json_object()
    target = string_field(body, "status", required=True, max_length=32) or ""
    note = body.get("note", "")
    if not isinstance(note, str):
        raise _invalid("note", "Ghi chú phải là chuỗi ký tự", "“note” must be a string")
    try:
        transition(
            get_session(), found, target, note, api_key_id=caller.key.id if caller.key else None
        )
    except TransitionRefused as refused:
        get_session().rollback()
        status = 409 if refused.field == "status" and target in STATUSES else 422
        error = FieldError((refused.field,), "transition", refused.message, refused.message_en)
        raise Problem(status, "Transition refused", refused.message_en, [error]) from refused
    get_session().commit()
    return jsonify(_record(found))


@bp.get("/submissions/<tracking_code>/application.pdf")
def pdf(tracking_code: str) -> Response:
    return dossier.application_pdf(_visible(require(READ), tracking_code))
