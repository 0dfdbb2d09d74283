"""A gunicorn worker SIGKILLed in the middle of a confirm loses nothing that was acknowledged.

The real app runs under a gunicorn master with two sync workers (``stall_app`` wraps
``create_app()`` with a stall a test header switches on). A citizen's confirm stops at a
known point of its transaction, the worker writes its pid and sleeps, and the test kills it
there, so there is no timing race:

* before COMMIT: the citizen gets no answer, and the database holds no trace of the
  submission (the draft is still there); confirming again stores it exactly once;
* after COMMIT, before the response: the citizen gets no answer, but the submission is
  stored whole with its first status; confirming again (same draft token, or the same API
  idempotency key) returns the same tracking code and stores nothing more.

Meanwhile other citizens submit; whatever the server acknowledged is stored exactly once with
the data sent, the master respawns the worker, /healthz answers and SQLite's WAL database is
intact. Runs on SQLite, and on PostgreSQL when FORMSVC_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select, text

from formsvc.accounts import Account, ensure_citizen_account
from formsvc.apikeys import SCOPES, create_key
from formsvc.db import get_engine, session_scope
from formsvc.demo import DemoAccount
from formsvc.prefill import Citizen as Person
from formsvc.submissions import RECEIVED, Draft, StatusChange, Submission
from tests.conftest import ROOT, make_app

pytest.importorskip(
    "gunicorn", reason="gunicorn is not installed: this test needs a real master and workers"
)

PASSWORD = "tai-kiem-thu-1"
OTHERS = 4  # citizens submitting while the worker dies
DEADLINE = 15.0  # seconds any single wait may take before the test fails
POINTS = ("before-commit", "after-commit")
_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
_TOKEN = re.compile(r'name="token" type="hidden" value="([^"]+)"')


def _until(condition: Callable[[], bool], what: str) -> None:
    """Poll for an event the server signals (a file, a process table entry), bounded."""
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def _in_background(work: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    """Run ``work`` in a thread; the list receives its result or the exception it raised."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # examined by the test
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


