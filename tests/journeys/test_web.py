"""The citizen's web journey through every form, with every ordinary mistake.

For each definition in ``form_definitions/`` (and the suite's test-only ones): consent
agreed and declined, open, continue with nothing typed, each required question left empty,
wrong answers of every kind the form's fields take (fixed examples and hypothesis-drawn
ones), rows added and removed, a draft saved and resumed, and a complete valid answer set
through review, confirmation, receipt and PDF. Nothing may answer 5xx; every refusal is a
422 whose error summary links to messages standing on the right fields, with nothing stored.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, Phase, given, settings
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from formsvc.db import get_session
from formsvc.demo import DemoAccount
from formsvc.submissions import Submission
from tests.catalogue.browser import filled_in
from tests.catalogue.test_journeys import NGOC
from tests.journeys.cases import DRAWN_EXAMPLES, drawn_slots, web_cases
from tests.journeys.forms import Spot
from tests.journeys.journey import Journey, missing_required, read_back
from tests.journeys.page import Page
from tests.journeys.values import Mistake, brief
from tests.render.pdfs import text as pdf_text

DRAWN = settings(
    max_examples=DRAWN_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: each step is a request
    suppress_health_check=list(HealthCheck),
)


def _empty_continue(walk: Journey, case: str) -> None:
    """Continue with the page as it stands: only what the service itself put there."""
    page = walk.open()
    shown = read_back(walk.form, walk.app, MultiDict(list(page.shown().items())))
    missing = [spot.name for spot in missing_required(walk.root, shown)]
    before = walk.stored()
    outcome = walk.post(case, page.posted())
    if missing:
        walk.refused(case, outcome, before, *missing)
    elif outcome.status not in (303, 500):
        walk.fail(case, outcome.status, "nothing is missing, yet the page was refused")


def test_consent_agreed_and_declined(journey: Journey, seeded: list[DemoAccount]) -> None:
    since = len(journey.failures)
    # Agreed (the fixture's citizen): the page opened with the verified values locked.
    if journey.locked:
        assert "Đã xác thực từ Cơ sở dữ liệu quốc gia về dân cư" in journey.fresh.html
    problems = [p for p in journey.fresh.refusal_problems() if p.startswith("ids used")]
    assert not problems, problems
    # Declined, by another citizen: nothing is read, the page asks for everything.
    other = next(a for a in seeded if a.role == "citizen" and a.username != NGOC)
    walk = Journey(journey.app, journey.form_id, other)
    undecided = walk.client.get(walk.url)
    assert undecided.status_code in (200, 303)
    if undecided.status_code == 303:
        assert undecided.headers["Location"].endswith(f"{walk.url}/consent")
    assert walk.consent(agree=False) == 303
    page = walk.open()
    if undecided.status_code == 303:
        assert "không chia sẻ dữ liệu" in page.html
        assert not page.by_id.keys() & {f"{c.name}-source" for c in page.controls()}
    _empty_continue(walk, "consent declined: continue with nothing typed")
    walk.assert_clean()
    journey.assert_clean(since)


def test_continue_with_nothing_typed(journey: Journey) -> None:
    since = len(journey.failures)
    _empty_continue(journey, "continue with nothing typed")
    journey.assert_clean(since)


def test_each_required_question_missing_and_each_wrong_answer(journey: Journey) -> None:
    since = len(journey.failures)
    cases = web_cases(journey)
    assert cases, "a form with no case to try"
    for case in cases:
        before = journey.stored()
        outcome = journey.post(case.name, case.data)
        if case.strict or outcome.status == 422:
            journey.refused(case.name, outcome, before, *([case.near] if case.near else []))
        elif outcome.status not in (303, 400, 500):
            journey.fail(case.name, outcome.status, "neither accepted nor refused")
    journey.assert_clean(since)


def _drawn(journey: Journey, spot: Spot, mistake: Mistake) -> None:
    assert mistake.web_drawn is not None

    @DRAWN
    @given(mistake.web_drawn)
    def type_in(text: str) -> None:
        sent = MultiDict(journey.baseline)
        sent.setlist(spot.name, [text])
        case = f"generated {mistake.case}: {spot.name} = {brief(text)}"
        before = journey.stored()
        journey.refused(case, journey.post(case, sent), before, spot.name)

    type_in()


def test_generated_wrong_answers(journey: Journey) -> None:
    since = len(journey.failures)
    for spot, mistake in drawn_slots(journey, "web"):
        _drawn(journey, spot, mistake)
    journey.assert_clean(since)


def _rows(page: Page, field_id: str) -> set[int]:
    pattern = re.compile(rf"{re.escape(field_id)}-(\d+)(?:-|$)")
    return {int(m.group(1)) for c in page.controls() if (m := pattern.match(c.name))}


def test_rows_are_added_and_removed(journey: Journey) -> None:
    since = len(journey.failures)
    adds = journey.fresh.buttons("add:")
    repeatable = {s.name for s in journey.spots() if s.shape == "rows"}
    assert {a.removeprefix("add:") for a in adds} >= {r for r in repeatable if "-" not in r}
    for add in adds:
        field_id = add.removeprefix("add:")
        case = f"add a row: {field_id}"
        start = _rows(Page(journey.client.get(journey.url).text), field_id)
        added = journey.post(case, journey.baseline, add)
        if added.status != 200:
            if added.status < 500:
                journey.fail(case, added.status, "expected the page again, one row longer")
            continue
        page = added.page
        rows = _rows(page, field_id)
        problems = [p for p in page.refusal_problems() if p.startswith("ids used")]
        if page.has_summary():
            problems.append("adding a row showed errors")
        typed = {n: v for n, v in journey.baseline.items() if n.startswith(f"{field_id}-")}
        shown = page.shown()
        problems += [f"{n} lost {v!r}" for n, v in typed.items() if shown.get(n) != v]
        if len(rows) != len(start | rows) or len(rows) <= len(start):
            problems.append(f"rows before {sorted(start)}, after {sorted(rows)}")
        if problems:
            journey.fail(case, 200, "; ".join(problems))
            continue
        case = f"remove the new row: {field_id}"
        newest = f"remove:{field_id}-{max(rows)}"
        if newest not in page.buttons("remove:"):
            journey.fail(case, 200, f"no {newest} button")
            continue
        removed = journey.post(case, page.posted(), newest)
        if removed.status != 200:
            if removed.status < 500:
                journey.fail(case, removed.status, "expected the page again, one row shorter")
            continue
        after = _rows(removed.page, field_id)
        shown = removed.page.shown()
        problems = [f"{n} lost {v!r}" for n, v in typed.items() if shown.get(n) != v]
        if len(after) != len(rows) - 1:
            problems.append(f"rows before {sorted(rows)}, after {sorted(after)}")
        if problems:
            journey.fail(case, 200, "; ".join(problems))
    journey.assert_clean(since)


def test_draft_is_saved_and_resumed(journey: Journey) -> None:
    since = len(journey.failures)
    before = journey.stored()
    saved = journey.post("save a draft", journey.baseline, "save")
    if saved.status == 200:
        assert saved.page.has_summary() is False, "saving a draft showed errors"
        assert "notice-banner" in saved.page.html
        assert journey.stored() == before
        resumed = journey.request("resume the draft", lambda: journey.client.get(journey.url))
        if resumed.status == 200:
            shown = resumed.page.shown()
            typed = filled_in(journey.root, journey.valid)
            lost = {
                name: (values[0], shown.get(name))
                for name, values in typed.items()
                if name not in journey.locked and len(values) == 1 and shown.get(name) != values[0]
            }
            if lost:
                journey.fail("resume the draft", 200, f"(typed, shown): {lost}")
    elif saved.status < 500:
        journey.fail("save a draft", saved.status, "expected the page with a notice")
    journey.assert_clean(since)


def test_valid_answers_are_reviewed_confirmed_received_and_printed(journey: Journey) -> None:
    since = len(journey.failures)
    before = journey.stored()
    filled = journey.post("continue with valid answers", journey.baseline)
    if filled.status != 303:
        named = filled.page.summary_targets() if filled.status == 422 else []
        journey.fail("continue with valid answers", filled.status, f"refused: {named}")
        journey.assert_clean(since)
    review_url = filled.response.headers["Location"] if filled.response else ""
    review = journey.request("review", lambda: journey.client.get(review_url))
    assert review.status == 200, (journey.form_id, review.status, review.crash)
    confirmed = journey.request("confirm", lambda: journey.citizen.confirm(review_url))
    assert confirmed.status == 303, (journey.form_id, confirmed.status, confirmed.crash)
    assert confirmed.response is not None
    receipt_url = confirmed.response.headers["Location"]
    code = receipt_url.rsplit("/", 1)[-1]
    receipt = journey.request("receipt", lambda: journey.client.get(receipt_url))
    assert receipt.status == 200 and code in receipt.page.html
    pdf = journey.request("PDF", lambda: journey.client.get(f"{receipt_url}/application.pdf"))
    assert pdf.response is not None and pdf.status == 200, (journey.form_id, pdf.crash)
    assert pdf.response.mimetype == "application/pdf" and pdf.response.data[:5] == b"%PDF-"
    assert code in pdf_text(pdf.response.data)
    assert journey.stored() == before + 1
    with journey.app.app_context():
        stored = get_session().scalars(select(Submission).filter_by(tracking_code=code)).one()
        assert journey.form.validate(stored.data) == []
    journey.assert_clean(since)
