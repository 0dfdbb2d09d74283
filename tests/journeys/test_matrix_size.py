"""The matrix's size, forms × cases, computed from the same case lists the tests run;
``pytest tests/journeys/test_matrix_size.py -s`` prints it per form and door."""

from __future__ import annotations

from formsvc.db import get_engine
from formsvc.demo import DemoAccount
from tests.catalogue.test_journeys import NGOC
from tests.conftest import clear_activity, make_app
from tests.journeys.cases import fixed_size
from tests.journeys.conftest import FORM_IDS
from tests.journeys.journey import Journey

# Below this the matrix has lost a class of cases (today: about 2,000 pairs).
FLOOR_PER_FORM = 20
FLOOR = 1_500


def test_matrix_covers_every_form_with_every_case(
    database_url: str, seeded: list[DemoAccount]
) -> None:
    app = make_app(database_url)
    clear_activity(app)
    account = next(a for a in seeded if a.username == NGOC)
    sizes: dict[str, dict[str, int]] = {}
    for form_id in FORM_IDS:
        walk = Journey(app, form_id, account)
        walk.consent(agree=True)
        walk.prepare()
        sizes[form_id] = fixed_size(walk)
    get_engine(app).dispose()
    web = sum(size["web"] for size in sizes.values())
    api = sum(size["api"] for size in sizes.values())
    print(f"\njourney matrix: {len(sizes)} forms, {web + api} (form, case) pairs "
          f"({web} web, {api} API)")  # fmt: skip
    for form_id, size in sizes.items():
        print(f"  {form_id}: {size['web']} web, {size['api']} API")
    assert len(sizes) >= 9
    thin = {form_id: size for form_id, size in sizes.items()
            if min(size.values()) < FLOOR_PER_FORM}  # fmt: skip
    assert not thin, thin
    assert web + api >= FLOOR
