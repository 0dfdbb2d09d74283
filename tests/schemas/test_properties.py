"""Property tests: for every catalogue form, instances generated from its schema validate,
and mutated ones fail with a message on the mutated field."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formsvc.schemas import CompiledForm
from tests.conftest import FORM_DEFINITIONS
from tests.strategies import instances

# hypothesis-jsonschema cannot reliably generate instances of this form's three nested
# allOf/if conditions within the suite's time budget (it filters nearly every draw); its
# validation is covered by tests/catalogue/ end-to-end submissions instead.
UNGENERATABLE = {"xac-nhan-hon-nhan"}
CATALOGUE = [
    pytest.param(path, marks=pytest.mark.skip(reason="see UNGENERATABLE"))
    if path.stem in UNGENERATABLE
    else path
    for path in sorted(FORM_DEFINITIONS.glob("*.json"))
]
IDS = [p.stem for p in sorted(FORM_DEFINITIONS.glob("*.json"))]

JSONSCHEMA_ENGLISH = (
    "is a required property",
    "is not of type",
    "is not valid under",
    "does not match",
)


def _compiled(path: Path) -> CompiledForm:
    return CompiledForm(path.stem, 1, json.loads(path.read_text(encoding="utf-8")))


PROPERTY_SETTINGS = settings(
    max_examples=15,
    derandomize=True,  # the same examples on every run: CI cannot turn red by chance
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


@pytest.mark.parametrize("path", CATALOGUE, ids=IDS)
def test_generated_instances_are_valid(path: Path) -> None:
    form = _compiled(path)

    @PROPERTY_SETTINGS
    @given(instances(form))
    def check(instance: dict[str, Any]) -> None:
        assert form.validate(instance) == []
        # The fast path and the reference validator agree.
        assert form.validator.fast is not None and form.validator.fast(instance)
        assert form.validator.reference.is_valid(instance)

    check()


def _assert_field_level(form: CompiledForm, errors: list[Any], path: tuple[Any, ...]) -> None:
    assert errors, "mutation was accepted"
    assert any(error.path == path for error in errors), (path, errors)
    nodes = form.document.nodes()
    for error in errors:
        schema_path = tuple(p for p in error.path if isinstance(p, str))
        assert schema_path in nodes or error.keyword == "additionalProperties", error
        assert error.message and not any(text in error.message for text in JSONSCHEMA_ENGLISH)


@pytest.mark.parametrize("path", CATALOGUE, ids=IDS)
def test_mutated_instances_fail_on_the_mutated_field(path: Path) -> None:
    form = _compiled(path)
    # Top-level questions; a conditional one only when the instance answers it (its branch
    # applies, since the instance is valid and the root is closed to unevaluated answers).
    top = [
        child for child in form.document.root.children if not child.children and child.item is None
    ]
    required = [child.name for child in top if child.required and child.condition is None]
    closed = form.document.document.get("additionalProperties") is False
    mutations = ["retype"] + ["drop"] * bool(required) + ["unknown"] * closed

    @PROPERTY_SETTINGS
    @given(instances(form), st.data())
    def check(instance: dict[str, Any], data: st.DataObject) -> None:
        mutation = data.draw(st.sampled_from(mutations))
        broken = copy.deepcopy(instance)
        if mutation == "drop":
            name = data.draw(st.sampled_from(required))
            broken.pop(name, None)
        elif mutation == "retype":
            asked = [c.name for c in top if c.condition is None or c.name in instance]
            name = data.draw(st.sampled_from(asked))
            broken[name] = [["not", "a", "value"]]
        else:
            name = "not_on_the_form"
            broken[name] = "x"
        target = (name,)
        _assert_field_level(form, form.validate(broken), target)
        assert form.validator.fast is not None and not form.validator.fast(broken)
        assert not form.validator.reference.is_valid(broken)

    check()
