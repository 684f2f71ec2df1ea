"""A busy database becomes a clear, retryable message instead of a raw ``OperationalError``.

Two failures are expected under load: SQLite's busy timeout running out while another
writer holds the lock (``database is locked``), and a PostgreSQL server with no free
connection slots (``too many clients``, ``remaining connection slots are reserved``).
In both the transaction never committed (every service call is one transaction, rolled
back on error), so the call is retried a few times with a short back-off; if the database
is still busy the caller gets :class:`DatabaseBusy`, a WorkshopError with a message in both
languages. Other database errors are left alone (they are bugs, not load).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import OperationalError

from ..errors import Issue
from .errors import DatabaseBusy

P = ParamSpec("P")
R = TypeVar("R")

RETRIES = 3
BACKOFF_S = (0.2, 0.5, 1.0)
_BUSY_MARKERS = (
    "database is locked",
    "database table is locked",
    "too many clients",
    "too many connections",
    "remaining connection slots are reserved",
    "connection slots are reserved",
    "sorry, too many clients already",
)


def is_busy(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", None) or exc).lower()
    return isinstance(exc, OperationalError) and any(marker in text for marker in _BUSY_MARKERS)


def retry_when_busy(method: Callable[P, R]) -> Callable[P, R]:
    """Retry a whole service call when the database is busy; then raise DatabaseBusy."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:

        for attempt in range(RETRIES + 1):
            try:
                return method(*args, **kwargs)
            except OperationalError as exc:
                if not is_busy(exc):
                    raise
                if attempt == RETRIES:
                    raise DatabaseBusy(Issue("database_busy")) from exc
                time.sleep(BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)])
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper


def guard(cls: type) -> type:
    """Wrap every public method of the service class, its mixins' included, with :func:`retry_when_busy`."""
    seen: set[str] = set()
    for klass in cls.__mro__:
        if klass is object:
            continue
        for name, member in list(vars(klass).items()):
            if name in seen:
                continue
            seen.add(name)
            if not name.startswith("_") and callable(member) and not isinstance(member, (staticmethod, classmethod)):
                setattr(cls, name, retry_when_busy(member))
    return cls
