"""Which fields of a form map to the population record: the one reading of ``x-prefill``
shared by the resolver (what to fetch) and the consent page (what to ask about)."""

from __future__ import annotations

from formsvc.prefill.paths import PATHS
from formsvc.schemas import FormDocument, Node

__all__ = ["mapped_paths", "prefill_nodes"]


def prefill_nodes(document: FormDocument) -> list[Node]:
    """Fields whose ``x-prefill`` is a known path; unknown ones are the checker's business."""
    return [node for node in document.fields() if node.prefill in PATHS]


def mapped_paths(document: FormDocument) -> list[str]:
    return sorted({str(node.prefill) for node in prefill_nodes(document)})
