"""Field-level errors shared by validation, rendering, PDFs and the API."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FieldError"]


@dataclass(frozen=True)
class FieldError:
    """One problem with one field; ``path`` points into the submitted instance."""

    path: tuple[str | int, ...]
    keyword: str
    message: str
    message_en: str

    @property
    def key(self) -> str:
        """The field's name in HTML forms (WTForms joins nested names with ``-``)."""
        return "-".join(str(part) for part in self.path)
