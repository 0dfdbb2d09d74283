"""Lint rules for form definitions: mistakes the meta-schema cannot see.

Each rule takes the document (and, for prefill rules, the population vocabulary) and yields
``Finding``s. Errors are things that would break a form; warnings are things a designer
should look at, such as data the population database already holds but the form still asks
for (a "reuse opportunity", the point of the whole service).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from formsvc.schemas.document import FormDocument, Node
from formsvc.schemas.findings import ERROR, WARNING, Finding
from formsvc.schemas.formats import FORMATS
from formsvc.schemas.translation import FORM_TEXTS, SCHEMA_TEXTS, translation_keyword
from formsvc.schemas.walk import Pointer, iter_subschemas

__all__ = ["RULES", "PrefillVocabulary", "lint"]

# Formats jsonschema checks on its own, plus ours.
_KNOWN_FORMATS = {
    *FORMATS, "date-time", "time", "uri", "uri-reference", "uuid", "ipv4", "ipv6",
    "hostname", "idn-email", "regex", "duration", "json-pointer", "iri", "data-url",
}  # fmt: skip
_CODE_LIKE = re.compile(r"[A-Za-z0-9_\-]+")


PrefillVocabulary = Mapping[str, Any]
"""Prefill paths known to the population database, each with at least a ``label``."""


def _pointer(node: Node) -> Pointer:
    pointer: list[str | int] = []
    for name in node.path:
        pointer += ["properties", name]
    return tuple(pointer)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().rstrip(":").casefold()


# --- prefill -------------------------------------------------------------------------------


def _prefill_paths(document: FormDocument, paths: PrefillVocabulary) -> Iterator[Finding]:
    yield from _check_prefill(document.root, paths, array_path=None)


def _check_prefill(
    node: Node, paths: PrefillVocabulary, array_path: str | None
) -> Iterator[Finding]:
    key = node.prefill_key
    if key and array_path is not None and not node.children and node.item is None:
        item_keys = getattr(paths.get(array_path), "item_keys", None)
        if item_keys is not None and key not in item_keys:
            yield Finding(
                (*_pointer(node), "x-prefill"),
                f"unknown item key {key!r} for {array_path} "
                f"(known: {', '.join(sorted(item_keys))})",
            )
    elif node.prefill and node.prefill not in paths and not _is_record(node.prefill, paths):
        yield Finding((*_pointer(node), "x-prefill"), f"unknown prefill path {node.prefill!r}")
    inner_array = node.prefill if node.item is not None and node.prefill else array_path
    for child in node.children:
        yield from _check_prefill(child, paths, array_path)
    if node.item is not None:
        yield from _check_prefill(node.item, paths, inner_array)


def _is_record(path: str, paths: PrefillVocabulary) -> bool:
    """A record (``citizen.mother``) is a valid base when some path lies below it."""
    return any(known.startswith(path + ".") for known in paths)


def _reuse_opportunities(document: FormDocument, paths: PrefillVocabulary) -> Iterator[Finding]:
    """Fields asking for what the database holds, without x-prefill.

    Only where the subject is known to be the signed-in citizen or a prefilled record: at the
    top level, or inside a group whose x-prefill names a record. A child's name on a birth
    registration is new information, not a reuse opportunity.
    """
    yield from _reuse_below(document.root, paths, base="citizen")


def _reuse_below(node: Node, paths: PrefillVocabulary, base: str | None) -> Iterator[Finding]:
    for child in node.children:
        if child.children:
            yield from _reuse_below(child, paths, child.prefill)
            continue
        if base is None or child.prefill or child.in_array:
            continue
        candidates = {
            path: info
            for path, info in paths.items()
            if path.startswith(base + ".") and "." not in path[len(base) + 1 :]
        }
        for path, info in candidates.items():
            same_name = path.rsplit(".", 1)[-1] == child.name
            same_label = _normal(str(getattr(info, "label", ""))) == _normal(child.title)
            if same_name or same_label:
                yield Finding(
                    _pointer(child),
                    f"reuse opportunity: the population database holds {child.title!r} "
                    f'({path}); add "x-prefill": "{path}" so the citizen need not type it',
                    WARNING,
                )
                break


# --- text for citizens ---------------------------------------------------------------------

# Schema vocabulary, component URNs and prefill paths mean nothing to a citizen.
_DEVELOPER_WORDS = re.compile(r"\bx-[a-z]|\$ref|\$defs|\$comment|\burn:|\bcitizen\.[a-z]")
# Four words or more without a single Vietnamese letter: English (or unaccented) prose.
_PLAIN_WORDS = re.compile(r"[A-Za-z]+")
_VIETNAMESE_LETTER = re.compile(r"[À-ỹĐđ]")


def _shown_text_problems(text: str) -> Iterator[tuple[str, bool]]:
    """(problem, is it an error) for a label, hint or condition a citizen will read."""
    if _DEVELOPER_WORDS.search(text):
        yield "is written for designers (schema keywords, $ref, urn:, prefill paths)", True
    elif len(_PLAIN_WORDS.findall(text)) >= 4 and not _VIETNAMESE_LETTER.search(text):
        yield "does not read as Vietnamese", False


def _citizen_text(document: FormDocument) -> Iterator[Finding]:
    """Hints and labels are shown to citizens as written, components' included: notes for
    designers belong in ``$comment``, which no page shows."""
    for node in document.root.walk():
        texts = [(key, node.schema.get(key)) for key in ("title", "description")]
        if node.condition is not None:
            texts.append(("x-condition", node.condition.label))
        for key, text in texts:
            if not isinstance(text, str):
                continue
            for problem, is_error in _shown_text_problems(text):
                yield Finding(
                    (*_pointer(node), key),
                    f"{key} {text[:60]!r} {problem}; it is shown to citizens "
                    "(put notes for designers in $comment)",
                    ERROR if is_error else WARNING,
                )


def _translations(document: FormDocument) -> Iterator[Finding]:
    """An x-en text with no Vietnamese beside it would be silently unused."""
    keyword = translation_keyword("en")
    for pointer, schema in iter_subschemas(document.document):
        owners: list[tuple[Pointer, Mapping[str, Any], tuple[str, ...]]] = [
            (pointer, schema, SCHEMA_TEXTS)
        ]
        if isinstance(schema.get("x-form"), Mapping):
            owners.append(((*pointer, "x-form"), schema["x-form"], FORM_TEXTS))
        for where, owner, keys in owners:
            for key in _mapping(owner.get(keyword)):
                if key in keys and key not in owner:
                    yield Finding(
                        (*where, keyword, key),
                        f"{keyword} translates {key!r}, but there is no Vietnamese {key} "
                        "beside it (what a $ref points to is translated where it is defined)",
                    )


# --- structure -----------------------------------------------------------------------------


def _labels(document: FormDocument) -> Iterator[Finding]:
    for node in document.root.walk():
        seen: dict[str, str] = {}
        for child in node.children:
            label = _normal(child.title)
            if label in seen:
                yield Finding(
                    _pointer(child),
                    f"duplicate label {child.title!r} (also on {seen[label]!r}); "
                    "each question needs its own label",
                    WARNING,
                )
            else:
                seen[label] = child.name


def _enum_labels(document: FormDocument) -> Iterator[Finding]:
    for pointer, schema in iter_subschemas(document.document):
        values = schema.get("enum")
        if "if" in pointer or not isinstance(values, list):
            continue
        if any(not isinstance(v, str) or _CODE_LIKE.fullmatch(v) for v in values if v is not None):
            yield Finding(
                (*pointer, "enum"),
                "enum values without human labels: use oneOf with const and title "
                '(e.g. {"const": "male", "title": "Nam"})',
                WARNING,
            )


def _branch_properties(schema: Mapping[str, Any]) -> set[str]:
    names = set(schema.get("properties", {}))
    for keyword in ("then", "else"):
        names |= set(_mapping(schema.get(keyword)).get("properties", {}))
    for member in schema.get("allOf", ()) if isinstance(schema.get("allOf"), list) else ():
        names |= _branch_properties(_mapping(member))  # a member's own if/then too
    for keyword in ("oneOf", "anyOf"):
        for member in schema.get(keyword, ()) if isinstance(schema.get(keyword), list) else ():
            names |= set(_mapping(member).get("properties", {}))
    for keyword in ("dependentSchemas", "dependencies"):
        for member in _mapping(schema.get(keyword)).values():
            names |= set(_mapping(member).get("properties", {}))
    return names


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _required(document: FormDocument) -> Iterator[Finding]:
    """Required names (and dependency names) that no branch of the object defines."""
    for pointer, schema in iter_subschemas(document.document):
        if not isinstance(schema.get("properties"), Mapping) or "$ref" in schema:
            continue
        if schema.get("patternProperties") or isinstance(
            schema.get("additionalProperties"), Mapping
        ):
            continue
        names = _branch_properties(schema)
        places: list[tuple[Pointer, Any]] = [((*pointer, "required"), schema.get("required"))]
        for keyword in ("then", "else"):
            places.append(
                ((*pointer, keyword, "required"), _mapping(schema.get(keyword)).get("required"))
            )
        for keyword in ("dependentRequired", "dependencies"):
            for trigger, needed in _mapping(schema.get(keyword)).items():
                places.append(((*pointer, keyword, trigger), [trigger]))
                if isinstance(needed, list):
                    places.append(((*pointer, keyword, trigger), needed))
        for where, required in places:
            for name in required or ():
                if name not in names:
                    yield Finding(where, f"required property {name!r} is not defined")


def _closed_to_branches(document: FormDocument) -> Iterator[Finding]:
    """Fields of conditional branches that ``additionalProperties: false`` refuses: it sees
    only the object's own ``properties``, so the branch could never be answered."""
    for pointer, schema in iter_subschemas(document.document):
        if schema.get("additionalProperties") is not False or "$ref" in schema:
            continue
        own = set(_mapping(schema.get("properties")))
        patterns = [re.compile(p) for p in _mapping(schema.get("patternProperties"))]
        for name in sorted(_branch_properties(schema) - own):
            if not any(pattern.search(name) for pattern in patterns):
                yield Finding(
                    (*pointer, "additionalProperties"),
                    f"conditional field {name!r} is refused by additionalProperties: false, "
                    "which sees only the object's own properties: close the object with "
                    "unevaluatedProperties: false instead (in draft-07, declare the field in "
                    "properties too)",
                )


