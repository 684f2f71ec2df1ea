"""Backups of the database and restoring them, for ``mcda db backup`` and ``mcda db restore``.

SQLite: SQLite's online backup API (consistent while the app writes) into a temporary file beside
the target, checked (``PRAGMA integrity_check``), then moved into place atomically; the backup is a
single self-contained file. A restore checks the backup the same way in a temporary copy (an SQLite
file, intact, with this tool's tables, at a revision this version knows), then refuses a database
another program has open, and only then replaces the file.

PostgreSQL: ``pg_dump -Fc`` and ``pg_restore --clean --if-exists --single-transaction`` (the client
programs must be on the PATH); the dump is read through before restoring, and a database with other
sessions connected is refused. The connection's password goes to the programs through
``PGPASSWORD``, never on their command line. The whole database is dumped and restored: give the
tool a database of its own.

Every refusal is an :class:`mcda.errors.InputError` and leaves the target as it was.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, inspect, select
from sqlalchemy.engine import URL, make_url

from ..errors import InputError, Issue
from .db import default_url, make_engine
from .migrations import current_revision, describe_url, head, refuse_unknown, revision_tables
from .tables import Base

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class DatabaseState:
    """What ``mcda db current`` shows: the stamped revision (None: new, or made before migrations),
    the code's head, and the rows per table of this tool."""

    where: str
    revision: str | None
    head: str
    rows: dict[str, int]

    @property
    def made_before_migrations(self) -> bool:
        return self.revision is None and bool(self.rows)


