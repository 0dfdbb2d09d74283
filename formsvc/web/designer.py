"""Staff form designer: the list of forms, the editor, saving drafts and publishing.

Designers edit and publish; officers may look but not change. Every change is one POST
naming an operation of :mod:`formsvc.schemas.editing`, so the editor works without
JavaScript; the script only saves in the background and refreshes the preview. Each POST
carries the draft revision it was based on; a stale one is refused (409), never merged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import (
    Blueprint,
    abort,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from formsvc.accounts import Account
from formsvc.db import get_session
from formsvc.prefill import PATHS
from formsvc.schemas import (
    Finding,
    FormDocument,
    FormDraft,
    FormVersion,
    PublishRefused,
    StaleDraft,
    burden,
    check_document,
    latest_version,
    latest_versions,
    publish_draft,
    save_draft,
)
from formsvc.schemas.actions import recent_actions, record_action
from formsvc.schemas.editing import (
    COMPONENTS,
    FIELD_KINDS,
    EditError,
    add_field,
    delete_field,
    insert_component,
    iter_fields,
    move_field,
    nest_field,
    new_document,
    set_condition,
    set_meta,
    update_field,
)
from formsvc.schemas.references import component_notes
from formsvc.schemas.validation import meta_schema_problems
from formsvc.web.auth import current_account, staff_required
from formsvc.web.designer_json import JsonProblem, parse_document, pretty, problems_at_lines

__all__ = ["bp", "editor_state"]

bp = Blueprint("designer", __name__)

DESIGNER = "designer"
Form = Mapping[str, str]


@dataclass
class EditorState:
    """What the editor works on: the draft, or (before any edit) the current version."""

    form_id: str
    document: dict[str, Any]
    revision: int  # 0: no draft yet
    draft: FormDraft | None
    current: FormVersion | None


def editor_state(form_id: str) -> EditorState:
    session = get_session()
    draft = session.scalars(select(FormDraft).where(FormDraft.form_id == form_id)).first()
    current = latest_version(session, form_id)
    if draft is None and current is None:
        abort(404)
    document = draft.document if draft is not None else current.document  # type: ignore[union-attr]
    return EditorState(form_id, dict(document), draft.revision if draft else 0, draft, current)


def _account() -> Account:
    account = current_account()
    assert account is not None
    return account


# --- the list of forms -------------------------------------------------------------------


@dataclass(frozen=True)
class FormRow:
    form_id: str
    code: str
    title: str
    agency: str
    status: str
    version: int | None
    changed_at: datetime
    prefilled_share: float


def _row(form_id: str, draft: FormDraft | None, version: FormVersion | None) -> FormRow:
    document = (draft or version).document  # type: ignore[union-attr]
    meta = document.get("x-form") or {}
    times = [t for t in (draft and draft.updated_at, version and version.published_at) if t]
    if draft is not None and version is not None:
        status = _("Đã công bố, có bản nháp")
    elif draft is not None:
        status = _("Bản nháp")
    else:
        status = _("Đã công bố")
    try:
        share = burden(FormDocument(form_id, document)).saved_share
    except Exception:  # a broken draft still belongs in the list
        share = 0.0
    return FormRow(
        form_id,
        str(meta.get("code", "")),
        str(document.get("title") or form_id),
        str(meta.get("agency", "")),
        status,
        version.version if version else None,
        max(times),
        share,
    )


@bp.get("/staff/")
@staff_required()
def forms_list() -> str:
    session = get_session()
    versions = {v.form_id: v for v in latest_versions(session)}
    drafts = {d.form_id: d for d in session.scalars(select(FormDraft))}
    rows = [
        _row(form_id, drafts.get(form_id), versions.get(form_id))
        for form_id in sorted(versions.keys() | drafts.keys())
    ]
    return render_template("designer_list.html", rows=rows, can_edit=_can_edit())


def _can_edit() -> bool:
    account = current_account()
    return account is not None and account.role == DESIGNER


@bp.route("/staff/forms/new", methods=["GET", "POST"])
@staff_required(DESIGNER)
def new_form() -> Response | tuple[str, int] | str:
    if request.method == "GET":
        return render_template("designer_new.html", values={}, errors={})
    values = {k: request.form.get(k, "").strip() for k in ("form_id", "code", "title", "agency")}
    values["legal_basis"] = request.form.get("legal_basis", "").strip()
    errors = _new_form_errors(values)
    if errors:
        return render_template("designer_new.html", values=values, errors=errors), 422
    document = new_document(**values)
    session = get_session()
    try:
        save_draft(session, values["form_id"], document, _account().id, expected_revision=0)
    except StaleDraft:
        session.rollback()
        errors = {"form_id": _("Đã có biểu mẫu với mã này")}
        return render_template("designer_new.html", values=values, errors=errors), 409
    record_action(session, _account().id, "create", values["form_id"], detail=values["title"])
    session.commit()
    return redirect(url_for("designer.editor", form_id=values["form_id"]), code=303)


def _new_form_errors(values: Mapping[str, str]) -> dict[str, str]:
    errors = {}
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", values["form_id"]):
        errors["form_id"] = _(
            "Mã định danh chỉ gồm chữ thường không dấu, chữ số, gạch ngang và gạch dưới"
        )
    elif latest_version(get_session(), values["form_id"]) is not None:
        errors["form_id"] = _("Đã có biểu mẫu với mã này")
    for key, label in (
        ("code", _("Số hiệu mẫu")),
        ("title", _("Tên biểu mẫu")),
        ("agency", _("Cơ quan tiếp nhận")),
        ("legal_basis", _("Căn cứ pháp lý")),
    ):
        if not values[key]:
            errors[key] = _("%(label)s là bắt buộc", label=label)
    return errors


# --- the editor --------------------------------------------------------------------------


def _field_key(finding: Finding) -> str:
    """The editor key (``applicant.full_name``) of the field a finding is about, or ""."""
    names = []
    pointer = list(finding.pointer)
    for index, part in enumerate(pointer[:-1]):
        if part == "properties":
            names.append(str(pointer[index + 1]))
    return ".".join(names)


def _findings(form_id: str, document: Mapping[str, Any]) -> list[Finding]:
    try:
        return check_document(form_id, document, PATHS)
    except Exception as error:  # pragma: no cover - the checker reports, it should not raise
        return [Finding((), f"cannot check the form: {error}")]


def _render_editor(
    state: EditorState,
    status: int = 200,
    *,
    error: str = "",
    json_text: str | None = None,
    json_problems: list[JsonProblem] | None = None,
    tab: str = "visual",
) -> tuple[str, int]:
    findings = _findings(state.form_id, state.document)
    by_field: dict[str, list[Finding]] = {}
    for finding in findings:
        by_field.setdefault(_field_key(finding), []).append(finding)
    text = pretty(state.document)
    fields = list(iter_fields(state.document))
    try:
        share = burden(FormDocument(state.form_id, state.document)).saved_share
    except Exception:
        share = 0.0
    page = render_template(
        "designer_editor.html",
        state=state,
        meta=state.document.get("x-form") or {},
        fields=fields,
        groups=[f for f in fields if f.kind in ("group", "repeat")],
        findings=by_field,
        all_findings=findings,
        errors_count=sum(f.is_error for f in findings),
        json_text=json_text if json_text is not None else text,
        json_problems=(
            json_problems if json_problems is not None else problems_at_lines(text, findings)
        ),
        tab=tab,
        error=error,
        can_edit=_can_edit(),
        kinds=FIELD_KINDS,
        components=COMPONENTS,
        component_notes=component_notes(),
        paths=PATHS,
        share=share,
        actions=recent_actions(get_session(), state.form_id, limit=20),
    )
    return page, status


@bp.get("/staff/forms/<form_id>")
@staff_required()
def editor(form_id: str) -> tuple[str, int]:
    return _render_editor(editor_state(form_id), tab=request.args.get("tab", "visual"))


def _path(text: str | None) -> tuple[str, ...]:
    return tuple(part for part in (text or "").split(".") if part)


def _update(document: dict[str, Any], form: Form) -> dict[str, Any]:
    texts = (
        "label", "hint", "min_length", "max_length", "minimum", "maximum",
        "pattern", "pattern_message", "choices", "prefill",
    )  # fmt: skip
    values: dict[str, Any] = {key: form[key] for key in texts if key in form}
    values["required"] = form.get("required") == "y"
    values["locked"] = form.get("locked") == "y"
    return update_field(document, _path(form.get("path")), **values)


OPERATIONS: dict[str, Callable[[dict[str, Any], Form], dict[str, Any]]] = {
    "meta": lambda doc, f: set_meta(
        doc,
        **{
            k: f.get(k, "")
            for k in ("title", "code", "agency", "procedure", "legal_basis", "processing_time")
        },
    ),
    "add": lambda doc, f: add_field(
        doc,
        _path(f.get("parent")),
        f.get("name", "").strip(),
        f.get("kind", ""),
        f.get("label", ""),
    ),
    "component": lambda doc, f: insert_component(
        doc,
        _path(f.get("parent")),
        f.get("name", "").strip(),
        f.get("component", ""),
        f.get("label", ""),
        f.get("prefill", ""),
    ),
    "update": _update,
    "move": lambda doc, f: move_field(
        doc, _path(f.get("path")), -1 if f.get("direction") == "up" else 1
    ),
    "nest": lambda doc, f: nest_field(doc, _path(f.get("path")), _path(f.get("group"))),
    "delete": lambda doc, f: delete_field(doc, _path(f.get("path"))),
    "condition": lambda doc, f: set_condition(
        doc, _path(f.get("path")), f.get("when", ""), f.get("operator", "is"), f.get("value", "")
    ),
}


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _revision() -> int:
    try:
        return int(request.form.get("revision", ""))
    except ValueError:
        abort(400)


def _conflict(state: EditorState, error: StaleDraft) -> tuple[str, int] | Response:
    """409: nothing saved; the refusal itself is logged, so lost work can be traced."""
    session = get_session()
    session.rollback()
    detail = f"revision {error.expected} ≠ {error.current}"
    record_action(session, _account().id, "refused-stale", state.form_id, detail=detail)
    session.commit()
    message = _(
        "Bản nháp đã được người khác lưu (phiên bản nháp %(current)s) sau khi bạn mở nó "
        "(phiên bản nháp %(expected)s). Thay đổi của bạn chưa được lưu và không ghi đè lên "
        "của họ. Hãy tải lại trang để xem bản mới nhất rồi làm lại thay đổi.",
        current=error.current,
        expected=error.expected,
    )
    if _wants_json():
        response = jsonify(conflict=True, message=message, revision=error.current)
        response.status_code = 409
        return response
    return render_template("designer_conflict.html", state=state, message=message), 409


@bp.post("/staff/forms/<form_id>")
@staff_required(DESIGNER)
def edit(form_id: str) -> tuple[str, int] | Response:
    state = editor_state(form_id)
    expected = _revision()
    operation = request.form.get("op", "")
    if operation == "json":
        text = request.form.get("document", "")
        parsed, problems = parse_document(text)
        if parsed is not None:
            meta_problems = [Finding(p, m) for p, m in dict.fromkeys(meta_schema_problems(parsed))]
            problems = problems_at_lines(text, meta_problems)
        if parsed is None or problems:
            if _wants_json():
                response = jsonify(problems=[p.__dict__ for p in problems])
                response.status_code = 422
                return response
            error = _("JSON chưa hợp lệ nên chưa được lưu; xem các dòng bị đánh dấu.")
            return _render_editor(
                state, 422, error=error, json_text=text, json_problems=problems, tab="json"
            )
        document = parsed
    elif operation in OPERATIONS:
        try:
            document = OPERATIONS[operation](state.document, request.form)
        except EditError as error:
            return _render_editor(state, 422, error=str(error))
    else:
        abort(400)
    session = get_session()
    try:
        draft = save_draft(session, form_id, document, _account().id, expected_revision=expected)
    except StaleDraft as error:
        return _conflict(state, error)
    detail = request.form.get("path") or request.form.get("name") or ""
    record_action(session, _account().id, f"edit:{operation}", form_id, detail=detail)
    session.commit()
    if _wants_json():
        findings = _findings(form_id, document)
        return jsonify(
            revision=draft.revision,
            findings=[{"field": _field_key(f), "line": f.line("")} for f in findings],
        )
    anchor = "json" if operation == "json" else "field-" + (request.form.get("path") or "")
    return redirect(url_for("designer.editor", form_id=form_id) + "#" + anchor, code=303)


# --- publishing --------------------------------------------------------------------------


@bp.post("/staff/forms/<form_id>/publish")
@staff_required(DESIGNER)
def publish(form_id: str) -> tuple[str, int] | Response:
    state = editor_state(form_id)
    note = request.form.get("change_note", "").strip()
    legal_basis = request.form.get("legal_basis", "").strip()
    if state.draft is None:
        return _render_editor(state, 422, error=_("Không có bản nháp để công bố."))
    if state.revision != _revision():
        return _conflict(state, StaleDraft(form_id, _revision(), state.revision))
    if not note or not legal_basis:
        error = _("Khi công bố cần ghi nội dung thay đổi và căn cứ pháp lý.")
        return _render_editor(state, 422, error=error)
    session = get_session()
    before = latest_version(session, form_id)
    try:
        version = publish_draft(
            session,
            form_id,
            PATHS,
            account_id=_account().id,
            change_note=note,
            legal_basis=legal_basis,
        )
    except PublishRefused as refused:
        session.rollback()
        error = _(
            "Chưa công bố được: biểu mẫu còn %(count)s lỗi (xem bên cạnh các trường).",
            count=len(refused.findings),
        )
        return _render_editor(editor_state(form_id), 422, error=error)
    unchanged = before is not None and before.id == version.id
    record_action(
        session,
        _account().id,
        "publish-unchanged" if unchanged else "publish",
        form_id,
        version=version.version,
        detail=note,
    )
    session.commit()
    return redirect(url_for("designer.versions", form_id=form_id), code=303)


@bp.get("/staff/forms/<form_id>/versions")
@staff_required()
def versions(form_id: str) -> str:
    rows = list(
        get_session().scalars(
            select(FormVersion)
            .where(FormVersion.form_id == form_id)
            .order_by(FormVersion.version.desc())
        )
    )
    if not rows:
        abort(404)
    return render_template("designer_versions.html", form_id=form_id, versions=rows)


@bp.get("/staff/actions")
@staff_required()
def actions() -> str:
    form_id = request.args.get("form_id", "").strip()[:64] or None
    rows = recent_actions(get_session(), form_id)
    accounts = {
        a.id: a.display_name
        for a in get_session().scalars(
            select(Account).where(Account.id.in_({r.account_id for r in rows if r.account_id}))
        )
    }
    return render_template("designer_actions.html", rows=rows, accounts=accounts)