def _conditions(document: FormDocument) -> Iterator[Finding]:
    """``if`` tests that can never (or always) hold, judged from the field's own choices."""
    # An allOf member applies to the object around it: its if may test that object's fields.
    enclosing: dict[Pointer, Mapping[str, Any]] = {}
    for pointer, schema in iter_subschemas(document.document):
        members = schema.get("allOf")
        for index in range(len(members) if isinstance(members, list) else 0):
            enclosing[(*pointer, "allOf", index)] = _mapping(schema.get("properties"))
        test = schema.get("if")
        if test is None:
            continue
        if test is False and "then" in schema:
            yield Finding(
                (*pointer, "then"), "unreachable: the if is false, so then never applies", WARNING
            )
            continue
        if test is True or test == {}:
            if "else" in schema:
                yield Finding(
                    (*pointer, "else"),
                    "unreachable: the if always holds, so else never applies",
                    WARNING,
                )
            continue
        yield from _judge_if(pointer, schema, _mapping(test), enclosing.get(pointer, {}))


def _judge_if(
    pointer: Pointer,
    schema: Mapping[str, Any],
    test: Mapping[str, Any],
    enclosing: Mapping[str, Any],
) -> Iterator[Finding]:
    properties = {**enclosing, **_mapping(schema.get("properties"))}
    for name, constraint in _mapping(test.get("properties")).items():
        constraint = _mapping(constraint)
        if name not in properties:
            yield Finding(
                (*pointer, "if", "properties", name),
                f"condition on unknown field {name!r}",
                WARNING,
            )
            continue
        wanted = [constraint["const"]] if "const" in constraint else constraint.get("enum")
        possible = _possible_values(_mapping(properties[name]))
        if not isinstance(wanted, list) or possible is None:
            continue
        if not any(value in possible for value in wanted):
            yield Finding(
                (*pointer, "then"),
                f"unreachable: {name!r} can never be {', '.join(map(repr, wanted))}",
                WARNING,
            )
        elif "else" in schema and all(value in wanted for value in possible):
            yield Finding(
                (*pointer, "else"),
                f"unreachable: every allowed value of {name!r} satisfies the if",
                WARNING,
            )


