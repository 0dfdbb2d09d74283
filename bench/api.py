"""Submissions created per second through the JSON API (validate + prefill + store), served
by gunicorn with 2 sync workers, on SQLite and (when FORMSVC_TEST_DATABASE_URL is set) on
PostgreSQL.

Run: .venv/bin/python bench/api.py [--requests N] [--clients C]

Each engine gets a scratch database seeded like the demo (PostgreSQL's public schema is
WIPED first, so point it at a scratch database) and an API key with ``submissions:write``.
Clients POST CT01 answers for the demo citizens, so every request reads the population
database for the locked fields, writes the audit row, validates and stores a submission.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _scratch import fresh_database

from formsvc import create_app
from formsvc.apikeys import create_key
from formsvc.db import get_engine, session_scope
from formsvc.demo import prepare

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = {
    "recipient": "Công an phường Ninh Kiều",
    "phone": "0912345678",
    "request": "Đăng ký tạm trú",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _prepare(url: str) -> tuple[str, list[str]]:
    """A seeded scratch database; the API key and the citizens' personal IDs."""
    fresh_database(url)
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "FORM_DEFINITIONS_DIR": str(ROOT / "form_definitions"),
        }
    )
    accounts, _ = prepare(app)
    with session_scope(app) as session:
        _key, secret = create_key(session, "bench", ["submissions:write"])
    get_engine(app).dispose()
    return secret, [a.username for a in accounts if a.username.isdigit()]


def _wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if server.poll() is not None:
            raise SystemExit("gunicorn exited")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("gunicorn did not start")


def _client(port: int, key: str, ids: list[str], count: int, out: list[float]) -> None:
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    for i in range(count):
        body = json.dumps({"form_id": "ct01", "personal_id": ids[i % len(ids)], "data": ANSWERS})
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("POST", "/api/v1/submissions", body=body.encode(), headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status != 201:
            raise SystemExit(f"unexpected {response.status}")
        out.append(time.perf_counter() - started)


def run(label: str, url: str, requests: int, clients: int) -> None:
    key, ids = _prepare(url)
    port = _free_port()
    env = {**os.environ, "FORMSVC_DATABASE_URL": url, "FORMSVC_SECRET_KEY": "bench"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level",
         "warning", "formsvc:create_app()"],
        env=env,
    )  # fmt: skip
    try:
        _wait_for(port, server)
        _client(port, key, ids, 10, [])  # warm both workers' caches
        latencies: list[float] = []
        per_client = requests // clients
        threads = [
            threading.Thread(target=_client, args=(port, key, ids, per_client, latencies))
            for _ in range(clients)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    done = len(latencies)
    p50 = statistics.median(latencies) * 1000
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
    print(
        f"{label:<10} {done} submissions, {clients} clients, gunicorn -w 2: "
        f"{done / elapsed:.1f}/s (median {p50:.1f} ms, p95 {p95:.1f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{tmp}/bench.sqlite3", args.requests, args.clients)
    postgres = os.environ.get("FORMSVC_TEST_DATABASE_URL")
    if postgres:
        run("PostgreSQL", postgres, args.requests, args.clients)
    else:
        print("PostgreSQL: skipped (set FORMSVC_TEST_DATABASE_URL to a scratch database)")


if __name__ == "__main__":
    main()
