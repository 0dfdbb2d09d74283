"""Many citizens submitting at once: every acknowledged submission stored exactly once, with
the data sent, and nothing half-written. (bench/load.py runs the same check at scale under
gunicorn.)"""

from __future__ import annotations

import threading

from flask import Flask
from sqlalchemy import select

from formsvc.accounts import ensure_citizen_account
from formsvc.db import session_scope
from formsvc.demo import DemoAccount
from formsvc.prefill import Citizen as Person
from formsvc.submissions import StatusChange, Submission
from tests.conftest import Citizen
from tests.web.test_citizen_journey import ANSWERS

CITIZENS = 10
PASSWORD = "tai-kiem-thu-1"


def _accounts(app: Flask) -> list[DemoAccount]:
    with session_scope(app) as session:
        people = session.scalars(
            select(Person)
            .where(Person.household_id.is_not(None))
            .order_by(Person.id.desc())
            .limit(CITIZENS)
        ).all()
        return [
            DemoAccount(
                ensure_citizen_account(session, person, PASSWORD).username,
                PASSWORD,
                person.full_name,
            )
            for person in people
        ]


def test_concurrent_citizens_lose_and_duplicate_nothing(app: Flask) -> None:
    accounts = _accounts(app)
    acknowledged: dict[str, str] = {}
    failures: list[BaseException] = []
    start = threading.Barrier(len(accounts))

    def journey(account: DemoAccount) -> None:
        try:
            citizen = Citizen(app.test_client(), account)
            citizen.sign_in()
            citizen.decide("ct01")
            request = f"Đăng ký tạm trú – {account.username}"
            start.wait()
            response = citizen.submit(
                "/forms/ct01", {**ANSWERS, "phone": "", "email": "", "request": request}
            )
            if response.status_code == 303:
                acknowledged[response.headers["Location"].rsplit("/", 1)[-1]] = request
                assert citizen.client.get(response.headers["Location"]).status_code == 200
        except BaseException as error:  # reported below, with every thread's outcome
            failures.append(error)

    threads = [threading.Thread(target=journey, args=(account,)) for account in accounts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    assert len(acknowledged) == len(accounts)
    with session_scope(app) as session:
        stored = session.scalars(select(Submission)).all()
        history = session.scalars(select(StatusChange)).all()
    assert sorted(s.tracking_code for s in stored) == sorted(acknowledged)  # exactly once each
    assert all(s.data["request"] == acknowledged[s.tracking_code] for s in stored)
    assert len(history) == len(stored)  # no submission without its first status, no orphan
