"""A bounded in-process cache of computed values, for the workshop service.

Kept for what never changes once written: a problem snapshot (by its SHA-256), a ranking
(by everything it is computed from), a closed round's group result, a workshop's scoring
cells. When many threads ask for the same missing key at once (30 members opening their
view right after the reveal), the first computes and the others wait for its value instead
of computing it 30 times over.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Least recently used values (never None) up to ``size``; one computation per missing key at a time."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[K, V] = OrderedDict()
        self._running: dict[K, threading.Event] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._values)

    def peek(self, key: K) -> V | None:
        """The value if it is there (marked as recently used), else None; never computes."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        return None

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._store(key, value)

    def forget(self, key: K) -> None:
        with self._lock:
            self._values.pop(key, None)

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The value of ``key``, computed by ``compute()`` if missing.

        While one caller computes a key, other callers of that key wait for it; if it fails
        (the error goes to that caller), the next waiter computes it.
        """
        while True:
            with self._lock:
                if key in self._values:
                    self._values.move_to_end(key)
                    return self._values[key]
                running = self._running.get(key)
                if running is None:  # nobody is computing it: we are
                    running = self._running[key] = threading.Event()
                    break
            running.wait()  # then look again: the value, or (the computation failed) our turn
        try:
            value = compute()
            self.put(key, value)
            return value
        finally:
            with self._lock:
                del self._running[key]
            running.set()

    def _store(self, key: K, value: V) -> None:
        self._values[key] = value
        self._values.move_to_end(key)
        while len(self._values) > self.size:
            self._values.popitem(last=False)
