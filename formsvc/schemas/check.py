"""``formsvc forms check``: a definition file against the meta-schema, its references and
the lint rules, reported as findings rather than exceptions, so one bad file never stops
the others from being checked.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from referencing.exceptions import Unresolvable

from formsvc import safejson
from formsvc.schemas.document import FormDocument
from formsvc.schemas.findings import WARNING, Finding
from formsvc.schemas.lint import PrefillVocabulary, lint
from formsvc.schemas.validation import meta_schema_problems
from formsvc.schemas.walk import iter_subschemas

__all__ = [
    "MAX_DEFINITION_DEPTH",
    "DefinitionError",
    "check_document",
    "check_file",
    "check_structure",
    "load_definition",
]


class DefinitionError(ValueError):
    """A file that is not a usable definition at all (unreadable, not JSON, not an object)."""


# Far beyond any real form (each nested question adds two levels), short of the parser's limit.
MAX_DEFINITION_DEPTH = 128


def load_definition(path: Path) -> tuple[str, dict[str, Any]]:
    """(form id, document): ``x-form.id`` or else the file name."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DefinitionError(f"cannot read the file: {error}") from error
    try:
        document = safejson.loads(text, max_depth=MAX_DEFINITION_DEPTH, unique_keys=True)
    except json.JSONDecodeError as error:
        raise DefinitionError(
            f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from error
    except ValueError as error:  # a duplicate key, NaN, too deep
        raise DefinitionError(str(error)) from error
    if not isinstance(document, dict):
        raise DefinitionError("a form definition must be a JSON object")
    meta = document.get("x-form")
    form_id = meta.get("id") if isinstance(meta, Mapping) else None
    return str(form_id or path.stem), document


def check_file(path: Path, paths: PrefillVocabulary) -> list[Finding]:
    try:
        form_id, document = load_definition(path)
    except DefinitionError as error:
        return [Finding((), str(error))]
    findings = check_document(form_id, document, paths)
    text = path.read_text(encoding="utf-8")
    if unicodedata.normalize("NFC", text) != text:
        findings.append(
            Finding((), "text is not NFC-normalised: Vietnamese letters may not match", WARNING)
        )
    return findings


def check_structure(form_id: str, document: Mapping[str, Any]) -> list[Finding]:
    """What makes a document unusable as a form at all: meta-schema breaches and references
    that cannot be resolved. (Lint errors, such as a missing title, block publishing but
    not rendering an outside schema.)"""
    # The standard meta-schema reaches some places by several routes; report each once.
    problems = dict.fromkeys(meta_schema_problems(document))
    findings = [Finding(pointer, message) for pointer, message in problems]
    return findings + list(_unresolvable(FormDocument(form_id, document)))


def check_document(
    form_id: str, document: Mapping[str, Any], paths: PrefillVocabulary
) -> list[Finding]:
    findings = check_structure(form_id, document)
    if any("$ref" in finding.pointer for finding in findings):
        return findings  # the field tree cannot be built; lint would only repeat the cause
    form = FormDocument(form_id, document)
    try:
        findings += lint(form, paths)
    except (Unresolvable, RecursionError, TypeError, ValueError) as error:
        findings.append(Finding((), f"cannot interpret the form: {error}"))
    return findings


def _unresolvable(form: FormDocument) -> Iterator[Finding]:
    resolver = form.resolver()
    for pointer, schema in iter_subschemas(form.document):
        reference = schema.get("$ref")
        if not isinstance(reference, str):
            continue
        try:
            resolver.lookup(reference)
        except Unresolvable:
            yield Finding(
                (*pointer, "$ref"),
                f"cannot resolve $ref {reference!r}: only references inside the form and to "
                "urn:formsvc:component:* are allowed, and nothing is fetched",
            )
