"""Prefill sources by name: ``@register("population")`` on a class taking a session.

The registry is a value, not a global switch, so tests can build their own with throwaway
sources and hand it to ``resolve(..., registry=...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy.orm import Session

from formsvc.prefill.base import PrefillSource

__all__ = ["DEFAULT_SOURCE", "Registry", "SourceFactory", "register"]

DEFAULT_SOURCE = "population"

SourceFactory = Callable[[Session], PrefillSource]


class Registry:
    def __init__(self) -> None:
        self._factories: dict[str, SourceFactory] = {}

    def __call__(self, name: str) -> Callable[[SourceFactory], SourceFactory]:
        def decorator(factory: SourceFactory) -> SourceFactory:
            if name in self._factories:
                raise ValueError(f"a prefill source named {name!r} is already registered")
            self._factories[name] = factory
            return factory

        return decorator

    def __contains__(self, name: object) -> bool:
        return name in self._factories

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._factories))

    def create(self, name: str, session: Session) -> PrefillSource:
        try:
            factory = self._factories[name]
        except KeyError:
            known = ", ".join(self) or "none"
            raise LookupError(f"unknown prefill source {name!r} (registered: {known})") from None
        return factory(session)


register = Registry()