def state(url: str | None = None) -> DatabaseState:
    """The database's revision and rows, read without changing anything."""
    url = url or default_url()
    _require_existing(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            present = set(inspect(connection).get_table_names())
            rows = {
                table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
                for table in Base.metadata.sorted_tables
                if table.name in present
            }
            return DatabaseState(describe_url(url), current_revision(connection), head(), rows)
    finally:
        engine.dispose()


def backup(path: str | Path, url: str | None = None, overwrite: bool = False) -> DatabaseState:
    """Write a backup of the database to ``path``; returns what was backed up."""
    url = url or default_url()
    target = Path(path)
    if target.exists() and not overwrite:
        raise InputError(Issue("backup_exists", file=str(target)))
    source = state(url)  # also: the database exists
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        _sqlite_backup(_sqlite_path(url), target)
    elif backend == "postgresql":
        _pg_dump(make_url(url), target)
    else:
        raise InputError(Issue("backup_unsupported", file=source.where, details={"backend": backend}))
    return source


def restore(path: str | Path, url: str | None = None) -> DatabaseState:
    """Replace the database's contents by the backup at ``path``; returns the database as restored."""
    url = url or default_url()
    source = Path(path)
    if not source.is_file():
        raise InputError(Issue("file_not_found", file=str(source)))
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        _sqlite_restore(source, _sqlite_path(url, must_exist=False))
    elif backend == "postgresql":
        _pg_restore(source, make_url(url))
    else:
        raise InputError(Issue("backup_unsupported", file=describe_url(url), details={"backend": backend}))
    return state(url)


# --- SQLite -----------------------------------------------------------------------------------


def _sqlite_path(url: str, must_exist: bool = True) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise InputError(Issue("backup_unsupported", file=":memory:", details={"backend": "sqlite (in memory)"}))
    path = Path(database)
    if must_exist and not path.is_file():
        raise InputError(Issue("database_missing", file=str(path)))
    return path


def _require_existing(url: str) -> None:
    if make_url(url).get_backend_name() == "sqlite":
        _sqlite_path(url)


@contextmanager
def _temporary_beside(target: Path, purpose: str) -> Iterator[Path]:
    """A temporary file in the target's folder (so that moving it into place is atomic), removed
    unless it was moved."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{purpose}-", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
    finally:
        for leftover in (temporary, *(Path(f"{temporary}{s}") for s in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)


def _sqlite_backup(database: Path, target: Path) -> None:
    with _temporary_beside(target, "backup") as temporary:
        source = sqlite3.connect(database)
        copy = sqlite3.connect(temporary)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            _require_intact(copy, target)
        finally:
            copy.close()
            source.close()
        os.replace(temporary, target)


def _sqlite_restore(backup_file: Path, database: Path) -> None:
    with open(backup_file, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise InputError(Issue("backup_not_sqlite", file=str(backup_file)))
    with _temporary_beside(database, "restore") as temporary:
        shutil.copyfile(backup_file, temporary)  # the backup itself is only read
        copy = sqlite3.connect(temporary, isolation_level=None)
        try:
            _require_intact(copy, backup_file)
            copy.execute("PRAGMA journal_mode=DELETE")
            tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            _require_our_tables(tables, backup_file)
            revision = (
                copy.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
            refuse_unknown(revision[0] if revision else None, where=str(backup_file))
        except sqlite3.DatabaseError as exc:
            raise InputError(Issue("backup_damaged", file=str(backup_file), details={"reason": str(exc)})) from None
        finally:
            copy.close()
        with _sqlite_unused(database):
            os.replace(temporary, database)


def _require_intact(connection: sqlite3.Connection, named: Path) -> None:
    try:
        result = [r[0] for r in connection.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        raise InputError(Issue("backup_damaged", file=str(named), details={"reason": str(exc)})) from None
    if result != ["ok"]:
        raise InputError(Issue("backup_damaged", file=str(named), details={"reason": "; ".join(result[:2])}))


def _require_our_tables(tables: set[str], named: Path | str) -> None:
    missing = sorted(set(revision_tables()) - tables)
    if missing:
        raise InputError(Issue("backup_not_ours", file=str(named), details={"missing": missing}))


@contextmanager
def _sqlite_unused(database: Path) -> Iterator[None]:
    """Hold the database file so that no other connection has it open, or refuse.

    Leaving WAL mode needs the only connection to the file: it fails while the app (or anything
    else) has the database open, even idle. ``BEGIN EXCLUSIVE`` then keeps new readers out while
    the file is replaced.
    """
    if not database.exists():
        yield
        return
    connection = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        try:
            if connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                if connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0] != "delete":
                    raise sqlite3.OperationalError("another connection has the database open")
            connection.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as exc:
            raise InputError(Issue("restore_in_use_sqlite", file=str(database), details={"reason": str(exc)})) from None
        yield
        for stale in (Path(f"{database}-wal"), Path(f"{database}-shm"), Path(f"{database}-journal")):
            stale.unlink(missing_ok=True)
    finally:
        connection.close()


# --- PostgreSQL -------------------------------------------------------------------------------


def _pg_environment(url: URL) -> dict[str, str]:
    """libpq's environment for ``url``: the password only here, never in the command line."""
    env = dict(os.environ)
    for variable, value in {
        "PGHOST": url.host,
        "PGPORT": url.port,
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
        "PGOPTIONS": url.query.get("options"),
        "PGSSLMODE": url.query.get("sslmode"),
    }.items():
        if value is not None:
            env[variable] = str(value)
    return env


def _pg_run(tool: str, arguments: list[str], url: URL, named: str) -> str:
    program = shutil.which(tool)
    if program is None:
        raise InputError(Issue("pg_tool_missing", details={"tool": tool}))
    done = subprocess.run([program, *arguments], env=_pg_environment(url), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        reason = lines[0] if lines else f"exit code {done.returncode}"
        raise InputError(Issue("pg_tool_failed", file=named, details={"tool": tool, "reason": reason}))
    return done.stdout


def _pg_dump(url: URL, target: Path) -> None:
    with _temporary_beside(target, "backup") as temporary:
        _pg_run("pg_dump", ["--format=custom", "--no-owner", f"--file={temporary}"], url, describe_url(str(url)))
        os.replace(temporary, target)


def _pg_restore(backup_file: Path, url: URL) -> None:
    named = str(backup_file)
    listing = _pg_run("pg_restore", ["--list", named], url, named)  # not a custom-format dump: refused here
    tables = {parts[5] for parts in (line.split() for line in listing.splitlines()) if parts[3:4] == ["TABLE"]}
    _require_our_tables(tables, backup_file)
    _pg_run("pg_restore", [f"--file={os.devnull}", named], url, named)  # reads every row: a truncated dump fails
    revision = None
    if "alembic_version" in tables:
        script = _pg_run("pg_restore", ["--data-only", "--table=alembic_version", "--file=-", named], url, named)
        revision = _copied_value(script)
    refuse_unknown(revision, where=named)
    _refuse_other_sessions(url)
    _pg_run(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={url.database}",
            named,
        ],
        url,
        describe_url(str(url)),
    )


def _copied_value(script: str) -> str | None:
    """The first value of the COPY block in a pg_restore data script (alembic_version has one row)."""
    lines = iter(script.splitlines())
    for line in lines:
        if line.startswith("COPY "):
            value = next(lines, "\\.")
            return None if value == "\\." else value.split("\t")[0]
    return None


def _refuse_other_sessions(url: URL) -> None:
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        with engine.connect() as connection:
            sessions = (
                connection.exec_driver_sql(
                    "SELECT coalesce(nullif(application_name, ''), 'unnamed') || ' (pid ' || pid || ')' "
                    "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY pid"
                )
                .scalars()
                .all()
            )
    finally:
        engine.dispose()
    if sessions:
        raise InputError(
            Issue(
                "restore_in_use_postgres",
                file=describe_url(str(url)),
                details={"sessions": len(sessions), "who": list(sessions[:3])},
            )
        )
