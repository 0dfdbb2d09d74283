"""Hypothesis strategies for form data, shared by the property tests and the benchmarks."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from formsvc.identity import BIRTH_REGISTRATION_PROVINCES, compose, parse
from formsvc.schemas import CompiledForm, Node
from formsvc.schemas.bundle import bundle
from formsvc.schemas.dates import BOUND_KEYWORDS, outside
from formsvc.schemas.text import REFUSED, map_strings

__all__ = ["FORMAT_STRATEGIES", "agree", "instances", "printable", "within_bounds"]

FORMAT_STRATEGIES = {
    "phone": st.from_regex(r"0[35789][0-9]{8}", fullmatch=True),
    "personal-id": st.builds(
        compose,
        st.sampled_from(sorted(BIRTH_REGISTRATION_PROVINCES)),
        st.sampled_from(["male", "female"]),
        st.dates(date(1900, 1, 1), date(2099, 12, 31)),
        st.integers(0, 999_999),
    ),
}


def agree(node: Node, value: Any) -> None:
    """Make ID numbers agree with the sex and birth date beside them, as real people's do."""
    if node.item is not None and isinstance(value, list):
        for element in value:
            agree(node.item, element)
        return
    if not isinstance(value, dict):
        return
    id_field = "personal_id" if any(c.name == "personal_id" for c in node.children) else None
    decoded = parse(value[id_field]) if id_field and isinstance(value.get(id_field), str) else None
    if id_field and decoded is not None:
        sex = value.get("sex") if value.get("sex") in ("male", "female") else decoded.sex
        born = date(decoded.century + int(decoded.year_digits), 1, 1)
        if isinstance(value.get("date_of_birth"), str):
            born = date.fromisoformat(value["date_of_birth"])
            if not 1900 <= born.year <= 2199:
                born = born.replace(year=1992)  # a leap year: 29 February stays a date
                value["date_of_birth"] = born.isoformat()
        value[id_field] = compose(decoded.province_code, sex, born, int(decoded.serial))
    for child in node.children:
        agree(child, value.get(child.name))


def within_bounds(node: Node, value: Any) -> Any:
    """``value`` with each date past its ``x-date-min``/``x-date-max`` moved onto the bound:
    hypothesis-jsonschema does not know the keywords, and a date of birth next year is
    (rightly) refused."""
    if node.item is not None and isinstance(value, list):
        return [within_bounds(node.item, element) for element in value]
    if isinstance(value, dict):
        for child in node.children:
            if child.name in value:
                value[child.name] = within_bounds(child, value[child.name])
        return value
    for keyword in BOUND_KEYWORDS:
        if keyword in node.schema and isinstance(value, str):
            bound = outside(keyword, node.schema[keyword], value)
            value = bound.isoformat() if bound else value
    return value


def printable(value: Any) -> Any:
    """``value`` with each character the service refuses (controls, bidirectional overrides)
    replaced by a space, in keys too: generated text is otherwise arbitrary Unicode."""
    return map_strings(lambda text: REFUSED.sub(" ", text), value, keys=True)


def instances(form: CompiledForm) -> st.SearchStrategy[dict[str, Any]]:
    def repaired(instance: dict[str, Any]) -> dict[str, Any]:
        instance = within_bounds(form.document.root, printable(instance))
        agree(form.document.root, instance)
        return instance

    return from_schema(bundle(form.document), custom_formats=FORMAT_STRATEGIES).map(repaired)
