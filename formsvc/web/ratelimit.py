"""Counting failed sign-ins, so guessing passwords gets a 429 after a bound.

Counters must be shared by every worker (a limit per process is no limit), so with
``FORMSVC_REDIS_URL`` set they live in Redis; the embedded demo, one process, keeps them
in memory behind the same interface.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol

from flask import Flask, current_app

__all__ = ["MemoryCounter", "RedisCounter", "WindowCounter", "counter", "init_app"]


class WindowCounter(Protocol):
    def hit(self, key: str) -> int:
        """Count one event for ``key``; returns the count within the current window."""

    def count(self, key: str) -> int: ...

    def reset(self, key: str) -> None: ...


class MemoryCounter:
    def __init__(self, window_seconds: int) -> None:
        self.window = window_seconds
        self._events: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        recent = [t for t in self._events.get(key, []) if now - t < self.window]
        self._events[key] = recent
        return recent

    def hit(self, key: str) -> int:
        with self._lock:
            now = time.monotonic()
            recent = self._recent(key, now)
            recent.append(now)
            return len(recent)

    def count(self, key: str) -> int:
        with self._lock:
            return len(self._recent(key, time.monotonic()))

    def reset(self, key: str) -> None:
        with self._lock:
            self._events.pop(key, None)


class RedisCounter:
    """A fixed window per key: INCR and EXPIRE in one round trip."""

    def __init__(self, url: str, window_seconds: int, prefix: str = "formsvc:ratelimit:") -> None:
        import redis

        self.client = redis.Redis.from_url(url)
        self.window = window_seconds
        self.prefix = prefix

    def hit(self, key: str) -> int:
        pipe = self.client.pipeline()
        pipe.incr(self.prefix + key)
        pipe.expire(self.prefix + key, self.window, nx=True)
        count, _ = pipe.execute()
        return int(count)

    def count(self, key: str) -> int:
        value = self.client.get(self.prefix + key)
        return int(value) if value is not None else 0

    def reset(self, key: str) -> None:
        self.client.delete(self.prefix + key)


def counter() -> WindowCounter:
    found: WindowCounter = current_app.extensions["formsvc.signin_failures"]
    return found


def init_app(app: Flask) -> None:
    window = int(app.config.get("SIGNIN_WINDOW_SECONDS", 900))
    url = app.config.get("REDIS_URL")
    app.extensions["formsvc.signin_failures"] = (
        RedisCounter(url, window) if url else MemoryCounter(window)
    )
