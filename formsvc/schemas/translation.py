"""Form content in the citizen's language: English written in the definition, beside the
Vietnamese it translates.

Labels, hints, choices and "only if …" hints are written in Vietnamese, as on the official
form. An ``x-en`` object next to them gives their English key for key (``title``,
``description``, ``x-condition``; inside ``x-form``: the agency, the purpose, the legal
basis …). ``translate`` copies a document with that English put in place of the Vietnamese,
so whatever reads a definition (the form class, hints, check-your-answers) reads the copy
exactly as it reads the original. Validation and the printed application, the official
document, keep the original.

Texts without English stay Vietnamese in the copy and are remembered, so a page can mark
them ``lang="vi"`` for screen readers and say that the form is only partly translated.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from formsvc.schemas.walk import map_subschemas

if TYPE_CHECKING:
    from formsvc.schemas.document import FormDocument

__all__ = [
    "FORM_TEXTS",
    "SCHEMA_TEXTS",
    "SOURCE_LANGUAGE",
    "Coverage",
    "Translation",
    "coverage",
    "translate",
    "translation_keyword",
]

SOURCE_LANGUAGE = "vi"
# What an x-en object may translate: these keys of the subschema it sits in, and these keys
# of x-form (the PDF options are not among them: the application is printed in Vietnamese).
SCHEMA_TEXTS = ("title", "description", "x-condition")
FORM_TEXTS = (
    "legal_basis",
    "issued_by",
    "agency",
    "procedure",
    "purpose",
    "processing_time",
    "notes",
)


def translation_keyword(language: str) -> str:
    return f"x-{language}"


@dataclass(frozen=True)
class Translation:
    document: Mapping[str, Any]
    untranslated: frozenset[str]  # the Vietnamese texts left in place


class Coverage(enum.Enum):
    """How much of a form's content a page can show in the page's language."""

    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"


def translate(document: Mapping[str, Any], language: str) -> Translation:
    """``document`` with its citizen-facing text in ``language`` wherever it gives one."""
    if language == SOURCE_LANGUAGE:
        return Translation(document, frozenset())
    keyword = translation_keyword(language)
    untranslated: set[str] = set()

    def put(schema: dict[str, Any]) -> dict[str, Any]:
        _replace(schema, schema.pop(keyword, None), SCHEMA_TEXTS, untranslated)
        meta = schema.get("x-form")
        if isinstance(meta, Mapping):
            meta = dict(meta)
            _replace(meta, meta.pop(keyword, None), FORM_TEXTS, untranslated)
            schema["x-form"] = meta
        return schema

    return Translation(map_subschemas(document, put), frozenset(untranslated))


def _replace(
    target: dict[str, Any], given: Any, keys: Iterable[str], untranslated: set[str]
) -> None:
    given = given if isinstance(given, Mapping) else {}
    for key in keys:
        if key not in target:
            continue
        if key in given:
            target[key] = given[key]
        else:
            untranslated.update(_texts(target[key]))


def _texts(value: Any) -> Iterator[str]:
    """A text, or each text of a list of them (``notes``)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        yield from (item for item in value if isinstance(item, str))


def shown_texts(document: FormDocument) -> Iterator[str]:
    """Every text of the definition that the citizen's pages show."""
    for key in FORM_TEXTS:
        yield from _texts(document.meta.get(key))
    for node in document.root.walk():
        for key in ("title", "description"):
            yield from _texts(node.schema.get(key))
        for keyword in ("oneOf", "anyOf"):
            for option in node.schema.get(keyword, ()):
                if isinstance(option, Mapping):
                    yield from _texts(option.get("title"))
        if node.condition is not None and node.condition.label:
            yield node.condition.label


def coverage(document: FormDocument) -> Coverage:
    left = [text in document.untranslated for text in shown_texts(document)]
    if document.language == SOURCE_LANGUAGE or not any(left):
        return Coverage.FULL
    return Coverage.NONE if all(left) else Coverage.PARTIAL
