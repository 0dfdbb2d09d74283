"""Everything one printed application shows, gathered before any HTML is written.

The template only lays out what is here; deciding what to print (which value, which date,
which signer, whether there is a QR code) happens in Python, where it is tested.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from markupsafe import Markup

from formsvc.prefill import Origins
from formsvc.render.layout import Block, Item, Layout, PdfKind, items, lookup
from formsvc.render.qr import qr_payload, qr_svg
from formsvc.render.values import local
from formsvc.schemas import FormDocument

__all__ = ["PdfContext", "Sheet", "Signature", "make_sheet"]

_DEFAULT_SIGNATURE = {"title": "Người kê khai", "hint": "(Ký, ghi rõ họ tên)"}
_TIMESTAMP = "%H:%M %d/%m/%Y"


@dataclass(frozen=True)
class PdfContext:
    """What the footer prints about the submission; empty for a blank form."""

    tracking_code: str = ""
    submitted_at: datetime | None = None


@dataclass(frozen=True)
class Signature:
    title: str
    hint: str
    signer: str


@dataclass(frozen=True)
class Sheet:
    kind: PdfKind
    title: str
    subject: str
    code_line: str
    addressee: Item | str
    blocks: tuple[Block, ...]
    any_verified: bool
    any_disputed: bool
    declaration: str
    place_label: str
    place: Item | str
    day: str
    month: str
    year: str
    copies: Item | None
    signatures: tuple[Signature, ...]
    footer: str
    qr: Markup | None


def _footer(subject: str, context: PdfContext) -> str:
    parts = [f"Mẫu {subject}"]
    if context.tracking_code:
        parts.insert(0, f"Mã hồ sơ: {context.tracking_code}")
    if context.submitted_at:
        parts.append(f"Nộp lúc {local(context.submitted_at).strftime(_TIMESTAMP)}")
    return " · ".join(parts)


def make_sheet(
    document: FormDocument,
    data: Mapping[str, Any],
    origins: Origins,
    context: PdfContext,
    kind: PdfKind,
) -> Sheet:
    meta = document.meta
    options: Mapping[str, Any] = meta.get("pdf", {})
    layout = Layout(document, data, origins, kind)
    framed = {key: layout.field(name) for key, name in layout.apart.items()}
    blocks = layout.body(frozenset(layout.apart.values()))
    when = local(context.submitted_at) if context.submitted_at and kind is PdfKind.FILLED else None
    signatures = options.get("signatures") or [_DEFAULT_SIGNATURE]
    subject = f"{meta.get('code') or document.form_id}, phiên bản {document.version}"
    return Sheet(
        kind=kind,
        title=document.title,
        subject=subject,
        code_line=str(options.get("code_line", "")),
        addressee=framed.get("addressee_field") or str(meta.get("agency", "")),
        blocks=blocks,
        any_verified=any(item.verified for item in items(blocks)),
        any_disputed=any(item.dispute for item in items(blocks)),
        declaration=str(options.get("declaration", "")),
        place_label=str(options.get("place_label", "")),
        place=framed.get("place_field") or str(options.get("place", "")),
        day=when.strftime("%d") if when else "",
        month=when.strftime("%m") if when else "",
        year=when.strftime("%Y") if when else "",
        copies=framed.get("copies_field"),
        signatures=tuple(
            Signature(
                str(signature["title"]),
                str(signature.get("hint", "")),
                str(lookup(data, (signature["signer_field"],)) or "")
                if "signer_field" in signature
                else "",
            )
            for signature in signatures
        ),
        footer=_footer(subject, context),
        qr=(
            qr_svg(qr_payload(context.tracking_code, data))
            if context.tracking_code and kind is PdfKind.FILLED
            else None
        ),
    )
