"""The same matrix through the JSON API (``POST /api/v1/submissions`` with a
``submissions:write`` key): empty data, each required answer left out, wrong answers of
every kind (fixed and hypothesis-drawn), the wrong shapes, too big, twice with one
idempotency key, two at once. Nothing may answer 5xx; every refusal is a problem+json whose
``errors[].path`` names the field, with nothing stored."""

from __future__ import annotations

import json
import threading

from hypothesis import HealthCheck, Phase, given, settings

from tests.journeys.cases import DRAWN_EXAMPLES, api_cases, closed, drawn_slots, replaced
from tests.journeys.forms import Spot
from tests.journeys.journey import Journey, Outcome, missing_required
from tests.journeys.values import Mistake, brief

DRAWN = settings(
    max_examples=DRAWN_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def test_empty_data_and_wrong_shapes(journey: Journey) -> None:
    since = len(journey.failures)
    key = journey.api_key()
    before = journey.stored()
    # Empty: only the verified values (put back by the service) are there.
    missing = [spot.path for spot in missing_required(journey.root, journey.verified)]
    empty = journey.api_post("API: empty data", key, json=journey.body({}))
    if missing:
        journey.api_refused("API: empty data", empty, before, *missing)
    for case, data in (("API: data is a list", []), ("API: data is text", "x")):
        journey.api_refused(case, journey.api_post(case, key, json=journey.body(data)), before,
                            ("data",))  # fmt: skip
    if closed(journey):
        case = "API: a property the form does not have"
        sent = journey.body({**journey.valid, "khong_co_truong_nay": "x"})
        journey.api_refused(case, journey.api_post(case, key, json=sent), before,
                            ("khong_co_truong_nay",))  # fmt: skip
    case = "API: too big"
    huge = journey.body({**journey.valid, "recipient": "x" * 300_000})
    journey.api_refused(case, journey.api_post(case, key, json=huge), before, status=413)
    # The same name twice in one object: JSON leaves it undefined which one counts.
    case = "API: the same field twice"
    first = next(iter(journey.valid))
    text = json.dumps(journey.body(journey.valid), ensure_ascii=False)
    twice = text.replace('"data": {', f'"data": {{"{first}": "giá trị thứ hai", ', 1)
    outcome = journey.api_post(case, key, data=twice.encode(), content_type="application/json")
    if outcome.status in (400, 422):
        journey.api_refused(case, outcome, before, status=outcome.status)
    elif outcome.status not in (201, 500):
        journey.fail(case, outcome.status, "neither stored nor refused")
    journey.assert_clean(since)


def test_each_required_answer_missing_and_each_wrong_answer(journey: Journey) -> None:
    since = len(journey.failures)
    key = journey.api_key()
    cases = api_cases(journey)
    assert cases, "a form with no case to try"
    for case in cases:
        before = journey.stored()
        outcome = journey.api_post(f"API: {case.name}", key, json=journey.body(case.data))
        journey.api_refused(f"API: {case.name}", outcome, before, case.path)
    journey.assert_clean(since)


def _drawn(journey: Journey, key: dict[str, str], spot: Spot, mistake: Mistake) -> None:
    assert mistake.api_drawn is not None

    @DRAWN
    @given(mistake.api_drawn)
    def send(value: object) -> None:
        case = f"API: generated {mistake.case}: {spot.name} = {brief(value)}"
        before = journey.stored()
        data = replaced(journey.valid, spot.path, value)
        outcome = journey.api_post(case, key, json=journey.body(data))
        journey.api_refused(case, outcome, before, spot.path)

    send()


def test_generated_wrong_answers(journey: Journey) -> None:
    since = len(journey.failures)
    key = journey.api_key()
    for spot, mistake in drawn_slots(journey, "api"):
        _drawn(journey, key, spot, mistake)
    journey.assert_clean(since)


def test_valid_answers_twice_with_one_key_and_two_at_once(journey: Journey) -> None:
    since = len(journey.failures)
    key = journey.api_key()
    before = journey.stored()
    body = journey.body(journey.valid, idempotency_key=f"{journey.form_id}-1")
    first = journey.api_post("API: valid answers", key, json=body)
    again = journey.api_post("API: the same idempotency key again", key, json=body)
    codes = {o.response.get_json()["tracking_code"] for o in (first, again)
             if o.response is not None and o.status == 201}  # fmt: skip
    if first.status != 201:
        journey.fail("API: valid answers", first.status, str(first.response and
                     first.response.get_json(silent=True)))  # fmt: skip
    elif len(codes) != 1 or journey.stored() != before + 1:
        journey.fail("API: the same idempotency key again", again.status,
                     f"tracking codes {codes}, {journey.stored() - before} stored")  # fmt: skip

    racing = journey.body(journey.valid, idempotency_key=f"{journey.form_id}-2")
    outcomes: list[Outcome] = []
    start = threading.Barrier(2, timeout=30)

    def send() -> None:
        start.wait()
        outcomes.append(journey.api_post("API: two at once, one key", key, json=racing))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    statuses = sorted(o.status for o in outcomes)
    raced = {o.response.get_json()["tracking_code"] for o in outcomes
             if o.response is not None and o.status == 201}  # fmt: skip
    if statuses != [201, 201] or len(raced) != 1:
        journey.fail("API: two at once, one key", str(statuses), f"tracking codes {raced}")
    if journey.stored() != before + 2:
        journey.fail("API: two at once, one key", "-", f"{journey.stored() - before} stored")
    journey.assert_clean(since)
