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

__all__ = [
    "COMPONENTS_DIR",
    "COMPONENT_PREFIX",
    "component_registry",
    "document_uri",
    "registry_for",
    "specification_of",
]

COMPONENTS_DIR = Path(__file__).resolve().parent / "components"
COMPONENT_PREFIX = "urn:formsvc:component:"


def _refuse(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


def specification_of(document: Mapping[str, Any]) -> Specification[Any]:
    """The draft a document declares; no ``$schema`` means 2020-12."""
    dialect = document.get("$schema")
    return specification_with(dialect, default=DRAFT202012) if dialect else DRAFT202012


@cache
def component_registry() -> Registry[Any]:
    resources = []
    for path in sorted(COMPONENTS_DIR.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append(specification_of(contents).create_resource(contents))
    registry: Registry[Any] = Registry(retrieve=_refuse)  # type: ignore[call-arg]
    return registry.with_resources((r.id() or "", r) for r in resources if r.id()).crawl()


def document_uri(form_id: str) -> str:
    """Base URI for a form without its own ``$id``, so relative references resolve."""
    return f"urn:formsvc:form:{form_id}"


def registry_for(form_id: str, document: Mapping[str, Any]) -> Registry[Any]:
    resource = specification_of(document).create_resource(document)
    return component_registry().with_resource(resource.id() or document_uri(form_id), resource)