def _possible_values(schema: Mapping[str, Any]) -> list[Any] | None:
    if isinstance(schema.get("enum"), list):
        return list(schema["enum"])
    for keyword in ("oneOf", "anyOf"):
        options = schema.get(keyword)
        if isinstance(options, list) and options and all("const" in _mapping(o) for o in options):
            return [o["const"] for o in options]
    if schema.get("type") == "boolean":
        return [True, False]
    return None


# A quantified group that itself contains a quantifier, e.g. (a+)+ or (\w*\s?)*: with
# Python's backtracking engine a crafted answer can make one check run for minutes.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,\d*\})(?:[^()\\]|\\.)*\)\s*[+*{]")
# Beyond this many choices a list is unusable for people and slow to render and validate.
MAX_CHOICES = 500
# The longest official form has about a hundred questions; far beyond that, a definition is a
# mistake or an attack on every page that renders it (5,000 questions: a 1 MB page).
MAX_QUESTIONS = 1000


def _patterns(pointer: Pointer, schema: Mapping[str, Any]) -> Iterator[Finding]:
    """``pattern``, and the names ``patternProperties`` matches keys with (which Python's
    ``re`` runs without the time limit the pattern keyword has)."""
    named = _mapping(schema.get("patternProperties"))
    found: list[tuple[Pointer, str]] = [(("patternProperties", name), name) for name in named]
    if isinstance(schema.get("pattern"), str):
        found.insert(0, (("pattern",), schema["pattern"]))
    for where, pattern in found:
        try:
            re.compile(pattern)
        except re.error as error:
            yield Finding((*pointer, *where), f"pattern does not compile: {error}")
        if _NESTED_QUANTIFIER.search(pattern):
            yield Finding(
                (*pointer, *where),
                "pattern nests quantifiers (like (a+)+) and can take exponential time; "
                "rewrite it without a repeated group that repeats",
            )


