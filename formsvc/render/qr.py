"""The QR code printed on filled applications, so an officer can check paper against the system.

The payload is ``FORMSVC:<tracking code>:<digest>``, where the digest is the first 12 hex
digits (upper case) of the SHA-256 of the submitted data as canonical JSON (keys sorted, no
spaces, UTF-8). A scanner that looks the code up recomputes the digest from the stored data
with :func:`data_digest`: a match means the paper shows what the system holds. 48 bits are
plenty to notice an edit; they are not a signature. Every character of the payload is in
the QR alphanumeric set, so the code is a 25×25 version 2 rather than a denser 29×29:
easier to scan, and cheaper to draw.

The code is drawn as inline SVG (one vector path), not as an image, so the renderer needs
no ``data:`` URL and the code stays sharp at any print resolution.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

import segno
from markupsafe import Markup

__all__ = ["PAYLOAD_PREFIX", "data_digest", "qr_payload", "qr_svg"]

PAYLOAD_PREFIX = "FORMSVC"
_DIGEST_LENGTH = 12


def data_digest(data: Mapping[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:_DIGEST_LENGTH].upper()


def qr_payload(tracking_code: str, data: Mapping[str, Any]) -> str:
    """What the QR code holds; the single definition rendering and lookups share."""
    return f"{PAYLOAD_PREFIX}:{tracking_code}:{data_digest(data)}"


def qr_svg(payload: str) -> Markup:
    """An ``<svg>`` element sized by CSS (viewBox only), with a two-module quiet zone."""
    code = segno.make_qr(payload, error="m")
    svg = code.svg_inline(border=2, omitsize=True, svgclass=None, lineclass=None)
    return Markup(svg)
