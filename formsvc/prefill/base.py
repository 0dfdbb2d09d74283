"""The contract between the resolver and wherever population data comes from.

The mock database is one implementation (``sources/sql.py``); a deployment would add one that
calls the national data-sharing platform, without touching forms, rendering or the resolver.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, Protocol, runtime_checkable

from formsvc.prefill.paths import PrefillPath

__all__ = ["PrefillSkipped", "PrefillSource"]


class PrefillSkipped(Exception):
    """The source has nothing to say about this citizen (not an error: nothing is logged)."""


@runtime_checkable
class PrefillSource(Protocol):
    name: str

    def attributes(self) -> Mapping[str, PrefillPath]:
        """The paths of the path language this source can answer."""
        ...

    def fetch(self, citizen_ref: int, paths: Collection[str]) -> dict[str, Any]:
        """One bulk read: ``{path: JSON value}`` for the paths it holds data for.

        ``citizen_ref`` is the citizen's record id; a path without data is left out, never
        filled with a guess. Raises ``PrefillSkipped`` when the citizen is unknown.
        """
        ...
