"""Slowing down wrong secrets: after a few free tries, each further wrong join code, facilitator key,
member token or passphrase from one client doubles the wait before the next try, up to a cap.

Kept in process memory: each app process counts its own clients and a restart forgets them. That is
enough to make guessing slow (the secrets are long: a 40-bit join code, 256-bit keys and tokens, a
passphrase of at least 12 characters); it is not an account lock-out across processes.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

FREE_TRIES = 3
FIRST_WAIT_S = 2.0
MAX_WAIT_S = 120.0
FORGET_AFTER_S = 3600.0  # a client quiet this long starts afresh
MAX_CLIENTS = 10_000  # the oldest are forgotten first


@dataclass
class _Record:
    failures: int
    last: float
    blocked_until: float


class Throttle:
    """Wrong attempts per (kind, client); ``wait`` says how long the client must wait before trying again."""

    def __init__(
        self,
        *,
        free_tries: int = FREE_TRIES,
        first_wait: float = FIRST_WAIT_S,
        max_wait: float = MAX_WAIT_S,
        forget_after: float = FORGET_AFTER_S,
        max_clients: int = MAX_CLIENTS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free_tries, self.first_wait, self.max_wait = free_tries, first_wait, max_wait
        self.forget_after, self.max_clients, self.clock = forget_after, max_clients, clock
        self._records: OrderedDict[tuple[str, str], _Record] = OrderedDict()
        self._lock = threading.Lock()

    def delay_after(self, failures: int) -> float:
        """The wait after ``failures`` wrong tries in a row: none for the free ones, then doubling to the cap."""
        if failures <= self.free_tries:
            return 0.0
        return min(self.max_wait, self.first_wait * 2 ** (failures - self.free_tries - 1))

    def _current(self, key: tuple[str, str], now: float) -> _Record | None:
        record = self._records.get(key)
        if record is not None and now - record.last > self.forget_after:
            del self._records[key]
            return None
        return record

    def wait(self, kind: str, client: str) -> float:
        """Seconds before ``client`` may try a ``kind`` secret again (0: now)."""
        with self._lock:
            now = self.clock()
            record = self._current((kind, client), now)
            return 0.0 if record is None else max(0.0, record.blocked_until - now)

    def failed(self, kind: str, client: str) -> float:
        """Count a wrong try; returns the wait before the next one."""
        with self._lock:
            now = self.clock()
            key = (kind, client)
            record = self._current(key, now) or _Record(0, now, now)
            record.failures += 1
            record.last = now
            record.blocked_until = now + self.delay_after(record.failures)
            self._records[key] = record
            self._records.move_to_end(key)
            while len(self._records) > self.max_clients:
                self._records.popitem(last=False)
            return record.blocked_until - now

    def succeeded(self, kind: str, client: str) -> None:
        """A right secret: the client's count for this kind starts again."""
        with self._lock:
            self._records.pop((kind, client), None)
