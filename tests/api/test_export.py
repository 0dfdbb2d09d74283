"""The export feed: resumable by cursor, each new submission exactly once while more arrive."""

from __future__ import annotations

import json

from flask import Flask
from flask.testing import FlaskClient

from formsvc.demo import DemoAccount
from tests.conftest import store_submission


def _page(
    client: FlaskClient, key: dict[str, str], cursor: str | None
) -> tuple[list[dict], str | None]:
    query = {"limit": "2", **({"cursor": cursor} if cursor else {})}
    response = client.get("/api/v1/submissions/export", headers=key, query_string=query)
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in response.text.splitlines()]
    return lines, response.headers.get("Next-Cursor", cursor)


def test_cursor_gives_every_submission_once_while_new_ones_arrive(
    app: Flask, client: FlaskClient, full_key: dict[str, str], demo_accounts: list[DemoAccount]
) -> None:
    made = [store_submission(app, demo_accounts[0]) for _ in range(3)]
    seen: list[str] = []
    cursor = None
    for round_ in range(20):
        lines, cursor = _page(client, full_key, cursor)
        seen += [line["tracking_code"] for line in lines]
        if lines:
            assert lines[-1]["cursor"] == cursor
        if round_ < 4:  # a sync job runs while citizens keep submitting
            made.append(store_submission(app, demo_accounts[round_ % 2]))
        elif not lines:
            break
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen))


def test_a_status_change_comes_back_once_as_the_new_state(
    app: Flask, client: FlaskClient, full_key: dict[str, str], demo_accounts: list[DemoAccount]
) -> None:
    code = store_submission(app, demo_accounts[0])
    lines, cursor = _page(client, full_key, None)
    assert [line["status"] for line in lines] == ["received"]
    client.post(f"/api/v1/submissions/{code}/transitions", headers=full_key,
                json={"status": "in_processing"})  # fmt: skip
    lines, cursor = _page(client, full_key, cursor)
    assert [(line["tracking_code"], line["status"]) for line in lines] == [(code, "in_processing")]
    assert [h["status"] for h in lines[0]["history"]] == ["received", "in_processing"]
    assert _page(client, full_key, cursor)[0] == []


def test_since_and_bad_parameters(
    app: Flask, client: FlaskClient, full_key: dict[str, str], demo_accounts: list[DemoAccount]
) -> None:
    store_submission(app, demo_accounts[0])
    url = "/api/v1/submissions/export"
    future = client.get(url, headers=full_key, query_string={"since": "2999-01-01T00:00:00Z"})
    assert future.text == ""
    past = client.get(url, headers=full_key, query_string={"since": "2000-01-01T00:00:00+07:00"})
    assert len(past.text.splitlines()) == 1
    for query in ({"since": "yesterday"}, {"cursor": "!!"}, {"limit": "1000"}):
        assert client.get(url, headers=full_key, query_string=query).status_code == 400


def test_cli_export_resumes_from_the_cursor_it_prints(
    app: Flask, demo_accounts: list[DemoAccount]
) -> None:
    first = store_submission(app, demo_accounts[0])
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["submissions", "export", "--since", "2000-01-01", "--format", "ndjson"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["tracking_code"] for r in records] == [first]
    assert records[0]["form_code"] and records[0]["form_version"] >= 1
    cursor = result.stderr.strip().removeprefix("cursor: ")
    second = store_submission(app, demo_accounts[0])
    again = runner.invoke(args=["submissions", "export", "--cursor", cursor])
    assert [json.loads(line)["tracking_code"] for line in again.stdout.splitlines()] == [second]
    assert runner.invoke(args=["submissions", "export", "--cursor", "bad"]).exit_code != 0
