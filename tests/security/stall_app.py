"""Test-only WSGI entry for ``test_worker_kill.py``: the real ``create_app()``, plus a stall
at a known point of a submission's transaction, so the test can SIGKILL the worker exactly
there instead of racing a timer.

A request carrying ``X-Test-Stall: before-commit`` stops once everything its transaction
writes (the submission, its first status change, the draft's removal) has been sent to the
database but COMMIT has not; ``after-commit`` stops once COMMIT has returned but before any
response is built. Either way the worker writes its pid and the tracking code it was about
to hand out to ``$STALL_PIDFILE`` and sleeps until the test kills it. The stall applies only
to a transaction that writes a submission, so the header cannot stop an unrelated commit of
the same request. Production never loads this module: only the test points gunicorn at it.
"""

from __future__ import annotations

import os
import time
from typing import Any

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from formsvc import create_app
from formsvc.submissions import Submission

__all__ = ["HEADER", "app"]

HEADER = "X-Test-Stall"
_WROTE = "stall_app.wrote_submission"
_STALL_SECONDS = 20  # the test kills within milliseconds; this only bounds a broken test

app = create_app()
_sessions = app.extensions["formsvc.sessionmaker"]


def _stall(point: str, submission: Submission) -> None:
    if not has_request_context() or request.headers.get(HEADER) != point:
        return
    pidfile = os.environ["STALL_PIDFILE"]
    with open(f"{pidfile}.tmp", "w") as scratch:
        scratch.write(f"{os.getpid()} {submission.tracking_code}")
    os.replace(f"{pidfile}.tmp", pidfile)  # the test never reads a half-written pid
    time.sleep(_STALL_SECONDS)
    raise RuntimeError(f"worker {os.getpid()} stalled at {point} and was not killed")


@event.listens_for(_sessions, "after_flush")
def _note_submission(session: Session, _context: Any) -> None:
    for instance in session.new:
        if isinstance(instance, Submission):
            session.info[_WROTE] = instance


@event.listens_for(_sessions, "before_commit")
def _before_commit(session: Session) -> None:
    # Releasing a SAVEPOINT fires the commit events too; only the real COMMIT counts.
    if _WROTE in session.info and not session.in_nested_transaction():
        session.flush()  # send the rest (the draft's removal) too: only COMMIT is missing
        _stall("before-commit", session.info[_WROTE])


@event.listens_for(_sessions, "after_commit")
def _after_commit(session: Session) -> None:
    if _WROTE in session.info and not session.in_nested_transaction():
        _stall("after-commit", session.info.pop(_WROTE))


@event.listens_for(_sessions, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_WROTE, None)
