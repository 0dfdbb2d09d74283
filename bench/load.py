"""Load without loss: concurrent citizens submit CT01 under gunicorn; nothing acknowledged
may be lost or duplicated, nothing failed may be half-written.

Each simulated citizen signs in, consents, opens the form, fills it, checks the answers,
confirms, and fetches the receipt, a bounded number of times. Then the database is compared
with what the server acknowledged. Runs on SQLite, and on PostgreSQL when
FORMSVC_TEST_DATABASE_URL names a database it may wipe.

Run: .venv/bin/python bench/load.py [--citizens 50] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import threading
import time

from _scratch import fresh_database
from service import Browser, gunicorn
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from formsvc import create_app
from formsvc.accounts import Account, ensure_citizen_account
from formsvc.demo import prepare
from formsvc.prefill import Citizen
from formsvc.submissions import StatusChange, Submission

PASSWORD = "tai-kiem-thu-1"
_TOKEN = re.compile(r'name="token" type="hidden" value="([^"]+)"')


def _prepare(url: str, instance: str, citizens: int) -> list[str]:
    fresh_database(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "load"})
    app.instance_path = instance
    prepare(app)
    with app.extensions["formsvc.sessionmaker"]() as session, session.begin():
        has_account = select(Account.id).where(Account.citizen_id == Citizen.id).exists()
        people = session.scalars(
            select(Citizen).where(Citizen.household_id.is_not(None), ~has_account).limit(citizens)
        ).all()
        return [ensure_citizen_account(session, person, PASSWORD).username for person in people]


def _journey(
    base: str, username: str, rounds: int, sent: dict[str, str], results: list[str]
) -> Browser:
    browser = Browser(base)
    browser.post_form("/signin", {"username": username, "password": PASSWORD})
    browser.post_form("/forms/ct01/consent", {"agree": "y", "accept": "1"})
    for round_ in range(rounds):
        request = f"Đăng ký tạm trú, lượt {round_ + 1} – {username}"
        fields = {"recipient": "Công an phường Ninh Kiều", "request": request}
        status, location, _ = browser.post_form("/forms/ct01", fields)
        if status != 303:
            results.append(f"fill {status} {location.split('?')[0]}")
            continue
        _, _, review = browser.request("/forms/ct01/review")
        token = _TOKEN.search(review)
        csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', review)
        if not token or not csrf:
            results.append("review without token")
            continue
        status, location, _ = browser.request(
            "/forms/ct01/review", {"csrf_token": csrf.group(1), "token": token.group(1)}
        )
        if status == 303 and "/submissions/" in location:
            code = location.rsplit("/", 1)[-1]
            sent[code] = request
            results.append("ok" if browser.request(f"/submissions/{code}")[0] == 200 else "receipt")
        else:
            results.append(f"confirm {status}")
    return browser


def run(label: str, url: str, citizens: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as instance:
        usernames = _prepare(url, instance, citizens)
        sent: dict[str, str] = {}
        results: list[str] = []
        browsers: list[Browser] = []
        env = {"FORMSVC_DATABASE_URL": url, "FORMSVC_INSTANCE_PATH": instance,
               "FORMSVC_SECRET_KEY": "load"}  # fmt: skip
        with gunicorn(env, workers=2) as base:
            started = time.perf_counter()
            threads = [
                threading.Thread(
                    target=lambda u=u: browsers.append(_journey(base, u, rounds, sent, results))
                )
                for u in usernames
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        engine = create_engine(url)
        with Session(engine) as session:
            stored = {s.tracking_code: s for s in session.scalars(select(Submission))}
            history = session.scalar(select(StatusChange.id).order_by(StatusChange.id.desc()))
            changes = len(session.scalars(select(StatusChange)).all())
        engine.dispose()
        lost = [code for code in sent if code not in stored]
        wrong = [
            code
            for code, request in sent.items()
            if code in stored and stored[code].data["request"] != request
        ]
        extra = [code for code in stored if code not in sent]
        latencies = sorted(t for b in browsers for t in b.latencies)
        p50 = statistics.median(latencies) * 1000
        p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
        print(
            f"{label}: {len(usernames)} citizens x {rounds} rounds, {len(latencies)} requests in "
            f"{elapsed:.1f} s = {len(latencies) / elapsed:.0f} req/s, {len(sent) / elapsed:.1f} "
            f"submissions/s; p50 {p50:.0f} ms, p99 {p99:.0f} ms"
        )
        print(
            f"{label}: acknowledged {len(sent)}, stored {len(stored)}, lost {len(lost)}, "
            f"wrong data {len(wrong)}, unacknowledged stored {len(extra)}, "
            f"status rows {changes} (last id {history}), failed steps "
            f"{len([r for r in results if r != 'ok'])} {sorted(set(results) - {'ok'})}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        run("SQLite", f"sqlite:///{scratch}/load.sqlite3", options.citizens, options.rounds)
    if os.environ.get("FORMSVC_TEST_DATABASE_URL"):
        run("PostgreSQL", os.environ["FORMSVC_TEST_DATABASE_URL"], options.citizens, options.rounds)


if __name__ == "__main__":
    main()
