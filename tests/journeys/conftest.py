"""One signed-in citizen per form per test module, walking the form's whole matrix."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from formsvc.db import get_engine
from formsvc.demo import DemoAccount
from tests.catalogue.test_journeys import NGOC
from tests.conftest import clear_activity, make_app
from tests.journeys.forms import DEFINITIONS
from tests.journeys.journey import Journey

FORM_IDS = [form_id for form_id, _ in DEFINITIONS]


@pytest.fixture(scope="module", params=FORM_IDS)
def journey(
    request: pytest.FixtureRequest, database_url: str, seeded: list[DemoAccount]
) -> Iterator[Journey]:
    """Trần Thị Bích Ngọc (married, so spouse fields prefill too), consent agreed, with a
    complete valid answer set for the form."""
    app = make_app(database_url)
    clear_activity(app)
    account = next(a for a in seeded if a.username == NGOC)
    walk = Journey(app, request.param, account)
    walk.consent(agree=True)
    walk.prepare()
    yield walk
    get_engine(app).dispose()
