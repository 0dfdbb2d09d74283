"""The status graph: every allowed move succeeds, every other one is refused."""

from __future__ import annotations

import itertools

import pytest
from flask import Flask
from sqlalchemy import select, update

from formsvc.db import session_scope
from formsvc.demo import DemoAccount
from formsvc.submissions import (
    STATUSES,
    TRANSITIONS,
    Submission,
    TransitionRefused,
    allowed,
    transition,
)
from formsvc.submissions.lifecycle import NOTE_REQUIRED
from tests.conftest import store_submission

# A path from "received" to each status, so a test can put a submission anywhere in the graph.
ROUTE = {
    "received": [],
    "in_processing": ["in_processing"],
    "needs_information": ["in_processing", "needs_information"],
    "completed": ["in_processing", "completed"],
    "rejected": ["in_processing", "rejected"],
}
PAIRS = list(itertools.product(STATUSES, STATUSES))


def _at(app: Flask, account: DemoAccount, status: str) -> str:
    code = store_submission(app, account)
    with session_scope(app) as session:
        submission = session.scalars(select(Submission).filter_by(tracking_code=code)).one()
        for step in ROUTE[status]:
            transition(session, submission, step, "ghi chú")
    return code


@pytest.mark.parametrize(("start", "target"), PAIRS)
def test_every_pair_of_statuses(
    app: Flask, demo_accounts: list[DemoAccount], start: str, target: str
) -> None:
    code = _at(app, demo_accounts[0], start)
    with session_scope(app) as session:
        submission = session.scalars(select(Submission).filter_by(tracking_code=code)).one()
        before = len(submission.history)
        if target in TRANSITIONS[start]:
            change = transition(session, submission, target, "Lý do", actor_account_id=None)
            assert submission.status == target and change.note == "Lý do"
            assert len(submission.history) == before + 1
            assert submission.change_seq == change.id
        else:
            with pytest.raises(TransitionRefused) as refused:
                transition(session, submission, target, "Lý do")
            assert refused.value.field == "status" and "Không thể chuyển" in refused.value.message
            assert submission.status == start and len(submission.history) == before


def test_graph_shape() -> None:
    assert allowed("received") == ["in_processing"]
    assert allowed("in_processing") == ["needs_information", "completed", "rejected"]
    assert allowed("needs_information") == ["in_processing", "completed", "rejected"]
    assert allowed("completed") == allowed("rejected") == []


@pytest.mark.parametrize("target", sorted(NOTE_REQUIRED))
def test_requests_and_rejections_need_a_note(
    app: Flask, demo_accounts: list[DemoAccount], target: str
) -> None:
    code = _at(app, demo_accounts[0], "in_processing")
    with session_scope(app) as session:
        submission = session.scalars(select(Submission).filter_by(tracking_code=code)).one()
        with pytest.raises(TransitionRefused) as refused:
            transition(session, submission, target, "   ")
        assert refused.value.field == "note"


def test_unknown_status_and_lost_race_are_refused(
    app: Flask, demo_accounts: list[DemoAccount]
) -> None:
    code = _at(app, demo_accounts[0], "received")
    with session_scope(app) as session:
        submission = session.scalars(select(Submission).filter_by(tracking_code=code)).one()
        with pytest.raises(TransitionRefused):
            transition(session, submission, "archived")
        # Another officer moved it meanwhile: this copy still says "received".
        session.execute(
            update(Submission)
            .where(Submission.id == submission.id)
            .values(status="in_processing")
            .execution_options(synchronize_session=False)
        )
        assert submission.status == "received"
        with pytest.raises(TransitionRefused) as refused:
            transition(session, submission, "in_processing")
        assert "meanwhile" in refused.value.message_en
