"""PDF applications in the official Vietnamese layout, rendered by WeasyPrint.

The renderer is given a fetcher that only accepts ``data:`` URIs, so no definition or
answer, however crafted, can make it read a local file or reach the network.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from formsvc.render.answers import answers
from formsvc.render.values import local
from formsvc.schemas import FormDocument

__all__ = ["PdfContext", "html_to_pdf", "render_html", "render_pdf"]


@dataclass(frozen=True)
class PdfContext:
    """What the footer prints about the submission; empty for a blank form."""

    tracking_code: str = ""
    submitted_at: datetime | None = None


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("formsvc.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    environment.filters["local"] = local
    return environment


def render_html(
    document: FormDocument,
    data: Mapping[str, Any],
    verified: set[tuple[str, ...]] | frozenset[tuple[str, ...]] = frozenset(),
    context: PdfContext = PdfContext(),
) -> str:
    meta = document.meta
    layout: Mapping[str, Any] = meta.get("pdf", {})
    addressee_field = layout.get("addressee_field")
    skip = frozenset({addressee_field}) if addressee_field else frozenset()
    return (
        _environment()
        .get_template("application.html")
        .render(
            document=document,
            meta=meta,
            layout=layout,
            data=data,
            addressee=data.get(addressee_field, "") if addressee_field else meta.get("agency", ""),
            lines=answers(document.root, data, verified, skip),
            any_verified=bool(verified),
            context=context,
        )
    )


def render_pdf(
    document: FormDocument,
    data: Mapping[str, Any],
    verified: set[tuple[str, ...]] | frozenset[tuple[str, ...]] = frozenset(),
    context: PdfContext = PdfContext(),
) -> bytes:
    return html_to_pdf(render_html(document, data, verified, context))


def html_to_pdf(html: str) -> bytes:
    """Only ``data:`` URIs load; every other URL (http, file, relative) is refused."""
    fetcher = URLFetcher(allowed_protocols={"data"})
    pdf: bytes = HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    return pdf
