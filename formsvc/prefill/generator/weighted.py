"""Weighted choice tables: the generator's one sampling primitive.

``random.choices`` rebuilds its cumulative weights on every call; a million citizens draw
tens of millions of values, so each table keeps them once and draws with ``bisect``.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Mapping
from itertools import accumulate
from typing import Generic, TypeVar

__all__ = ["Weighted"]

T = TypeVar("T")


class Weighted(Generic[T]):
    def __init__(self, weights: Mapping[T, float]) -> None:
        self.items = list(weights)
        self.cumulative = list(accumulate(weights.values()))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self.cumulative, rng.random() * self.total)]

    def share(self, item: T) -> float:
        index = self.items.index(item)
        previous = self.cumulative[index - 1] if index else 0.0
        return (self.cumulative[index] - previous) / self.total
