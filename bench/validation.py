"""Instances validated per second for each catalogue form.

Compares, on the same valid instances (generated from each form's schema by
hypothesis-jsonschema, deterministically):
  cached      formsvc's path: the version's compiled validator, error mapping, ID agreement
  jsonschema  the compiled jsonschema validator alone (formsvc's reference for every message)
  rebuilt     building the form (registry, validator) again for every instance
  fastjsonschema and jsonschema-rs on the bundled (reference-free) schema

Run: .venv/bin/python bench/validation.py [--instances N] [--seconds S]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema_rs
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import NonInteractiveExampleWarning

from formsvc.schemas import CompiledForm
from formsvc.schemas.bundle import bundle
from formsvc.schemas.formats import FORMATS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the test suite's hypothesis strategies

from tests.strategies import instances  # noqa: E402


def _strings_only(predicate: Callable[[str], bool]) -> Callable[[Any], bool]:
    return lambda value: not isinstance(value, str) or predicate(value)


def _instances(form: CompiledForm, wanted: int) -> list[dict[str, Any]]:
    """Deterministic valid instances, the same on every run."""
    found: list[dict[str, Any]] = []

    @settings(
        max_examples=wanted * 3,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(instances(form))
    def collect(instance: dict[str, Any]) -> None:
        if len(found) < wanted and not form.validate(instance):
            found.append(instance)

    collect()
    return found


def _rate(
    check: Callable[[dict[str, Any]], object], instances: list[dict[str, Any]], seconds: float
) -> float:
    done = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for instance in instances:
            check(instance)
        done += len(instances)
    return done / (time.perf_counter() - start)


def _rebuilding(form_id: str, document: dict[str, Any]) -> Callable[[dict[str, Any]], object]:
    return lambda instance: CompiledForm(form_id, 1, document).validate(instance)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--instances", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=1.0)
    options = parser.parse_args()
    warnings.simplefilter("ignore", NonInteractiveExampleWarning)

    columns = ("cached", "jsonschema", "rebuilt", "fastjson", "jsonschema-rs")
    header = f"{'form':<14}{'n':>5}" + "".join(f"{c:>14}" for c in columns) + "  cached/fastest"
    print("instances validated per second")
    print(header)
    for path in sorted((ROOT / "form_definitions").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        form = CompiledForm(path.stem, 1, document)
        instances = _instances(form, options.instances)
        bundled = bundle(form.document)
        fast = fastjsonschema.compile(
            {**bundled, "$schema": "http://json-schema.org/draft-07/schema#"},
            formats={name: _strings_only(p) for name, p in FORMATS.items()},
        )
        rust = jsonschema_rs.validator_for(
            bundled,
            formats={name: _strings_only(p) for name, p in FORMATS.items()},
            validate_formats=True,
        )
        for instance in instances:  # all agree that these are valid
            fast(instance)
            assert rust.is_valid(instance), instance

        rates = {
            "cached": _rate(form.validate, instances, options.seconds),
            "jsonschema": _rate(form.validator.reference.is_valid, instances, options.seconds),
            "rebuilt": _rate(_rebuilding(path.stem, document), instances, options.seconds),
            "fastjsonschema": _rate(fast, instances, options.seconds),
            "jsonschema-rs": _rate(rust.is_valid, instances, options.seconds),
        }
        fastest = max(rates["fastjsonschema"], rates["jsonschema-rs"])
        figures = "".join(f"{rate:>14,.0f}" for rate in rates.values())
        print(f"{path.stem:<14}{len(instances):>5}{figures}  {fastest / rates['cached']:.2f}x")


if __name__ == "__main__":
    main()
