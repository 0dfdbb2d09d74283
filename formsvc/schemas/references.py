"""``$ref`` resolution over a local registry: the standard components and the form itself.

Nothing is ever fetched. The registry's retrieve hook refuses every URI it does not already
hold, so ``http(s):``, ``file:`` and unknown references fail with an error that names them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from referencing import Registry, Resource, Specification
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012, specification_with

from formsvc.schemas.translation import SOURCE_LANGUAGE, translate
from formsvc.schemas.walk import iter_subschemas

__all__ = [
    "COMPONENTS_DIR",
    "COMPONENT_PREFIX",
    "DRAFT_07",
    "DRAFT_2020_12",
    "component_notes",
    "component_registry",
    "dialect_of",
    "document_uri",
    "registry_for",
    "specification_of",
    "untranslated_components",
]

COMPONENTS_DIR = Path(__file__).resolve().parent / "components"
COMPONENT_PREFIX = "urn:formsvc:component:"


def _refuse(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"

# Keywords only one of the two drafts knows, for documents that do not say which they are.
_DRAFT_07_ONLY = {"definitions", "dependencies", "additionalItems"}
_DRAFT_2020_ONLY = {
    "$defs", "prefixItems", "dependentSchemas", "dependentRequired", "$dynamicRef",
    "$dynamicAnchor", "unevaluatedProperties", "unevaluatedItems",
}  # fmt: skip


def dialect_of(document: Mapping[str, Any]) -> str:
    """The draft a document declares; without ``$schema``, 2020-12.

    Except for undeclared documents written entirely in draft-07 (``definitions``,
    ``dependencies``, ``items`` as a list, nothing only 2020-12 has): many published schemas
    are, and reading them as 2020-12 would silently ignore their dependencies.
    """
    declared = document.get("$schema")
    if isinstance(declared, str) and declared:
        return declared
    used: set[str] = set()
    for _pointer, schema in iter_subschemas(document):
        used |= schema.keys() & (_DRAFT_07_ONLY | _DRAFT_2020_ONLY)
        if isinstance(schema.get("items"), list):
            used.add("items as a list")
    draft_07 = used - _DRAFT_2020_ONLY
    return DRAFT_07 if draft_07 and not used & _DRAFT_2020_ONLY else DRAFT_2020_12


def specification_of(document: Mapping[str, Any]) -> Specification[Any]:
    return specification_with(dialect_of(document), default=DRAFT202012)


@cache
def _components(language: str) -> tuple[tuple[Mapping[str, Any], ...], frozenset[str]]:
    """The standard components with their text in ``language``, and what has no translation."""
    documents = []
    untranslated: set[str] = set()
    for path in sorted(COMPONENTS_DIR.glob("*.json")):
        translation = translate(json.loads(path.read_text(encoding="utf-8")), language)
        documents.append(translation.document)
        untranslated |= translation.untranslated
    return tuple(documents), frozenset(untranslated)


@cache
def component_registry(language: str = SOURCE_LANGUAGE) -> Registry[Any]:
    resources = [specification_of(c).create_resource(c) for c in _components(language)[0]]
    registry: Registry[Any] = Registry(retrieve=_refuse)  # type: ignore[call-arg]
    return registry.with_resources((r.id() or "", r) for r in resources if r.id()).crawl()


def untranslated_components(language: str) -> frozenset[str]:
    return _components(language)[1]


def component_notes() -> dict[str, str]:
    """Each component's notes for designers (its ``$comment``), by short name ("person")."""
    return {
        str(document["$id"]).removeprefix(COMPONENT_PREFIX): str(document.get("$comment", ""))
        for document in _components(SOURCE_LANGUAGE)[0]
    }


def document_uri(form_id: str) -> str:
    """Base URI for a form without its own ``$id``, so relative references resolve."""
    return f"urn:formsvc:form:{form_id}"


def registry_for(
    form_id: str, document: Mapping[str, Any], language: str = SOURCE_LANGUAGE
) -> Registry[Any]:
    """The form and the components, the components' text in ``language``."""
    resource = specification_of(document).create_resource(document)
    registry = component_registry(language)
    return registry.with_resource(resource.id() or document_uri(form_id), resource)
