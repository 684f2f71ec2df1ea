"""The database: every table and every query.

- :mod:`.db`: the engine (``MCDA_DATABASE_URL`` or the default SQLite file), SQLite pragmas,
  ``BEGIN IMMEDIATE`` for read-then-write transactions, :class:`Database` and its sessions.
- :mod:`.migrations`: the schema's revisions (Alembic), applied when a database is opened.
- :mod:`.backup`: backups and restores (``mcda db backup``, ``mcda db restore``).
- :mod:`.tables`: every SQLAlchemy table (weight sets, expert edits, workshops).
- :mod:`.weight_sets`, :mod:`.expert_edits`: the stores the pages use.
- :mod:`.workshops`: every query of the workshop service, as plain functions on a session
  returning small dataclasses.

Nothing here imports the workshop or app code; they import this.
"""

from .db import ENV_URL, SQLITE_BUSY_TIMEOUT_MS, Database, default_url, make_engine
from .expert_edits import ExpertEdit, ExpertEditStore
from .tables import Base, ExpertEditRow, WeightSetRow, utcnow
from .weight_sets import WeightSetStore

__all__ = [
    "ENV_URL",
    "SQLITE_BUSY_TIMEOUT_MS",
    "Base",
    "Database",
    "ExpertEdit",
    "ExpertEditRow",
    "ExpertEditStore",
    "WeightSetRow",
    "WeightSetStore",
    "default_url",
    "make_engine",
    "utcnow",
]
