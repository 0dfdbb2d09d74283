"""One citizen walking one form: signed in once, with the form's fresh page, a complete
valid answer set built from it, and a record of every case tried and every failure.

A product crash does not stop the walk: with ``TESTING`` Flask re-raises the view's
exception in the test client, which is caught here and recorded as a 500 with the place it
was raised, so one run lists every broken case at once.
"""

from __future__ import annotations

import copy
import traceback
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

from formsvc.apikeys import create_key
from formsvc.db import get_session, session_scope
from formsvc.demo import DemoAccount
from formsvc.render import form_class, instance_from
from formsvc.schemas import CompiledForm, Node, compiled, latest_version
from formsvc.submissions import Submission, check
from tests.catalogue.browser import filled_in
from tests.conftest import Citizen, csrf_token
from tests.journeys.forms import EMPTY, Spot, member_at, spots
from tests.journeys.page import Page
from tests.journeys.values import complete
from tests.strategies import agree

__all__ = ["Failure", "Journey", "Outcome", "missing_required", "read_back"]

WRITE, READ = "submissions:write", "submissions:read"


@dataclass(frozen=True)
class Failure:
    form_id: str
    case: str
    status: int | str
    detail: str

    def __str__(self) -> str:
        return f"{self.form_id} | {self.case} | {self.status} | {self.detail}"


@dataclass
class Outcome:
    """A request's answer, or the exception that replaced it."""

    response: TestResponse | None
    crash: str | None = None

    @property
    def status(self) -> int:
        return 500 if self.response is None else self.response.status_code

    @property
    def page(self) -> Page:
        assert self.response is not None
        return Page(self.response.text)