def _keywords(document: FormDocument) -> Iterator[Finding]:
    """Patterns that do not compile or can backtrack catastrophically, oversized choice lists,
    unknown formats, misplaced x-form, unknown x-order names."""
    for pointer, schema in iter_subschemas(document.document):
        yield from _patterns(pointer, schema)
        for keyword in ("enum", "oneOf", "anyOf"):
            if isinstance(schema.get(keyword), list) and len(schema[keyword]) > MAX_CHOICES:
                yield Finding(
                    (*pointer, keyword),
                    f"{len(schema[keyword])} choices: more than {MAX_CHOICES} is refused",
                )
        if isinstance(schema.get("format"), str) and schema["format"] not in _KNOWN_FORMATS:
            yield Finding(
                (*pointer, "format"),
                f"format {schema['format']!r} is not checked by formsvc",
                WARNING,
            )
        if pointer and "x-form" in schema:
            yield Finding((*pointer, "x-form"), "x-form belongs on the document root only", WARNING)
        properties = _branch_properties(schema)  # x-order may place conditional fields too
        for name in schema.get("x-order") or ():
            if name not in properties:
                yield Finding(
                    (*pointer, "x-order"), f"x-order names unknown property {name!r}", WARNING
                )
    if not document.document.get("title"):
        yield Finding((), "the form has no title")
    questions = len(document.nodes()) - 1  # less the root
    if questions > MAX_QUESTIONS:
        yield Finding((), f"{questions} questions: more than {MAX_QUESTIONS} is refused")
    if "x-form" not in document.document:
        yield Finding((), "no x-form: code, legal basis and receiving agency are missing", WARNING)
    elif not any(
        # unevaluatedProperties: false closes the root too, counting conditional fields.
        document.document.get(keyword) is False
        for keyword in ("additionalProperties", "unevaluatedProperties")
    ):
        yield Finding(
            (),
            "neither additionalProperties nor unevaluatedProperties is false: answers to "
            "questions the form does not ask would be accepted and stored",
            WARNING,
        )


Rule = Callable[[FormDocument, PrefillVocabulary], Iterator[Finding]]

RULES: tuple[Rule, ...] = (
    lambda document, paths: _keywords(document),
    lambda document, paths: _required(document),
    lambda document, paths: _closed_to_branches(document),
    _prefill_paths,
    lambda document, paths: _enum_labels(document),
    lambda document, paths: _labels(document),
    lambda document, paths: _conditions(document),
    lambda document, paths: _citizen_text(document),
    lambda document, paths: _translations(document),
    _reuse_opportunities,
)


def lint(document: FormDocument, paths: PrefillVocabulary) -> list[Finding]:
    return [finding for rule in RULES for finding in rule(document, paths)]
