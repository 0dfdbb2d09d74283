"""Prefill latency for CT01 at 10,000 and at 1,000,000 citizens, and queries per prefill.

Run: .venv/bin/python bench/prefill.py [--small N] [--large N] [--reads N]

Seeds a throwaway SQLite database (or FORMSVC_DATABASE_URL, whose public schema is wiped when
it is PostgreSQL) like the demo, grows the generated population to --small citizens, times
--reads prefills of CT01 for citizens drawn at random, grows it to --large and times again.
Lookups are by key, so the ratio of the two medians should stay near 1 (the target is < 1.3).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from _scratch import fresh_database
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from formsvc import create_app
from formsvc.db import get_engine
from formsvc.demo import prepare
from formsvc.prefill import Citizen, resolve
from formsvc.prefill.generator import generate
from formsvc.schemas import FormDocument

ROOT = Path(__file__).resolve().parent.parent
CT01 = FormDocument(
    "ct01", json.loads((ROOT / "form_definitions" / "ct01.json").read_text(encoding="utf-8")), 1
)


def _grow_to(app: object, total: int, seed: int) -> None:
    engine = get_engine(app)  # type: ignore[arg-type]
    with Session(engine) as session:
        have = session.scalar(select(func.count()).select_from(Citizen)) or 0
    if total > have:
        started = time.perf_counter()
        generate(engine, total - have, seed=seed)
        print(f"  seeded {total - have:,} citizens in {time.perf_counter() - started:.1f} s")


def _measure(app: object, reads: int) -> tuple[float, float, int]:
    """Median and 95th-percentile milliseconds per prefill, and queries per prefill."""
    engine = get_engine(app)  # type: ignore[arg-type]
    with Session(engine) as session:
        ids = list(session.scalars(select(Citizen.id).where(Citizen.household_id.is_not(None))))
    sample = random.Random(4).sample(ids, min(reads, len(ids)))
    statements = 0

    def count(*_args: object) -> None:
        nonlocal statements
        statements += 1

    timings = []
    with Session(engine) as session:
        for citizen_id in sample[:300]:  # warm-up: connection, statement caches
            resolve(session, CT01, citizen_id, None, "benchmark")
            session.rollback()
        event.listen(engine, "before_cursor_execute", count)
        for citizen_id in sample:
            started = time.perf_counter()
            resolve(session, CT01, citizen_id, None, "benchmark")
            timings.append((time.perf_counter() - started) * 1000)
            session.rollback()
        event.remove(engine, "before_cursor_execute", count)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95)], statements // len(sample)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--reads", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("FORMSVC_DATABASE_URL") or f"sqlite:///{tmp}/prefill.sqlite3"
        fresh_database(url)
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench",
                          "FORM_DEFINITIONS_DIR": str(ROOT / "form_definitions")})  # fmt: skip
        prepare(app)
        print(f"engine: {get_engine(app).dialect.name}")
        results = []
        for total, seed in ((args.small, 1), (args.large, 2)):
            _grow_to(app, total, seed)
            median, p95, queries = _measure(app, args.reads)
            results.append(median)
            print(
                f"CT01 prefill at {total:>9,} citizens: median {median:.3f} ms, "
                f"p95 {p95:.3f} ms, {queries} queries per prefill ({args.reads} reads)"
            )
        print(f"ratio large/small: {results[1] / results[0]:.2f} (target < 1.3)")


if __name__ == "__main__":
    main()