def _crash_summary(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/formsvc/" in f.filename] or frames
    where = ours[-1]
    place = f"{where.filename.split('/formsvc/')[-1]}:{where.lineno} in {where.name}"
    return f"{type(error).__name__}: {error} (at formsvc/{place})"


def read_back(form: CompiledForm, app: Flask, values: MultiDict[str, str]) -> dict[str, Any]:
    """The answer set the service reads from posted controls (its own form class)."""
    with app.test_request_context(method="POST", data=values):
        posted = form_class(form)(meta={"csrf": False})
        return instance_from(posted, form.document.root)


def missing_required(root: Node, instance: dict[str, Any]) -> list[Spot]:
    """Required questions that apply and are unanswered: a required group left empty
    counts as one, not as each of its questions."""
    missing: list[Spot] = []
    hidden: set[tuple[str | int, ...]] = set()
    for spot in spots(root, instance):
        if any(spot.path[: len(h)] == h for h in hidden):
            continue
        value = member_at(instance, spot.path)
        asked = len(spot.path) == 1 or member_at(instance, spot.path[:-1]) not in EMPTY
        if value in EMPTY:
            hidden.add(spot.path)
            if spot.active and spot.node.required and asked:
                missing.append(spot)
    return missing


@dataclass
class Journey:
    """A signed-in citizen and one form."""

    app: Flask
    form_id: str
    account: DemoAccount
    failures: list[Failure] = field(default_factory=list)
    cases: int = 0

    def __post_init__(self) -> None:
        self.client = self.app.test_client()
        self.citizen = Citizen(self.client, self.account)
        self.citizen.sign_in()
        self.url = f"/forms/{self.form_id}"
        with self.app.app_context():
            version = latest_version(get_session(), self.form_id)
            assert version is not None, f"{self.form_id} is not published"
            self.form = compiled(version)
        self.root = self.form.document.root

    # --- recording ----------------------------------------------------------------------

    def fail(self, case: str, status: int | str, detail: str) -> None:
        self.failures.append(Failure(self.form_id, case, status, detail))

    def request(self, case: str, send: Callable[[], TestResponse]) -> Outcome:
        """One case's request; a crash is recorded, not raised."""
        self.cases += 1
        try:
            outcome = Outcome(send())
        except Exception as error:  # any crash is the finding
            outcome = Outcome(None, _crash_summary(error))
        if outcome.status >= 500:
            self.fail(case, outcome.status, outcome.crash or _excerpt(outcome))
        return outcome

    def stored(self) -> int:
        with self.app.app_context():
            return int(get_session().scalar(select(func.count()).select_from(Submission)) or 0)

    # --- the web door -------------------------------------------------------------------

    def open(self) -> Page:
        page = self.client.get(self.url)
        assert page.status_code == 200, (self.form_id, page.status_code)
        self.token = csrf_token(page.text)
        return Page(page.text)

    def post(self, case: str, data: MultiDict[str, str], action: str = "continue") -> Outcome:
        sent: MultiDict[str, str] = MultiDict(data)
        sent.setlist("csrf_token", [self.token])
        sent.setlist("_action", [action])
        return self.request(case, lambda: self.client.post(self.url, data=sent))

    def prepare(self) -> None:
        """The fresh page (consent agreed) and a complete valid answer set built on it."""
        self.fresh = self.open()
        controls = self.fresh.controls()
        self.locked = {c.name for c in controls if c.locked}
        self.disabled = {c.name for c in controls if c.disabled}
        self.kinds = {c.name: c.kind for c in controls}
        shown = MultiDict(list(self.fresh.shown().items()))
        self.shown = read_back(self.form, self.app, shown)
        locked = MultiDict([(k, v) for k, v in shown.items() if k in self.locked])
        locked_values = read_back(self.form, self.app, locked)
        instance = complete(self.root, copy.deepcopy(self.shown))
        agree(self.root, instance)
        _overlay(instance, locked_values)
        self.verified = locked_values
        verdict = check(self.form, copy.deepcopy(instance), {})
        assert verdict.ok, f"{self.form_id}: the generated answers are not valid: {verdict.errors}"
        self.valid = instance
        self.baseline: MultiDict[str, str] = self.fresh.posted()
        for name, values in filled_in(self.root, instance).items():
            if name not in self.disabled:
                self.baseline.setlist(name, values)

    def spots(self) -> Iterator[Spot]:
        """The form's places in the valid answer set that a person can change."""
        for spot in spots(self.root, self.valid):
            if spot.name not in self.locked and "const" not in spot.node.schema:
                yield spot

    def blanked(self, spot: Spot) -> MultiDict[str, str]:
        """The valid answers with one question (a group: all its questions) left empty."""
        data: MultiDict[str, str] = MultiDict(self.baseline)
        prefix = f"{spot.name}-"
        for name in list(data.keys()):
            if (name == spot.name or name.startswith(prefix)) and name not in self.locked:
                if self.kinds.get(name, "text") in ("radio", "checkbox"):
                    data.poplist(name)
                else:
                    data.setlist(name, [""])
        return data

    def refused(self, case: str, outcome: Outcome, before: int, *near: str) -> None:
        """A refusal a person can act on: 422, the summary, the message on each field."""
        if outcome.response is None or outcome.status >= 500:
            return
        if outcome.status != 422:
            self.fail(case, outcome.status, f"expected 422; {_excerpt(outcome)}")
            return
        page = outcome.page
        problems = page.refusal_problems()
        for name in near:
            if not page.error_near(name):
                problems.append(f"no message on #{name} (summary: {page.summary_targets()})")
        if self.stored() != before:
            problems.append("a submission was stored")
        if problems:
            self.fail(case, 422, "; ".join(problems))

    # --- the API door -------------------------------------------------------------------

    def api_key(self) -> dict[str, str]:
        """Headers of a fresh key that may write and read submissions."""
        with session_scope(self.app) as session:
            _key, secret = create_key(session, f"matrix-{uuid.uuid4()}", [WRITE, READ])
        return {"Authorization": f"Bearer {secret}"}

    def body(self, data: Any, **extra: Any) -> dict[str, Any]:
        return {"form_id": self.form_id, "personal_id": self.account.username, "data": data,
                **extra}  # fmt: skip

    def api_post(self, case: str, headers: dict[str, str], **kwargs: Any) -> Outcome:
        client = self.app.test_client()  # no session cookie: the key alone speaks
        return self.request(
            case, lambda: client.post("/api/v1/submissions", headers=headers, **kwargs)
        )

    def api_refused(
        self, case: str, outcome: Outcome, before: int, *paths: tuple[str | int, ...],
        status: int = 422,
    ) -> None:  # fmt: skip
        """A refusal another system can act on: problem+json whose errors name the field."""
        response = outcome.response
        if response is None or outcome.status >= 500:
            return
        problems = []
        if outcome.status != status:
            problems.append(f"expected {status}; {_excerpt(outcome)}")
        if response.mimetype != "application/problem+json":
            problems.append(f"media type {response.mimetype}")
        body = response.get_json(silent=True) or {}
        found = body.get("errors") if status == 422 else []
        errors: list[Any] = found if isinstance(found, list) else []
        if not isinstance(found, list):
            problems.append("no errors[]")
        named = [e.get("path") for e in errors if isinstance(e, dict)]
        if any(not isinstance(e, dict) or not e.get("message") or not e.get("message_en")
               or not isinstance(e.get("path"), list) for e in errors):  # fmt: skip
            problems.append(f"an error without path or message: {errors}")
        if [] in named:
            problems.append("an error that names no field (path [])")
        for path in paths:
            wanted = list(path)
            if not any(isinstance(p, list) and p[: len(wanted)] == wanted for p in named):
                problems.append(f"no error at {wanted} (errors at {named})")
        if self.stored() != before:
            problems.append("a submission was stored")
        if problems:
            self.fail(case, outcome.status, "; ".join(problems))

    def consent(self, agree: bool) -> int:
        """Answer the consent page if the form has one; the status of the answer."""
        url = f"{self.url}/consent"
        page = self.client.get(url)
        if page.status_code == 303:  # the form reads nothing: no consent to ask
            return 303
        assert page.status_code == 200, (self.form_id, page.status_code)
        choice = {"agree": "y", "accept": "Đồng ý"} if agree else {"decline": "Không đồng ý"}
        answer = self.client.post(url, data={"csrf_token": csrf_token(page.text), **choice})
        return answer.status_code

    def assert_clean(self, since: int = 0) -> None:
        """One assertion listing every failure recorded since ``since``."""
        found = self.failures[since:]
        listing = "\n".join(str(failure) for failure in found)
        assert not found, (
            f"{len(found)} failing case(s) (form | case | status | detail):\n{listing}"
        )


def _overlay(instance: dict[str, Any], verified: dict[str, Any]) -> None:
    for key, value in verified.items():
        if isinstance(value, dict) and isinstance(instance.get(key), dict):
            _overlay(instance[key], value)
        else:
            instance[key] = copy.deepcopy(value)


def _excerpt(outcome: Outcome) -> str:
    if outcome.response is None:
        return outcome.crash or ""
    text = outcome.response.text
    location = outcome.response.headers.get("Location")
    return f"Location {location}" if location else " ".join(text.split())[:200]
