"""What a workshop refuses, and the limits the checks share (the service, its validation,
its retries and the scoring rounds all raise these)."""

from __future__ import annotations

from ..errors import InputError

WORKSHOP_NAME_MAX = 200
SECRET_MAX = 200  # longer strings cannot be one of our keys; refuse before hashing


class WorkshopError(InputError):
    """A workshop operation was refused (bad input or the wrong state); the message says why."""


class AccessDenied(WorkshopError):
    """A facilitator key, member token or join code that matches nothing."""


class RoundStateError(WorkshopError):
    """The round is in the wrong state: closed for submissions, still open for reveal/save, or unknown."""


class DatabaseBusy(WorkshopError):
    """The database stayed locked or out of connections through every retry; try again shortly."""
