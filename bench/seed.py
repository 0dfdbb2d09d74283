"""Seconds and peak memory to seed a generated population, on SQLite and PostgreSQL.

Run: .venv/bin/python bench/seed.py [--citizens N]   (default 1,000,000)

SQLite uses a throwaway file; PostgreSQL runs too when FORMSVC_TEST_DATABASE_URL is set, and
its public schema is WIPED first, so point it at a scratch database. Each engine runs in its
own process so its peak resident memory (ru_maxrss) is its own; the figure includes the
interpreter, SQLAlchemy and the package of administrative units, which are loaded before
seeding starts (printed as the baseline), and on SQLite a 64 MB page cache.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

from _scratch import fresh_database

from formsvc.db import make_engine
from formsvc.prefill.generator import generate


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(url: str, citizens: int) -> dict[str, float]:
    fresh_database(url)
    engine = make_engine(url)
    from formsvc.prefill.generator.places import Geography

    Geography()  # load the units package before measuring the baseline
    baseline = _max_rss_mb()
    started = time.perf_counter()
    result = generate(engine, citizens, seed=2025)
    seconds = time.perf_counter() - started
    engine.dispose()
    return {
        "citizens": result.citizens,
        "households": result.households,
        "seconds": seconds,
        "baseline_mb": baseline,
        "peak_mb": _max_rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=1_000_000)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.citizens)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("SQLite", f"sqlite:///{tmp}/seed.sqlite3")]
        if os.environ.get("FORMSVC_TEST_DATABASE_URL"):
            targets.append(("PostgreSQL", os.environ["FORMSVC_TEST_DATABASE_URL"]))
        for name, url in targets:
            output = subprocess.run(
                [sys.executable, __file__, "--citizens", str(args.citizens), "--one", url],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            figures = json.loads(output.strip().splitlines()[-1])
            rate = figures["citizens"] / figures["seconds"]
            print(
                f"{name:<10} {figures['citizens']:>9,} citizens in {figures['households']:,} "
                f"households: {figures['seconds']:6.1f} s ({rate:,.0f}/s), peak RSS "
                f"{figures['peak_mb']:.0f} MB (before seeding {figures['baseline_mb']:.0f} MB)"
            )


if __name__ == "__main__":
    main()
