"""Property-based run of the API against its OpenAPI document (bounded in examples and time).

Schemathesis generates requests from ``/api/v1/openapi.json`` and checks every response: no
5xx, status codes, content types, headers and bodies all as documented.
"""

from __future__ import annotations

from datetime import timedelta

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from formsvc.demo import DemoAccount
from tests.conftest import store_submission

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


SETTINGS = settings(
    max_examples=8,
    deadline=timedelta(seconds=5),
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


def test_api_matches_its_document(
    app: Flask, demo_accounts: list[DemoAccount], full_key: dict[str, str]
) -> None:
    """Every operation, a few examples each (schemathesis' pytest plugin would need function
    fixtures per example, so the operations are driven directly through Hypothesis)."""
    store_submission(app, demo_accounts[0])  # so reads, lists and the export return a record
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9

    for operation in operations:

        @given(case=operation.as_strategy())
        @SETTINGS
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=full_key, checks=CHECKS)

        check()
