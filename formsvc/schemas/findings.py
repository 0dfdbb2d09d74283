"""What ``formsvc forms check`` reports: a problem at a place in a definition."""

from __future__ import annotations

from dataclasses import dataclass

from formsvc.schemas.walk import Pointer, display_path

__all__ = ["ERROR", "WARNING", "Finding"]

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    pointer: Pointer
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def line(self, source: str) -> str:
        """``file: path.to.field: severity: message``, one per problem, grep-friendly."""
        return f"{source}: {display_path(self.pointer)}: {self.severity}: {self.message}"
