"""The mock national population database as a prefill source.

A form's paths become one query for the citizen with every many-to-one link (parents, spouse,
household head, wards and provinces) joined in, plus one query per list it maps (household
members, children). Each entity loads only the columns the paths name, and anything else
raises, so the query count stays bounded whatever the form's size, and a path that reads more
than it declares fails its tests instead of leaking data.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import (
    Mapper,
    Session,
    joinedload,
    load_only,
    raiseload,
    selectinload,
)

from formsvc.prefill.base import PrefillSkipped
from formsvc.prefill.models import Citizen
from formsvc.prefill.paths import PATHS, PrefillPath
from formsvc.prefill.registry import DEFAULT_SOURCE, register

if TYPE_CHECKING:
    # What load_only() and friends return; SQLAlchemy has no public name for it.
    from sqlalchemy.orm.strategy_options import _AbstractLoad as LoaderOption

__all__ = ["PopulationSource", "loader_options"]


@dataclass
class _Reads:
    """The attributes to load on one entity, and the relationships to follow from it."""

    columns: set[str] = field(default_factory=set)
    relations: dict[str, _Reads] = field(default_factory=dict)

    def add(self, dotted: str) -> None:
        head, _, rest = dotted.partition(".")
        if rest:
            self.relations.setdefault(head, _Reads()).add(rest)
        else:
            self.columns.add(head)


def _options(entity: type, reads: _Reads) -> list[LoaderOption]:
    mapper: Mapper[Any] = inspect(entity)
    columns = [getattr(entity, name) for name in sorted(reads.columns)]
    columns = columns or [
        mapper.get_property_by_column(key).class_attribute for key in mapper.primary_key
    ]
    options: list[LoaderOption] = [load_only(*columns, raiseload=True)]
    for name, nested in sorted(reads.relations.items()):
        attribute = getattr(entity, name)
        prop = mapper.relationships[name]
        strategy = selectinload if prop.uselist else joinedload
        options.append(strategy(attribute).options(*_options(prop.mapper.class_, nested)))
    options.append(raiseload("*"))
    return options


def loader_options(reads: Iterable[str]) -> list[LoaderOption]:
    """Loader options for ``Citizen`` that fetch exactly the dotted attributes given."""
    tree = _Reads()
    for dotted in reads:
        tree.add(dotted)
    return _options(Citizen, tree)


@register(DEFAULT_SOURCE)
class PopulationSource:
    name = DEFAULT_SOURCE

    def __init__(self, session: Session) -> None:
        self.session = session

    def attributes(self) -> Mapping[str, PrefillPath]:
        return PATHS

    def fetch(self, citizen_ref: int, paths: Collection[str]) -> dict[str, Any]:
        wanted = [PATHS[path] for path in paths if path in PATHS]
        options = loader_options(chain for path in wanted for chain in path.reads)
        # A private session on the caller's connection: the citizen appears twice in the load
        # graph (as itself and as a household member), and objects the caller already holds
        # were loaded with other options; neither may leak into this read.
        with Session(bind=self.session.connection()) as reader:
            citizen = reader.scalars(
                select(Citizen).where(Citizen.id == citizen_ref).options(*options)
            ).one_or_none()
            if citizen is None:
                raise PrefillSkipped(f"no citizen record {citizen_ref}")
            values = {path.path: path.read(citizen) for path in wanted}
        return {path: value for path, value in values.items() if value not in (None, [])}
