"""Submissions that other systems make on a citizen's behalf through the API.

A system holding an API key with ``submissions:write`` is an agency system (the national
portal, a ward's software) that has identified the citizen and recorded their agreement
itself, so the population database is read for prefill as on the web, with the key named in
the audit log's purpose. Validation is exactly the web journey's: ``check`` with the same
prefill locks against the newest published version.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from formsvc.accounts import CITIZEN, Account
from formsvc.prefill import Prefilled
from formsvc.prefill.models import Citizen
from formsvc.schemas import FormVersion, compiled
from formsvc.submissions.drafts import find_submitted
from formsvc.submissions.intake import Intake, check
from formsvc.submissions.models import Submission
from formsvc.submissions.service import create_submission

__all__ = ["account_for", "purpose", "submit_answers"]

_PURPOSE = "Điền sẵn biểu mẫu {form} theo yêu cầu của hệ thống {system} thay mặt công dân"


def purpose(form_code: str, system: str) -> str:
    return _PURPOSE.format(form=form_code, system=system)


def submit_answers(
    session: Session,
    version: FormVersion,
    account_id: int,
    answers: dict[str, Any],
    prefilled: Mapping[tuple[str, ...], Prefilled],
    idempotency_key: str | None = None,
) -> tuple[Submission | None, Intake]:
    """Check answers as the web journey does and store them if they pass.

    With an idempotency key already used by this citizen, the earlier submission comes back
    instead of a second one.
    """
    if idempotency_key:
        earlier = find_submitted(session, account_id, idempotency_key)
        if earlier is not None:
            return earlier, Intake(data=earlier.data)
    intake = check(compiled(version), answers, prefilled)
    if not intake.ok:
        return None, intake
    try:
        with session.begin_nested():  # the prefill audit rows survive a lost race
            submission = create_submission(
                session, version, account_id, intake.data, intake.provenance, idempotency_key
            )
    except IntegrityError:  # a concurrent request with the same key stored it first
        winner = find_submitted(session, account_id, idempotency_key) if idempotency_key else None
        if winner is None:
            raise
        return winner, Intake(data=winner.data)
    return submission, intake


def account_for(session: Session, personal_id: str) -> Account | None:
    """The citizen's account, opened (with no usable password) on their first API submission;
    None when the population database has no such person."""
    citizen = session.scalars(select(Citizen).where(Citizen.personal_id == personal_id)).first()
    if citizen is None:
        return None
    account = session.scalars(select(Account).where(Account.citizen_id == citizen.id)).first()
    if account is None:
        account = Account(
            username=citizen.personal_id,
            password_hash=generate_password_hash(secrets.token_urlsafe(32)),
            role=CITIZEN,
            display_name=citizen.full_name,
            citizen_id=citizen.id,
        )
        session.add(account)
        session.flush()
    return account
