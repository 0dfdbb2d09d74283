"""Developer text never reaches citizens: every label, hint and condition on the form page of
every catalogue form and of every standard component is written for the person filling it."""

from __future__ import annotations

import html as markup
import json
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from formsvc.render.page import form_page
from formsvc.schemas.catalogue import CompiledForm
from formsvc.schemas.references import COMPONENT_PREFIX, COMPONENTS_DIR

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted((ROOT / "form_definitions").glob("*.json"))
COMPONENTS = sorted(COMPONENTS_DIR.glob("*.json"))

# What only a designer or developer writes: schema keywords, references, prefill paths.
DEVELOPER = re.compile(r"x-[a-z]|\$ref|\$defs|\$comment|urn:|citizen\.[a-z]|\bjson schema\b", re.I)
SHOWN = re.compile(
    r'<p class="(?:hint|condition-hint)"[^>]*>(.*?)</p>|<label[^>]*>(.*?)</label>'
    r'|<legend>(.*?)</legend>|<h1>(.*?)</h1>|<p class="lead">(.*?)</p>',
    re.S,
)
VIETNAMESE_LETTER = re.compile(r"[À-ỹĐđ]")


def _shown(html: str) -> list[str]:
    found = []
    for groups in SHOWN.findall(html):
        text = next(g for g in groups if g)
        found.append(markup.unescape(re.sub(r"<[^>]+>", "", text)).strip())
    return found


def _probe(component: Path) -> CompiledForm:
    """A form holding the whole component, with nothing of its own said over it."""
    name = component.stem
    reference = {"$ref": f"{COMPONENT_PREFIX}{name}"}
    part: dict[str, Any] = (
        {"type": "array", "items": reference} if name == "household-member" else reference
    )
    document = {"type": "object", "title": "Tờ khai thử", "properties": {"part": part}}
    return CompiledForm(f"probe-{name}", 1, document)


def _catalogue(path: Path) -> CompiledForm:
    return CompiledForm(path.stem, 1, json.loads(path.read_text(encoding="utf-8")))


CASES = [pytest.param(_catalogue, p, id=p.stem) for p in FORMS] + [
    pytest.param(_probe, p, id=f"component-{p.stem}") for p in COMPONENTS
]


@pytest.mark.parametrize(("make", "path"), CASES)
def test_no_developer_text_on_the_form_page(app: Flask, make: Any, path: Path) -> None:
    form = make(path)
    with app.app_context():
        vietnamese = _shown(form_page(form, language="vi")[0])
        english = _shown(form_page(form, language="en")[0])
    assert vietnamese and english
    assert [t for t in vietnamese + english if DEVELOPER.search(t)] == []
    # English (or unaccented) prose on a Vietnamese page is a designer's note, not a hint.
    prose = [
        t
        for t in vietnamese
        if len(re.findall(r"[A-Za-z]+", t)) >= 4 and not VIETNAMESE_LETTER.search(t)
    ]
    assert prose == []


@pytest.mark.parametrize("path", COMPONENTS, ids=lambda p: p.stem)
def test_component_notes_are_comments(path: Path) -> None:
    """A component's own description would become the hint of every block built from it."""
    component = json.loads(path.read_text(encoding="utf-8"))
    assert "description" not in component
    assert component["$comment"]


def test_the_developer_text_caught_before(app: Flask) -> None:
    """The identity-document note ("Give it x-prefill …") once showed as a hint."""
    with app.app_context():
        html, _errors = form_page(_catalogue(ROOT / "form_definitions/khai-sinh.json"))
    assert "Giấy tờ tùy thân" in html and "x-prefill" not in html