@dataclass
class Server:
    base: str
    master: int
    pidfile: Path

    def workers(self) -> set[int]:
        """Live (not zombie) children of the gunicorn master, from /proc."""
        pids = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                state, parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
            except OSError:  # the process ended while we looked
                continue
            if int(parent) == self.master and state != "Z":
                pids.add(int(stat.parent.name))
        return pids

    def stall(self, work: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
        """Start ``work``, a request with the stall header; return once its worker stalls."""
        self.pidfile.unlink(missing_ok=True)  # none left over from a failed test
        thread, outcome = _in_background(work)
        _until(lambda: self.pidfile.exists() or bool(outcome), "a worker to reach the stall")
        assert self.pidfile.exists(), f"the request ended without stalling: {outcome}"
        return thread, outcome

    def kill_stalled_worker(self) -> str:
        """SIGKILL the stalled worker, then wait until the master has replaced it; the
        tracking code the worker had given the submission it was writing."""
        pid_text, code = self.pidfile.read_text().split()
        pid = int(pid_text)
        assert pid in self.workers()
        os.kill(pid, signal.SIGKILL)
        _until(lambda: pid not in self.workers() and len(self.workers()) == 2, "a respawn")
        return code


@pytest.fixture(scope="module")
def server(
    database_url: str, seeded: list[DemoAccount], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """gunicorn, 2 sync workers, on a socket bound here first (a free port, no race)."""
    scratch = tmp_path_factory.mktemp("worker-kill")
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    env = {
        **os.environ,
        "FORMSVC_DATABASE_URL": database_url,
        "FORMSVC_INSTANCE_PATH": str(scratch / "instance"),
        "FORMSVC_SECRET_KEY": "worker-kill",
        "STALL_PIDFILE": str(scratch / "stalled.pid"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"fd://{listener.fileno()}"]
    process = subprocess.Popen(
        [*command, "--log-level", "error", "tests.security.stall_app:app"],
        cwd=ROOT,
        env=env,
        pass_fds=[listener.fileno()],
    )
    listener.close()  # gunicorn holds it now
    try:
        running = Server(f"http://127.0.0.1:{port}", process.pid, scratch / "stalled.pid")
        # The socket already listens, so this waits for a worker instead of polling a port.
        with urllib.request.urlopen(f"{running.base}/healthz", timeout=60) as health:
            assert health.status == 200
        _until(lambda: len(running.workers()) == 2, "two workers")
        yield running
    finally:
        process.send_signal(signal.SIGQUIT)  # quick shutdown: also ends a stalled worker
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Browser:
    """One citizen's cookies over real HTTP; redirects are returned, not followed."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.username = username
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def request(
        self, path: str, form: dict[str, str] | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        """(status, Location, body); a connection cut by a dying worker raises ConnectionError."""
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(f"{self.base}{path}", body, headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, "", response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode()

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, str, str]:
        page = self.request(path)[2]
        token = _CSRF.search(page)
        assert token, page
        return self.request(path, {"csrf_token": token.group(1), **fields})

    def start(self) -> None:
        """Sign in and agree to prefill, as the citizen would."""
        assert (
            self.post_form("/signin", {"username": self.username, "password": PASSWORD})[0] == 303
        )
        assert self.post_form("/forms/ct01/consent", {"agree": "y", "accept": "1"})[0] == 303

    def check(self, wish: str) -> dict[str, str]:
        """Fill CT01 and open the check-your-answers page: the confirm button's fields."""
        fields = {"recipient": "Công an phường Ninh Kiều", "request": wish}
        assert self.post_form("/forms/ct01", fields)[:2] == (303, "/forms/ct01/review")
        page = self.request("/forms/ct01/review")[2]
        csrf, token = _CSRF.search(page), _TOKEN.search(page)
        assert csrf and token, page
        return {"csrf_token": csrf.group(1), "token": token.group(1)}

    def confirm(self, button: dict[str, str], stall: str = "") -> str:
        """Press confirm; the tracking code the server acknowledged with its 303."""
        status, location, body = self.request(
            "/forms/ct01/review", button, {"X-Test-Stall": stall} if stall else {}
        )
        assert status == 303 and location.startswith("/submissions/"), (status, body)
        return location.rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def people(seeded: list[DemoAccount], database_url: str) -> list[str]:
    """Citizens with accounts (not the demo ones, not test_concurrency's): one whose worker
    dies, the others submitting meanwhile, and one the API submits for."""

    app = make_app(database_url)
    with session_scope(app) as session:
        found = session.scalars(
            select(Person)
            .where(Person.household_id.is_not(None))
            .order_by(Person.id.desc())
            .offset(20)
            .limit(OTHERS + 2)
        ).all()
        names = [ensure_citizen_account(session, person, PASSWORD).username for person in found]
    get_engine(app).dispose()
    return names


def _stored(app: Flask, username: str) -> list[Submission]:
    with session_scope(app) as session:
        owner = select(Account.id).where(Account.username == username).scalar_subquery()
        rows = session.scalars(select(Submission).where(Submission.account_id == owner)).all()
        for row in rows:
            row.history  # noqa: B018 - loaded before the session closes
        return list(rows)


def _assert_intact(app: Flask, server: Server) -> None:
    """The service answers, every submission has its one first status, SQLite is sound."""
    assert urllib.request.urlopen(f"{server.base}/healthz", timeout=30).status == 200
    with session_scope(app) as session:
        submissions = session.scalar(select(func.count()).select_from(Submission))
        changes = session.scalar(select(func.count()).select_from(StatusChange))
        assert changes == submissions
        if session.get_bind().dialect.name == "sqlite":
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"


@pytest.mark.parametrize("point", POINTS)
def test_worker_killed_mid_confirm_loses_nothing_acknowledged(
    app: Flask, server: Server, people: list[str], point: str
) -> None:
    victim = Browser(server.base, people[0])
    others = [Browser(server.base, username) for username in people[1 : 1 + OTHERS]]
    wish = f"Đăng ký tạm trú – {point} – {victim.username}"
    for browser in [victim, *others]:
        browser.start()
    button = victim.check(wish)
    buttons = {o.username: o.check(f"Lượt 1 – {o.username}") for o in others}

    def journey(other: Browser) -> dict[str, str]:
        """Confirm the prepared form (in flight while the worker dies), then one more."""
        sent = {other.confirm(buttons[other.username]): f"Lượt 1 – {other.username}"}
        second = other.check(f"Lượt 2 – {other.username}")
        sent[other.confirm(second)] = f"Lượt 2 – {other.username}"
        return sent

    stalled, cut = server.stall(lambda: victim.confirm(button, stall=point))
    running = [_in_background(partial(journey, o)) for o in others]
    dying = server.kill_stalled_worker()
    stalled.join(DEADLINE)
    assert len(cut) == 1 and isinstance(cut[0], ConnectionError), cut  # not acknowledged

    before_retry = _stored(app, victim.username)
    with session_scope(app) as session:
        owner = session.scalars(select(Account).where(Account.username == victim.username)).one()
        draft = session.scalars(select(Draft).where(Draft.account_id == owner.id)).first()
    if point == "before-commit":  # rolled back whole: no row, no status, the draft kept
        assert before_retry == [] and draft is not None and draft.token == button["token"]
        with session_scope(app) as session:
            assert session.scalars(select(Submission).filter_by(tracking_code=dying)).all() == []
    else:  # committed whole: the row, its first status, and the draft gone
        assert [(s.tracking_code, s.data["request"]) for s in before_retry] == [(dying, wish)]
        assert [c.status for c in before_retry[0].history] == [RECEIVED] and draft is None

    code = victim.confirm(button)  # the citizen presses confirm again
    assert victim.request(f"/submissions/{code}")[0] == 200
    after_retry = _stored(app, victim.username)
    assert [(s.tracking_code, s.data["request"]) for s in after_retry] == [(code, wish)]
    assert [c.status for c in after_retry[0].history] == [RECEIVED]
    if point == "after-commit":
        assert code == dying  # the receipt the dying worker never sent

    acknowledged: dict[str, str] = {}
    for thread, outcome in running:
        thread.join(DEADLINE)
        assert len(outcome) == 1 and isinstance(outcome[0], dict), outcome
        acknowledged.update(outcome[0])
    # A sync worker accepts only between requests: the stalled one never took theirs.
    assert len(acknowledged) == 2 * OTHERS
    stored = {s.tracking_code: s for o in others for s in _stored(app, o.username)}
    assert sorted(stored) == sorted(acknowledged)  # exactly once each, nothing unacknowledged
    assert all(stored[c].data["request"] == sent for c, sent in acknowledged.items())
    _assert_intact(app, server)


@pytest.mark.parametrize("point", POINTS)
def test_api_submission_killed_mid_request_is_idempotent(
    app: Flask, server: Server, people: list[str], point: str
) -> None:
    with session_scope(app) as session:
        _key, secret = create_key(session, f"worker-kill-{point}", list(SCOPES))
    wish = f"Đăng ký tạm trú qua API – {point}"
    body = {
        "form_id": "ct01",
        "personal_id": people[-1],
        "data": {"recipient": "Công an phường Ninh Kiều", "request": wish},
        "idempotency_key": f"kill-{point}",
    }
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}

    def send(extra: dict[str, str]) -> tuple[int, str]:
        request = urllib.request.Request(
            f"{server.base}/api/v1/submissions", json.dumps(body).encode(), {**headers, **extra}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)["tracking_code"]

    stalled, cut = server.stall(lambda: send({"X-Test-Stall": point}))
    dying = server.kill_stalled_worker()
    stalled.join(DEADLINE)
    assert len(cut) == 1 and isinstance(cut[0], ConnectionError), cut

    before_retry = _stored(app, people[-1])
    committed = point == "after-commit"
    assert [s.tracking_code for s in before_retry] == ([dying] if committed else [])
    status, code = send({})  # the calling system retries with the same key
    assert status == 201
    after_retry = _stored(app, people[-1])
    assert [(s.tracking_code, s.data["request"]) for s in after_retry] == [(code, wish)]
    assert [c.status for c in after_retry[0].history] == [RECEIVED]
    if committed:
        assert code == dying
    _assert_intact(app, server)
